/// ONNX Pow: the elementwise `X ^ Y` with numpy broadcasting (opset 7+) or the legacy `broadcast`/`axis`
/// attributes (before opset 7). The output has X's type; Y may have another numeric type (opset 12+).
///
/// Float bases are computed in Double and rounded once. Integer bases with integral exponents are exact
/// (wrapping on overflow); a negative exponent truncates toward zero (0 unless the base is ±1, and 0 for a
/// zero base); a fractional exponent is computed in Double and truncated as Cast does.
struct Pow: OperatorDefinition {
    static let opType = "Pow"
    let label: ElementwiseLabel
    let broadcasting: LegacyBroadcast

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 2...2)
        label = ElementwiseLabel(node)
        broadcasting = try LegacyBroadcast(node: node, opset: opset)
    }

    func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo] {
        let x = inputs[0]!, y = inputs[1]!
        try label.requireNumeric(x.elementType, "input X")
        try label.requireNumeric(y.elementType, "input Y")
        return [TensorInfo(elementType: x.elementType, shape: try broadcasting.shapes(x.shape, y.shape, label).output)]
    }

    func run(_ inputs: [Tensor?]) throws -> [Tensor] {
        let x = inputs[0]!, y = inputs[1]!
        try label.requireNumeric(x.elementType, "input X")
        try label.requireNumeric(y.elementType, "input Y")
        let shapes = try broadcasting.shapes(x.shape, y.shape, label)
        // Every supported exponent value is exact in Double (integers up to 2^53 in magnitude).
        let exponent = try castTensor(y, to: .double, label)
        let kernel = Kernel(x: x, exponent: exponent, exponentShape: shapes.b, outShape: shapes.output, label: label)
        return [try x.elementType.dispatch(numeric: kernel, label)]
    }

    private struct Kernel: ElementwiseScalarVisitor {
        let x: Tensor
        let exponent: Tensor
        let exponentShape: [Int]
        let outShape: [Int]
        let label: ElementwiseLabel

        func visit<T: ElementwiseScalar>(_ type: T.Type) throws -> Tensor {
            var out = try label.makeTensor(T.elementType, shape: outShape)
            x.withUnsafeBufferPointer(as: T.self) { px in
                exponent.withUnsafeBufferPointer(as: Double.self) { pe in
                    out.withUnsafeMutableBufferPointer(as: T.self) { po in
                        broadcastBinary(px, x.shape, pe, exponentShape, into: po, outShape) { base, e in
                            T.fromCompute(T.Compute.power(base.computeValue, e))
                        }
                    }
                }
            }
            return out
        }
    }
}
