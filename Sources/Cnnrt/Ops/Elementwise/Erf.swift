/// ONNX Erf: the elementwise Gauss error function.
struct Erf: FloatUnaryOperator {
    static let opType = "Erf"
    let label: ElementwiseLabel

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 1...1)
        label = ElementwiseLabel(node)
    }

    func apply<C: ElementwiseFloatMath>(_ x: C) -> C { C.mathErf(x) }
}
