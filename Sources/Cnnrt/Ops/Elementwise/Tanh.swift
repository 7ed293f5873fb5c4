/// ONNX Tanh: the elementwise hyperbolic tangent.
struct Tanh: FloatUnaryOperator {
    static let opType = "Tanh"
    let label: NodeLabel

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 1...1)
        label = NodeLabel(node)
    }

    func apply<C: ElementwiseFloatMath>(_ x: C) -> C { C.mathTanh(x) }
}
