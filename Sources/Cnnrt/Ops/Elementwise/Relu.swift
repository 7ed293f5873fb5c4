/// ONNX Relu: the elementwise max(0, x), for float and (opset 14+) integer tensors; NaN stays NaN.
struct Relu: NumericUnaryOperator {
    static let opType = "Relu"
    let label: ElementwiseLabel

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 1...1)
        label = ElementwiseLabel(node)
    }

    func apply<C: ElementwiseCompute>(_ x: C) -> C { x < C.zero ? C.zero : x }
}
