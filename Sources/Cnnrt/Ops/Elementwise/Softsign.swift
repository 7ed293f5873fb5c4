/// ONNX Softsign: the elementwise `x / (1 + |x|)`.
struct Softsign: FloatUnaryOperator {
    static let opType = "Softsign"
    let label: ElementwiseLabel

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 1...1)
        label = ElementwiseLabel(node)
    }

    func apply<C: ElementwiseFloatMath>(_ x: C) -> C { x / (1 + x.magnitude) }
}
