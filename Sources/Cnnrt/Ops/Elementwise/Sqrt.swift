/// ONNX Sqrt: the elementwise square root (NaN for negative inputs).
struct Sqrt: FloatUnaryOperator {
    static let opType = "Sqrt"
    let label: ElementwiseLabel

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 1...1)
        label = ElementwiseLabel(node)
    }

    func apply<C: ElementwiseFloatMath>(_ x: C) -> C { x.squareRoot() }
}
