/// ONNX CenterCropPad (opset 18+): each listed axis (`axes`, default all) cropped or zero-padded around its
/// center to the length given by the int64 `shape` input. A crop starts at `(in - out) / 2` and padding puts
/// `(out - in) / 2` zeros before the input (rounded down, so an odd extra element is cut or added at the end).
struct CenterCropPad: NodeNamedOperator {
    static let opType = "CenterCropPad"
    static var supportedOpsets: ClosedRange<Int> { 18...OperatorRegistry.newestOpset }

    let nodeName: String
    let axes: [Int]?

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 2...2)
        nodeName = node.displayName
        axes = try node.ints("axes")
    }

    /// The output shape from the input shape and the requested lengths.
    private func outputShape(_ input: [Int], _ lengths: [Int]) throws -> [Int] {
        let rank = input.count
        let axes = try normalizedAxes(self.axes ?? Array(0..<rank), rank: rank)
        guard lengths.count == axes.count else {
            throw nodeError("shape has \(lengths.count) values for \(axes.count) axes")
        }
        var shape = input
        for (axis, length) in zip(axes, lengths) {
            guard length >= 0 else { throw nodeError("shape \(lengths) has a negative length") }
            shape[axis] = length
        }
        return shape
    }

    func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo] {
        let input = inputs[0]!
        _ = try elementSize(input.elementType)
        let shape = try outputShape(input.shape, try knownIntegers(inputs[1]!, "input 'shape'"))
        try checkedCount(shape, input.elementType)
        return [TensorInfo(elementType: input.elementType, shape: shape)]
    }

    func run(_ inputs: [Tensor?]) throws -> [Tensor] {
        let input = inputs[0]!
        _ = try elementSize(input.elementType)
        let shape = try outputShape(input.shape, try integers(inputs[1]!, "input 'shape'"))
        try checkedCount(shape, input.elementType)
        let strides = Shape.strides(input.shape)
        let reads = shape.indices.map { axis -> DataMovement.AxisRead in
            let n = input.shape[axis], out = shape[axis]
            // Output index o reads input o + offset; outside the input it reads the zero fill.
            let offset = out <= n ? (n - out) / 2 : -((out - n) / 2)
            let map = (0..<out).map { o -> Int in
                let i = o + offset
                return i >= 0 && i < n ? i : -1
            }
            return DataMovement.AxisRead(stride: strides[axis], map: map)
        }
        return [DataMovement.gather(input, shape: shape, reads: reads)]
    }
}
