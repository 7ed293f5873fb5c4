/// ONNX Gather: picks entries of `data` along `axis` by `indices` (int32 or int64; negative ones count
/// from the back). The output shape is `data.shape[..<axis] + indices.shape + data.shape[(axis+1)...]`.
struct Gather: NodeNamedOperator {
    static let opType = "Gather"

    let nodeName: String
    let axis: Int
    let allowsNegativeAxis: Bool

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 2...2)
        nodeName = node.displayName
        axis = try node.int("axis", default: 0)
        allowsNegativeAxis = opset >= 11
        if axis < 0 && !allowsNegativeAxis { throw node.invalid("axis \(axis) is negative before opset 11") }
    }

    private func plan(_ data: TensorInfo, _ indices: TensorInfo) throws -> (axis: Int, shape: [Int]) {
        _ = try elementSize(data.elementType)
        guard indices.elementType == .int64 || indices.elementType == .int32 else {
            throw nodeError("indices must be int32 or int64, got \(indices.elementType)")
        }
        let axis = try normalizedAxis(self.axis, rank: data.shape.count, allowNegative: allowsNegativeAxis)
        let shape = Array(data.shape[..<axis]) + indices.shape + Array(data.shape[(axis + 1)...])
        try checkedCount(shape, data.elementType)
        return (axis, shape)
    }

    func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo] {
        if let folded = try foldedOutputs(inputs) { return folded }
        return [TensorInfo(elementType: inputs[0]!.elementType, shape: try plan(inputs[0]!, inputs[1]!).shape)]
    }

    func run(_ inputs: [Tensor?]) throws -> [Tensor] {
        let data = inputs[0]!, indexTensor = inputs[1]!
        let (axis, shape) = try plan(TensorInfo(data), TensorInfo(indexTensor))
        let dim = data.shape[axis]
        let indices = try integers(indexTensor, "indices").map { i -> Int in
            guard i >= -dim && i < dim else {
                throw nodeError("index \(i) is out of range for axis \(axis) of size \(dim)")
            }
            return i < 0 ? i + dim : i
        }
        var output = try makeOutput(data.elementType, shape)
        let outer = data.shape[..<axis].reduce(1, *)
        let block = data.shape[(axis + 1)...].reduce(1, *) * data.elementType.byteSize
        data.withUnsafeBytes { src in
            output.withUnsafeMutableBytesForMovement { dst in
                var to = 0
                for o in 0..<outer {
                    let base = o &* dim
                    for index in indices {
                        DataMovement.copyBytes(src, from: (base &+ index) &* block, dst, to: to, count: block)
                        to &+= block
                    }
                }
            }
        }
        return [output]
    }
}
