/// ONNX Split: cuts the input along `axis` into one piece per output. The piece sizes come from the
/// `split` attribute (before opset 13) or input (from 13), or from `num_outputs` (opset 18), or else
/// are equal; when the axis does not divide evenly, every piece has ceil(dim / n) elements and the
/// last one gets what is left.
struct Split: NodeNamedOperator {
    static let opType = "Split"

    let nodeName: String
    let axis: Int
    let allowsNegativeAxis: Bool
    let outputCount: Int
    /// Sizes from the attribute (opset < 13).
    let splitAttribute: [Int]?
    /// Sizes come from input 1 (opset >= 13).
    let splitFromInput: Bool

    init(node: Node, opset: Int) throws {
        nodeName = node.displayName
        try node.requireArity(inputs: opset >= 13 ? 1...2 : 1...1, outputs: 1...Int.max)
        outputCount = node.outputs.count
        axis = try node.int("axis", default: 0)
        allowsNegativeAxis = opset >= 11
        if axis < 0 && !allowsNegativeAxis { throw node.invalid("axis \(axis) is negative before opset 11") }
        if opset < 13 {
            splitAttribute = try node.ints("split")
            splitFromInput = false
        } else {
            if node.hasAttribute("split") {
                throw node.invalid("split is an input from opset 13, not an attribute")
            }
            splitAttribute = nil
            splitFromInput = node.inputs.count > 1 && !node.inputs[1].isEmpty
        }
        if let numOutputs = try node.int("num_outputs") {
            guard opset >= 18 else { throw node.invalid("attribute 'num_outputs' needs opset 18") }
            guard !splitFromInput else {
                throw node.invalid("give either the 'split' input or the 'num_outputs' attribute, not both")
            }
            guard numOutputs == outputCount else {
                throw node.invalid("num_outputs is \(numOutputs) but the node has \(outputCount) outputs")
            }
        }
        if let sizes = splitAttribute {
            guard sizes.count == outputCount else {
                throw node.invalid("'split' has \(sizes.count) sizes for \(outputCount) outputs")
            }
        }
    }

    /// The normalized axis and the size of every piece.
    private func plan(_ inputs: [TensorInfo?]) throws -> (axis: Int, sizes: [Int]) {
        let input = inputs[0]!
        _ = try elementSize(input.elementType)
        let axis = try normalizedAxis(self.axis, rank: input.shape.count, allowNegative: allowsNegativeAxis)
        let dim = input.shape[axis]
        var sizes: [Int]
        if let attribute = splitAttribute {
            sizes = attribute
        } else if splitFromInput, let info = inputs[1] {
            sizes = try knownIntegers(info, "input 'split'")
        } else {
            // Equal pieces of ceil(dim / n); the last one takes the remainder.
            let piece = dim / outputCount + (dim % outputCount == 0 ? 0 : 1)
            sizes = [Int](repeating: piece, count: outputCount)
            sizes[outputCount - 1] = dim - piece * (outputCount - 1)
            guard sizes[outputCount - 1] >= 0 else {
                throw nodeError("axis \(axis) of size \(dim) cannot be split into \(outputCount) pieces of "
                    + "\(piece) with a smaller last piece")
            }
        }
        guard sizes.count == outputCount else {
            throw nodeError("'split' has \(sizes.count) sizes for \(outputCount) outputs")
        }
        var total = 0
        for size in sizes {
            guard size >= 0 else { throw nodeError("split sizes must not be negative, got \(sizes)") }
            let (sum, overflow) = total.addingReportingOverflow(size)
            guard !overflow else { throw nodeError("split sizes \(sizes) overflow") }
            total = sum
        }
        guard total == dim else {
            throw nodeError("split sizes \(sizes) add up to \(total), but axis \(axis) has size \(dim)")
        }
        return (axis, sizes)
    }

    func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo] {
        let input = inputs[0]!
        let (axis, sizes) = try plan(inputs)
        return sizes.map { size in
            var shape = input.shape
            shape[axis] = size
            return TensorInfo(elementType: input.elementType, shape: shape)
        }
    }

    func run(_ inputs: [Tensor?]) throws -> [Tensor] {
        let input = inputs[0]!
        let (axis, sizes) = try plan(inputs.map { $0.map(TensorInfo.init) })
        let size = input.elementType.byteSize
        let outer = input.shape[..<axis].reduce(1, *)
        let inner = input.shape[(axis + 1)...].reduce(1, *) * size
        let inBlock = input.shape[axis] * inner
        var outputs: [Tensor] = []
        var offset = 0
        try input.withUnsafeBytes { src in
            for piece in sizes {
                var shape = input.shape
                shape[axis] = piece
                var output = try makeOutput(input.elementType, shape)
                let block = piece * inner
                output.withUnsafeMutableBytesForMovement { dst in
                    for o in 0..<outer {
                        DataMovement.copyBytes(src, from: o &* inBlock &+ offset, dst, to: o &* block, count: block)
                    }
                }
                outputs.append(output)
                offset += block
            }
        }
        return outputs
    }
}
