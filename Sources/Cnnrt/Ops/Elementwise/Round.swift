/// ONNX Round (opset 11+): each element rounded to the nearest integer, halves to even (numpy's round).
struct Round: FloatUnaryOperator {
    static let opType = "Round"
    static var supportedOpsets: ClosedRange<Int> { 11...OperatorRegistry.newestOpset }
    let label: ElementwiseLabel

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 1...1)
        label = ElementwiseLabel(node)
    }

    func apply<C: ElementwiseFloatMath>(_ x: C) -> C { x.rounded(.toNearestOrEven) }
}
