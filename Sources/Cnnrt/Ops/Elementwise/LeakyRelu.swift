/// ONNX LeakyRelu: the elementwise `x < 0 ? alpha * x : x` (alpha defaults to 0.01).
struct LeakyRelu: FloatUnaryOperator {
    static let opType = "LeakyRelu"
    let label: NodeLabel
    let alpha: Float

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 1...1)
        label = NodeLabel(node)
        alpha = try node.float("alpha", default: 0.01)
    }

    func apply<C: ElementwiseFloatMath>(_ x: C) -> C { x < 0 ? C(alpha) * x : x }
}
