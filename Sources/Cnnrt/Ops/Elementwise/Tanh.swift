/// ONNX Tanh: the elementwise hyperbolic tangent.
struct Tanh: FloatUnaryOperator {
    static let opType = "Tanh"
    let label: ElementwiseLabel

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 1...1)
        label = ElementwiseLabel(node)
    }

    func apply<C: ElementwiseFloatMath>(_ x: C) -> C { C.mathTanh(x) }
}
