/// ONNX ConstantOfShape: a tensor of the shape given by the 1-D int64 input, every element equal to
/// the one-element `value` attribute (float32 0 by default), of that attribute's element type.
struct ConstantOfShape: NodeNamedOperator {
    static let opType = "ConstantOfShape"
    static var supportedOpsets: ClosedRange<Int> { 9...OperatorRegistry.newestOpset }

    let nodeName: String
    let value: Tensor

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 1...1)
        nodeName = node.displayName
        let given = try node.tensor("value") ?? Tensor(scalar: Float(0))
        guard given.count == 1 else {
            throw node.invalid("attribute 'value' must hold one element, it has shape \(given.shape)")
        }
        guard given.elementType != .string else { throw node.invalid("string values are not supported") }
        value = given
    }

    private func outputShape(_ info: TensorInfo) throws -> [Int] {
        guard info.shape.count == 1 else { throw nodeError("the shape input must be 1-D, got shape \(info.shape)") }
        let shape = try knownIntegers(info, "the shape input")
        guard shape.allSatisfy({ $0 >= 0 }) else { throw nodeError("shape \(shape) has a negative dimension") }
        try checkedCount(shape, value.elementType)
        return shape
    }

    func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo] {
        if let folded = try foldedOutputs(inputs, maxElements: 64) { return folded }
        return [TensorInfo(elementType: value.elementType, shape: try outputShape(inputs[0]!))]
    }

    func run(_ inputs: [Tensor?]) throws -> [Tensor] {
        let shape = try outputShape(TensorInfo(inputs[0]!))
        let bytes = value.withUnsafeBytes { Array($0) }
        // A gather that reads nothing but the fill value.
        let reads = shape.map { DataMovement.AxisRead(stride: 0, map: [Int](repeating: -1, count: $0)) }
        if shape.isEmpty { return [value.reshaped([])] }
        return [DataMovement.gather(value, shape: shape, reads: reads, fill: bytes)]
    }
}
