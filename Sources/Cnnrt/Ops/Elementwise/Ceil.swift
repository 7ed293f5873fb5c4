/// ONNX Ceil: the elementwise smallest integer not below x (NaN and ±inf unchanged).
struct Ceil: FloatUnaryOperator {
    static let opType = "Ceil"
    let label: ElementwiseLabel

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 1...1)
        label = ElementwiseLabel(node)
    }

    func apply<C: ElementwiseFloatMath>(_ x: C) -> C { x.rounded(.up) }
}
