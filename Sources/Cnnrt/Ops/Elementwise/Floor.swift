/// ONNX Floor: the elementwise largest integer not above x (NaN and ±inf unchanged).
struct Floor: FloatUnaryOperator {
    static let opType = "Floor"
    let label: ElementwiseLabel

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 1...1)
        label = ElementwiseLabel(node)
    }

    func apply<C: ElementwiseFloatMath>(_ x: C) -> C { x.rounded(.down) }
}
