/// ONNX HardSigmoid: the elementwise `max(0, min(1, alpha * x + beta))` (alpha 0.2, beta 0.5 by default).
struct HardSigmoid: FloatUnaryOperator {
    static let opType = "HardSigmoid"
    let label: ElementwiseLabel
    let alpha: Float
    let beta: Float

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 1...1)
        label = ElementwiseLabel(node)
        alpha = try node.float("alpha", default: 0.2)
        beta = try node.float("beta", default: 0.5)
    }

    func apply<C: ElementwiseFloatMath>(_ x: C) -> C { hardSigmoid(x, alpha: C(alpha), beta: C(beta)) }
}

/// `max(0, min(1, alpha * x + beta))`, keeping NaN (shared with HardSwish).
@inline(__always)
func hardSigmoid<C: ElementwiseFloatMath>(_ x: C, alpha: C, beta: C) -> C {
    let v = alpha * x + beta
    return v < 0 ? 0 : (v > 1 ? 1 : v)
}
