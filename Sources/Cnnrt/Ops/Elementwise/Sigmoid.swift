/// ONNX Sigmoid: the elementwise logistic function 1 / (1 + exp(-x)).
struct Sigmoid: FloatUnaryOperator {
    static let opType = "Sigmoid"
    let label: ElementwiseLabel

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 1...1)
        label = ElementwiseLabel(node)
    }

    func apply<C: ElementwiseFloatMath>(_ x: C) -> C {
        // exp of a non-positive argument only, so large |x| never overflows to inf/inf.
        if x >= 0 {
            return 1 / (1 + C.mathExp(-x))
        }
        let e = C.mathExp(x)
        return e / (1 + e)
    }
}
