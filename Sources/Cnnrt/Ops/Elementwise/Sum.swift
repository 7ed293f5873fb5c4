/// ONNX Sum: the elementwise sum of one or more inputs, with numpy broadcasting
/// (opset 8+; earlier opsets required equal shapes, which broadcasting also accepts).
/// Added left to right in the element type (integers wrap).
struct Sum: VariadicElementwiseOperator {
    static let opType = "Sum"
    let label: ElementwiseLabel

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 1...Int(Int32.max))
        guard !node.inputs.contains(where: \.isEmpty) else { throw node.invalid("every input must be present") }
        label = ElementwiseLabel(node)
    }

    func combine<C: ElementwiseCompute>(_ a: C, _ b: C) -> C { C.plus(a, b) }
}
