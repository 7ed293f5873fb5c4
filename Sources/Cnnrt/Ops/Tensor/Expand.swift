/// ONNX Expand: broadcasts the input to the numpy broadcast of its shape and the given 1-D int64
/// shape (a 1 in either keeps the other's size, so the output may be larger than the given shape).
struct Expand: NodeNamedOperator {
    static let opType = "Expand"
    static var supportedOpsets: ClosedRange<Int> { 8...OperatorRegistry.newestOpset }

    let nodeName: String

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 2...2)
        nodeName = node.displayName
    }

    private func outputShape(_ inputs: [TensorInfo?]) throws -> [Int] {
        let input = inputs[0]!
        _ = try elementSize(input.elementType)
        guard inputs[1]!.shape.count == 1 else {
            throw nodeError("the shape input must be 1-D, got shape \(inputs[1]!.shape)")
        }
        let target = try knownIntegers(inputs[1]!, "the shape input")
        guard target.allSatisfy({ $0 >= 0 }) else { throw nodeError("shape \(target) has a negative dimension") }
        guard let shape = Shape.broadcast(input.shape, target) else {
            throw nodeError("input shape \(input.shape) cannot be broadcast to \(target)")
        }
        try checkedCount(shape, input.elementType)
        return shape
    }

    func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo] {
        if let folded = try foldedOutputs(inputs, maxElements: 1024) { return folded }
        return [TensorInfo(elementType: inputs[0]!.elementType, shape: try outputShape(inputs))]
    }

    func run(_ inputs: [Tensor?]) throws -> [Tensor] {
        let input = inputs[0]!
        let shape = try outputShape(inputs.map { $0.map(TensorInfo.init) })
        let lead = shape.count - input.rank
        let strides = Shape.strides(input.shape)
        let reads = shape.indices.map { axis -> DataMovement.AxisRead in
            // Leading axes that the input lacks, and its size-1 axes, repeat index 0.
            guard axis >= lead, input.shape[axis - lead] != 1 else {
                return DataMovement.AxisRead(stride: 0, map: [Int](repeating: 0, count: shape[axis]))
            }
            return DataMovement.AxisRead(stride: strides[axis - lead], map: Array(0..<shape[axis]))
        }
        return [DataMovement.gather(input, shape: shape, reads: reads)]
    }
}
