/// ONNX LeakyRelu: the elementwise `x < 0 ? alpha * x : x` (alpha defaults to 0.01).
struct LeakyRelu: FloatUnaryOperator {
    static let opType = "LeakyRelu"
    let label: ElementwiseLabel
    let alpha: Float

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 1...1)
        label = ElementwiseLabel(node)
        alpha = try node.float("alpha", default: 0.01)
    }

    func apply<C: ElementwiseFloatMath>(_ x: C) -> C { x < 0 ? C(alpha) * x : x }
}
