/// ONNX Min: the elementwise minimum of one or more inputs, with numpy broadcasting
/// (opset 8+; earlier opsets required equal shapes, which broadcasting also accepts).
/// A NaN in any input gives NaN (numpy's `minimum`).
struct Min: VariadicElementwiseOperator {
    static let opType = "Min"
    let label: ElementwiseLabel

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 1...Int(Int32.max))
        guard !node.inputs.contains(where: \.isEmpty) else { throw node.invalid("every input must be present") }
        label = ElementwiseLabel(node)
    }

    func combine<C: ElementwiseCompute>(_ a: C, _ b: C) -> C { C.minPropagatingNaN(a, b) }
}
