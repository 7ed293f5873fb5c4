/// ONNX Concat: joins the inputs along `axis`; all other dimensions must match.
struct Concat: NodeNamedOperator {
    static let opType = "Concat"

    let nodeName: String
    let axis: Int
    let allowsNegativeAxis: Bool

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 1...Int.max)
        try node.requirePresent(inputs: 0..<node.inputs.count)
        nodeName = node.displayName
        // Concat-1 defaulted the axis to 1; from opset 4 it is required.
        if opset < 4 {
            axis = try node.int("axis", default: 1)
        } else {
            guard let value = try node.int("axis") else { throw node.invalid("attribute 'axis' is required") }
            axis = value
        }
        allowsNegativeAxis = opset >= 11
        if axis < 0 && !allowsNegativeAxis { throw node.invalid("axis \(axis) is negative before opset 11") }
    }

    /// The output shape and the normalized axis.
    private func plan(_ inputs: [TensorInfo]) throws -> (shape: [Int], axis: Int) {
        let first = inputs[0]
        _ = try elementSize(first.elementType)
        let axis = try normalizedAxis(self.axis, rank: first.shape.count, allowNegative: allowsNegativeAxis)
        var shape = first.shape
        var total = 0
        for (i, info) in inputs.enumerated() {
            guard info.elementType == first.elementType else {
                throw nodeError("input \(i) is \(info.elementType) but input 0 is \(first.elementType)")
            }
            guard info.shape.count == first.shape.count else {
                throw nodeError("input \(i) has rank \(info.shape.count) but input 0 has rank \(first.shape.count)")
            }
            for a in 0..<shape.count where a != axis && info.shape[a] != first.shape[a] {
                throw nodeError("input \(i) has shape \(info.shape), which differs from \(first.shape) "
                    + "outside axis \(axis)")
            }
            let (sum, overflow) = total.addingReportingOverflow(info.shape[axis])
            guard !overflow else { throw nodeError("concatenated size overflows") }
            total = sum
        }
        shape[axis] = total
        try checkedCount(shape, first.elementType)
        return (shape, axis)
    }

    func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo] {
        if let folded = try foldedOutputs(inputs) { return folded }
        let infos = inputs.map { $0! }
        return [TensorInfo(elementType: infos[0].elementType, shape: try plan(infos).shape)]
    }

    func run(_ inputs: [Tensor?]) throws -> [Tensor] {
        let tensors = inputs.map { $0! }
        let (shape, axis) = try plan(tensors.map(TensorInfo.init))
        var output = try makeOutput(tensors[0].elementType, shape)
        let size = tensors[0].elementType.byteSize
        let outer = shape[..<axis].reduce(1, *)
        let inner = shape[(axis + 1)...].reduce(1, *) * size
        let outBlock = shape[axis] * inner
        output.withUnsafeMutableBytesForMovement { dst in
            var offset = 0
            for tensor in tensors {
                let block = tensor.shape[axis] * inner
                tensor.withUnsafeBytes { src in
                    for o in 0..<outer {
                        DataMovement.copyBytes(src, from: o &* block, dst, to: o &* outBlock &+ offset, count: block)
                    }
                }
                offset += block
            }
        }
        return [output]
    }
}
