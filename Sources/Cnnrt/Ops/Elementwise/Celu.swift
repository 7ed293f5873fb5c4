#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// ONNX Celu (opset 12+): the elementwise `max(0, x) + min(0, alpha * (exp(x / alpha) - 1))`
/// (alpha defaults to 1 and must not be 0).
struct Celu: FloatUnaryOperator {
    static let opType = "Celu"
    static var supportedOpsets: ClosedRange<Int> { 12...OperatorRegistry.newestOpset }
    let label: ElementwiseLabel
    let alpha: Float

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 1...1)
        label = ElementwiseLabel(node)
        alpha = try node.float("alpha", default: 1)
        guard alpha != 0, alpha.isFinite else { throw node.invalid("alpha must be finite and non-zero, got \(alpha)") }
    }

    func apply<C: ElementwiseFloatMath>(_ x: C) -> C {
        let a = Double(alpha)
        return elementwiseViaDouble(x) { v in max(0, v) + min(0, a * (exp(v / a) - 1)) }
    }
}
