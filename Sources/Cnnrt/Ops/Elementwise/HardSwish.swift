/// ONNX HardSwish (opset 14): the elementwise `x * max(0, min(1, x / 6 + 0.5))`.
struct HardSwish: FloatUnaryOperator {
    static let opType = "HardSwish"
    let label: ElementwiseLabel

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 1...1)
        label = ElementwiseLabel(node)
    }

    func apply<C: ElementwiseFloatMath>(_ x: C) -> C { x * hardSigmoid(x, alpha: 1 / 6, beta: 0.5) }
}
