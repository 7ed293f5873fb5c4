/// ONNX Div: the elementwise quotient A / B,
/// with numpy broadcasting (opset 7+) or the legacy `broadcast`/`axis` attributes (before opset 7).
/// Integer division truncates toward zero as in C; an integer division by zero gives 0 (not a trap).
struct Div: BinaryArithmeticOperator {
    static let opType = "Div"
    let label: ElementwiseLabel
    let broadcasting: LegacyBroadcast

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 2...2)
        label = ElementwiseLabel(node)
        broadcasting = try LegacyBroadcast(node: node, opset: opset)
    }

    func combine<C: ElementwiseCompute>(_ a: C, _ b: C) -> C { C.over(a, b) }
}
