/// ONNX Reciprocal: the elementwise reciprocal 1 / x (±inf at ±0).
struct Reciprocal: FloatUnaryOperator {
    static let opType = "Reciprocal"
    let label: ElementwiseLabel

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 1...1)
        label = ElementwiseLabel(node)
    }

    func apply<C: ElementwiseFloatMath>(_ x: C) -> C { 1 / x }
}
