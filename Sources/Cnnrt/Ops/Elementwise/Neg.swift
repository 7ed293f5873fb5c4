/// ONNX Neg: the elementwise negation -x. Integers wrap (the negation of Int.min is Int.min; unsigned values wrap).
struct Neg: NumericUnaryOperator {
    static let opType = "Neg"
    let label: ElementwiseLabel

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 1...1)
        label = ElementwiseLabel(node)
    }

    func apply<C: ElementwiseCompute>(_ x: C) -> C { C.negative(x) }
}
