/// ONNX Abs: the elementwise absolute value. Integers wrap (the absolute value of Int.min is Int.min).
struct Abs: NumericUnaryOperator {
    static let opType = "Abs"
    let label: ElementwiseLabel

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 1...1)
        label = ElementwiseLabel(node)
    }

    func apply<C: ElementwiseCompute>(_ x: C) -> C { C.absolute(x) }
}
