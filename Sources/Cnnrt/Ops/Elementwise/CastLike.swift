/// ONNX CastLike (opset 15): Cast of `input` to the element type of `target_type` (whose values are unused).
/// Same conversions and limits as Cast.
struct CastLike: OperatorDefinition {
    static let opType = "CastLike"
    let label: ElementwiseLabel

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 2...2)
        label = ElementwiseLabel(node)
        try Cast.checkSaturate(node)
    }

    func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo] {
        let x = inputs[0]!, target = inputs[1]!
        try Cast.checkSource(x.elementType, label)
        guard target.elementType.isCastScalar else {
            throw label.error("cast to \(target.elementType) is not supported")
        }
        return [TensorInfo(elementType: target.elementType, shape: x.shape)]
    }

    func run(_ inputs: [Tensor?]) throws -> [Tensor] {
        let x = inputs[0]!, target = inputs[1]!
        _ = try inferOutputs([TensorInfo(elementType: x.elementType, shape: x.shape),
                              TensorInfo(elementType: target.elementType, shape: target.shape)])
        return [try castTensor(x, to: target.elementType, label)]
    }
}
