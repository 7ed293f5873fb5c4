/// ONNX Shrink (opset 9+): the elementwise `x < -lambd ? x + bias : (x > lambd ? x - bias : 0)` on a numeric
/// tensor (lambd defaults to 0.5, bias to 0). Computed in Double; integer results truncate as Cast does.
struct Shrink: OperatorDefinition {
    static let opType = "Shrink"
    static var supportedOpsets: ClosedRange<Int> { 9...OperatorRegistry.newestOpset }
    let label: ElementwiseLabel
    let lambd: Double
    let bias: Double

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 1...1)
        label = ElementwiseLabel(node)
        lambd = Double(try node.float("lambd", default: 0.5))
        bias = Double(try node.float("bias", default: 0))
    }

    func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo] {
        let x = inputs[0]!
        try label.requireNumeric(x.elementType)
        return [TensorInfo(elementType: x.elementType, shape: x.shape)]
    }

    func run(_ inputs: [Tensor?]) throws -> [Tensor] {
        let x = inputs[0]!
        try label.requireNumeric(x.elementType)
        return [try x.elementType.dispatch(numeric: Kernel(x: x, lambd: lambd, bias: bias), label)]
    }

    private struct Kernel: ElementwiseScalarVisitor {
        let x: Tensor
        let lambd: Double
        let bias: Double

        func visit<T: ElementwiseScalar>(_ type: T.Type) throws -> Tensor {
            var y = Tensor(zeros: x.elementType, shape: x.shape)
            x.withUnsafeBufferPointer(as: T.self) { px in
                y.withUnsafeMutableBufferPointer(as: T.self) { py in
                    for i in 0..<px.count {
                        let v = px[i].castScalar(to: Double.self)
                        let r: Double = v < -lambd ? v + bias : (v > lambd ? v - bias : 0)
                        py[i] = T.fromCast(r)
                    }
                }
            }
            return y
        }
    }
}
