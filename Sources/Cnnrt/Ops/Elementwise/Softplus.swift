/// ONNX Softplus: the elementwise `log(exp(x) + 1)`, computed without overflow for large x.
struct Softplus: FloatUnaryOperator {
    static let opType = "Softplus"
    let label: ElementwiseLabel

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 1...1)
        label = ElementwiseLabel(node)
    }

    func apply<C: ElementwiseFloatMath>(_ x: C) -> C { elementwiseViaDouble(x, elementwiseSoftplus) }
}
