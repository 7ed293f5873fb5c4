/// ONNX Gelu (opset 20+): `0.5 * x * (1 + erf(x / sqrt(2)))`, or with `approximate` = "tanh"
/// `0.5 * x * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 * x^3)))`.
struct Gelu: FloatUnaryOperator {
    static let opType = "Gelu"
    static var supportedOpsets: ClosedRange<Int> { 20...OperatorRegistry.newestOpset }
    let label: ElementwiseLabel
    let tanhApproximation: Bool

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 1...1)
        label = ElementwiseLabel(node)
        let approximate = try node.string("approximate", default: "none")
        switch approximate {
        case "none": tanhApproximation = false
        case "tanh": tanhApproximation = true
        default: throw node.invalid("approximate must be 'none' or 'tanh', got '\(approximate)'")
        }
    }

    func apply<C: ElementwiseFloatMath>(_ x: C) -> C {
        if tanhApproximation {
            let inner = C(0.7978845608028654) * (x + C(0.044715) * x * x * x)   // sqrt(2 / pi)
            return C(0.5) * x * (1 + C.mathTanh(inner))
        }
        return C(0.5) * x * (1 + C.mathErf(x * C(0.7071067811865476)))   // 1 / sqrt(2)
    }
}
