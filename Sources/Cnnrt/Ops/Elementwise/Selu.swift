/// ONNX Selu: the elementwise `gamma * (x > 0 ? x : alpha * (exp(x) - 1))`, with the self-normalizing
/// constants alpha ≈ 1.6733 and gamma ≈ 1.0507 as defaults.
struct Selu: FloatUnaryOperator {
    static let opType = "Selu"
    let label: ElementwiseLabel
    let alpha: Float
    let gamma: Float

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 1...1)
        label = ElementwiseLabel(node)
        alpha = try node.float("alpha", default: 1.67326319217681884765625)
        gamma = try node.float("gamma", default: 1.05070102214813232421875)
    }

    func apply<C: ElementwiseFloatMath>(_ x: C) -> C {
        x > 0 ? C(gamma) * x : C(gamma) * (C(alpha) * C.mathExp(x) - C(alpha))
    }
}
