/// ONNX Softmax: `exp(x - max) / sum(exp(x - max))` along an axis, with the max subtracted for stability.
///
/// Before opset 13 the input is coerced to 2-D at `axis` (default 1) and each row of the flattened trailing
/// block [axis, rank) is normalized as one; from opset 13 only the single `axis` (default -1) is.
struct Softmax: OperatorDefinition {
    static let opType = "Softmax"
    let reduction: SoftmaxReduction

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 1...1)
        reduction = try SoftmaxReduction(node: node, opset: opset, logarithm: false)
    }

    func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo] { [try reduction.output(inputs[0]!)] }
    func run(_ inputs: [Tensor?]) throws -> [Tensor] { [try reduction.run(inputs[0]!)] }
}

/// The computation shared by Softmax and LogSoftmax: the axis rules of each opset and the loop.
struct SoftmaxReduction: Sendable {
    let label: ElementwiseLabel
    let axis: Int
    /// Opset 13+: normalize along `axis` alone; before: over the flattened block from `axis` on.
    let singleAxis: Bool
    /// LogSoftmax instead of Softmax.
    let logarithm: Bool

    init(node: Node, opset: Int, logarithm: Bool) throws {
        label = ElementwiseLabel(node)
        singleAxis = opset >= 13
        axis = try node.int("axis", default: singleAxis ? -1 : 1)
        self.logarithm = logarithm
    }

    /// The input viewed as [outer, length, inner], normalized along the middle dimension.
    func geometry(_ shape: [Int]) throws -> (outer: Int, length: Int, inner: Int) {
        guard let a = Shape.normalizeAxis(axis, rank: shape.count) else {
            throw label.error("axis \(axis) is out of range for an input of rank \(shape.count)")
        }
        let outer = shape[..<a].reduce(1, *)
        if singleAxis {
            return (outer, shape[a], shape[(a + 1)...].reduce(1, *))
        }
        return (outer, shape[a...].reduce(1, *), 1)
    }

    func output(_ x: TensorInfo) throws -> TensorInfo {
        try label.requireFloat(x.elementType)
        guard Shape.elementCount(x.shape) != nil else { throw label.error("input shape \(x.shape) is invalid") }
        _ = try geometry(x.shape)
        return TensorInfo(elementType: x.elementType, shape: x.shape)
    }

    func run(_ x: Tensor) throws -> Tensor {
        _ = try output(TensorInfo(x))
        let g = try geometry(x.shape)
        return try x.elementType.dispatch(float: Kernel(x: x, outer: g.outer, length: g.length, inner: g.inner,
                                                        logarithm: logarithm), label)
    }

    private struct Kernel: ElementwiseFloatVisitor {
        let x: Tensor
        let outer: Int
        let length: Int
        let inner: Int
        let logarithm: Bool

        func visit<T: ElementwiseFloat>(_ type: T.Type) throws -> Tensor {
            var y = Tensor(zeros: x.elementType, shape: x.shape)
            guard length > 0 else { return y }
            // One row's exponentials, kept in the compute type so float16 rounds only once.
            var exponentials = [T.Compute](repeating: 0, count: length)
            x.withUnsafeBufferPointer(as: T.self) { px in
                y.withUnsafeMutableBufferPointer(as: T.self) { py in
                    exponentials.withUnsafeMutableBufferPointer { e in
                        for o in 0..<outer {
                            for i in 0..<inner {
                                let base = o &* length &* inner &+ i
                                var maximum = px[base].computeValue
                                for k in 1..<length {
                                    maximum = T.Compute.maxPropagatingNaN(maximum, px[base &+ k &* inner].computeValue)
                                }
                                var sum: T.Compute = 0
                                for k in 0..<length {
                                    e[k] = T.Compute.mathExp(px[base &+ k &* inner].computeValue - maximum)
                                    sum += e[k]
                                }
                                if logarithm {
                                    let logSum = T.Compute.mathLog(sum)
                                    for k in 0..<length {
                                        let shifted = px[base &+ k &* inner].computeValue - maximum
                                        py[base &+ k &* inner] = T.fromCompute(shifted - logSum)
                                    }
                                } else {
                                    for k in 0..<length { py[base &+ k &* inner] = T.fromCompute(e[k] / sum) }
                                }
                            }
                        }
                    }
                }
            }
            return y
        }
    }
}
