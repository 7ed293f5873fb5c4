/// ONNX Clip: each element limited to [min, max]. Before opset 11 the bounds are float attributes
/// (defaulting to the float32 range); from opset 11 they are optional one-element inputs of X's type, and
/// an absent bound does not limit. When min > max every element becomes max; NaN stays NaN.
struct Clip: OperatorDefinition {
    static let opType = "Clip"
    let label: ElementwiseLabel
    /// The attribute bounds before opset 11; nil from opset 11, where the bounds are inputs.
    let attributeBounds: (min: Float, max: Float)?

    init(node: Node, opset: Int) throws {
        label = ElementwiseLabel(node)
        if opset < 11 {
            try node.requireArity(inputs: 1...1)
            attributeBounds = (try node.float("min", default: -.greatestFiniteMagnitude),
                               try node.float("max", default: .greatestFiniteMagnitude))
        } else {
            try node.requireArity(inputs: 1...3)
            attributeBounds = nil
        }
    }

    /// The shared check of `inferOutputs` and `run`: the output has X's type and shape.
    func output(_ x: TensorInfo, min: TensorInfo?, max: TensorInfo?) throws -> TensorInfo {
        try label.requireNumeric(x.elementType, "input X")
        for (name, bound) in [("min", min), ("max", max)] {
            guard let bound else { continue }
            guard bound.elementType == x.elementType else {
                throw label.error("\(name) has element type \(bound.elementType), X has \(x.elementType)")
            }
            guard Shape.elementCount(bound.shape) == 1 else {
                throw label.error("\(name) must be a scalar, got shape \(bound.shape)")
            }
        }
        return TensorInfo(elementType: x.elementType, shape: x.shape)
    }

    func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo] {
        [try output(inputs[0]!, min: inputs.count > 1 ? inputs[1] : nil, max: inputs.count > 2 ? inputs[2] : nil)]
    }

    func run(_ inputs: [Tensor?]) throws -> [Tensor] {
        let x = inputs[0]!
        let min = inputs.count > 1 ? inputs[1] : nil
        let max = inputs.count > 2 ? inputs[2] : nil
        _ = try output(TensorInfo(x), min: min.map(TensorInfo.init), max: max.map(TensorInfo.init))
        let kernel = Kernel(x: x, min: min, max: max, attributeBounds: attributeBounds)
        return [try x.elementType.dispatch(numeric: kernel, label)]
    }

    private struct Kernel: ElementwiseScalarVisitor {
        let x: Tensor
        let min: Tensor?
        let max: Tensor?
        let attributeBounds: (min: Float, max: Float)?

        func visit<T: ElementwiseScalar>(_ type: T.Type) throws -> Tensor {
            var lo: T.Compute?
            var hi: T.Compute?
            if let attributeBounds {
                lo = T.fromCast(attributeBounds.min).computeValue
                hi = T.fromCast(attributeBounds.max).computeValue
            } else {
                lo = min?.withUnsafeBufferPointer(as: T.self) { $0[0].computeValue }
                hi = max?.withUnsafeBufferPointer(as: T.self) { $0[0].computeValue }
            }
            var y = Tensor(zeros: x.elementType, shape: x.shape)
            x.withUnsafeBufferPointer(as: T.self) { px in
                y.withUnsafeMutableBufferPointer(as: T.self) { py in
                    for i in 0..<px.count {
                        var v = px[i].computeValue
                        // Lower bound first, then upper: with min > max the result is max, as ONNX specifies.
                        if let lo, v < lo { v = lo }
                        if let hi, v > hi { v = hi }
                        py[i] = T.fromCompute(v)
                    }
                }
            }
            return y
        }
    }
}
