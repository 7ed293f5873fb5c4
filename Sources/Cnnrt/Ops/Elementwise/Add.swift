/// ONNX Add: the elementwise sum A + B,
/// with numpy broadcasting (opset 7+) or the legacy `broadcast`/`axis` attributes (before opset 7).
/// Integers wrap on overflow.
struct Add: BinaryArithmeticOperator {
    static let opType = "Add"
    let label: ElementwiseLabel
    let broadcasting: LegacyBroadcast

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 2...2)
        label = ElementwiseLabel(node)
        broadcasting = try LegacyBroadcast(node: node, opset: opset)
    }

    func combine<C: ElementwiseCompute>(_ a: C, _ b: C) -> C { C.plus(a, b) }
}
