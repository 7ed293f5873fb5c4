/// ONNX ThresholdedRelu (opset 10+): the elementwise `x > alpha ? x : 0` (alpha defaults to 1).
struct ThresholdedRelu: FloatUnaryOperator {
    static let opType = "ThresholdedRelu"
    static var supportedOpsets: ClosedRange<Int> { 10...OperatorRegistry.newestOpset }
    let label: ElementwiseLabel
    let alpha: Float

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 1...1)
        label = ElementwiseLabel(node)
        alpha = try node.float("alpha", default: 1)
    }

    func apply<C: ElementwiseFloatMath>(_ x: C) -> C { x > C(alpha) ? x : 0 }
}
