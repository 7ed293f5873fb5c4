/// ONNX Log: the elementwise natural logarithm (-inf at 0, NaN below).
struct Log: FloatUnaryOperator {
    static let opType = "Log"
    let label: ElementwiseLabel

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 1...1)
        label = ElementwiseLabel(node)
    }

    func apply<C: ElementwiseFloatMath>(_ x: C) -> C { C.mathLog(x) }
}
