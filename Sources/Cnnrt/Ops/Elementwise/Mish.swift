#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// ONNX Mish (opset 18+): the elementwise `x * tanh(softplus(x))`.
struct Mish: FloatUnaryOperator {
    static let opType = "Mish"
    static var supportedOpsets: ClosedRange<Int> { 18...OperatorRegistry.newestOpset }
    let label: ElementwiseLabel

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 1...1)
        label = ElementwiseLabel(node)
    }

    func apply<C: ElementwiseFloatMath>(_ x: C) -> C { elementwiseViaDouble(x) { $0 * tanh(elementwiseSoftplus($0)) } }
}
