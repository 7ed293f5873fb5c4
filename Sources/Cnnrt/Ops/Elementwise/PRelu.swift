/// ONNX PRelu: the elementwise `x < 0 ? slope * x : x`, with `slope` broadcast unidirectionally to X's shape
/// (for example [C, 1, 1] for a per-channel slope of an [N, C, H, W] input). Float and integer types.
struct PRelu: OperatorDefinition {
    static let opType = "PRelu"
    let label: ElementwiseLabel

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 2...2)
        label = ElementwiseLabel(node)
    }

    /// The shared check of `inferOutputs` and `run`; the output has X's type and shape.
    func output(x: ElementType, _ xShape: [Int], slope: ElementType, _ slopeShape: [Int]) throws -> TensorInfo {
        try label.requireNumeric(x, "input X")
        guard slope == x else { throw label.error("slope has element type \(slope), X has \(x)") }
        guard Shape.broadcast(xShape, slopeShape) == xShape else {
            throw label.error("slope shape \(slopeShape) does not broadcast to X's shape \(xShape)")
        }
        return TensorInfo(elementType: x, shape: xShape)
    }

    func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo] {
        let x = inputs[0]!, slope = inputs[1]!
        return [try output(x: x.elementType, x.shape, slope: slope.elementType, slope.shape)]
    }

    func run(_ inputs: [Tensor?]) throws -> [Tensor] {
        let x = inputs[0]!, slope = inputs[1]!
        _ = try output(x: x.elementType, x.shape, slope: slope.elementType, slope.shape)
        return [try x.elementType.dispatch(numeric: Kernel(x: x, slope: slope), label)]
    }

    private struct Kernel: ElementwiseScalarVisitor {
        let x: Tensor
        let slope: Tensor

        func visit<T: ElementwiseScalar>(_ type: T.Type) throws -> Tensor {
            var y = Tensor(zeros: x.elementType, shape: x.shape)
            x.withUnsafeBufferPointer(as: T.self) { px in
                slope.withUnsafeBufferPointer(as: T.self) { ps in
                    y.withUnsafeMutableBufferPointer(as: T.self) { py in
                        broadcastBinary(px, x.shape, ps, slope.shape, into: py, x.shape) { v, s in
                            let c = v.computeValue
                            return c < T.Compute.zero ? T.fromCompute(T.Compute.times(s.computeValue, c)) : v
                        }
                    }
                }
            }
            return y
        }
    }
}
