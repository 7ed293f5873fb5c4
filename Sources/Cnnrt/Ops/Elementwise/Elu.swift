/// ONNX Elu: the elementwise `x < 0 ? alpha * (exp(x) - 1) : x` (alpha defaults to 1).
struct Elu: FloatUnaryOperator {
    static let opType = "Elu"
    let label: ElementwiseLabel
    let alpha: Float

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 1...1)
        label = ElementwiseLabel(node)
        alpha = try node.float("alpha", default: 1)
    }

    func apply<C: ElementwiseFloatMath>(_ x: C) -> C { x < 0 ? C(alpha) * (C.mathExp(x) - 1) : x }
}
