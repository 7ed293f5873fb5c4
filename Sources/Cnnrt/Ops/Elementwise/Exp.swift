/// ONNX Exp: the elementwise natural exponential.
struct Exp: FloatUnaryOperator {
    static let opType = "Exp"
    let label: ElementwiseLabel

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 1...1)
        label = ElementwiseLabel(node)
    }

    func apply<C: ElementwiseFloatMath>(_ x: C) -> C { C.mathExp(x) }
}
