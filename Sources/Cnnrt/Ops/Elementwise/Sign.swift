/// ONNX Sign (opset 9+): the elementwise sign, -1, 0 or 1, of a numeric tensor; NaN stays NaN.
struct Sign: NumericUnaryOperator {
    static let opType = "Sign"
    static var supportedOpsets: ClosedRange<Int> { 9...OperatorRegistry.newestOpset }
    let label: ElementwiseLabel

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 1...1)
        label = ElementwiseLabel(node)
    }

    func apply<C: ElementwiseCompute>(_ x: C) -> C {
        // Zero and NaN (which compares neither way) are returned as they are.
        x > C.zero ? C.one : (x < C.zero ? C.negative(C.one) : x)
    }
}
