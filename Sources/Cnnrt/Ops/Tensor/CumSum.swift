/// ONNX CumSum (opset 11+): cumulative sums along the axis given by a scalar int32/int64 input (negative
/// counts from the back). With `exclusive` = 1 each sum leaves out its own element; with `reverse` = 1 the
/// sums run from the end. Summed in the element type's compute type (integers wrap).
struct CumSum: NodeNamedOperator {
    static let opType = "CumSum"
    static var supportedOpsets: ClosedRange<Int> { 11...OperatorRegistry.newestOpset }

    let nodeName: String
    let label: ElementwiseLabel
    let exclusive: Bool
    let reverse: Bool

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 2...2)
        nodeName = node.displayName
        label = ElementwiseLabel(node)
        let e = try node.int("exclusive", default: 0), r = try node.int("reverse", default: 0)
        guard (0...1).contains(e), (0...1).contains(r) else {
            throw node.invalid("exclusive and reverse must be 0 or 1, got \(e) and \(r)")
        }
        exclusive = e == 1
        reverse = r == 1
    }

    private func check(_ x: TensorInfo, _ axis: TensorInfo) throws {
        try label.requireNumeric(x.elementType, "input x")
        guard axis.elementType == .int32 || axis.elementType == .int64, axis.shape.reduce(1, *) == 1 else {
            throw nodeError("axis must be an int32 or int64 scalar, got \(axis.elementType) \(axis.shape)")
        }
    }

    func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo] {
        try check(inputs[0]!, inputs[1]!)
        return [TensorInfo(elementType: inputs[0]!.elementType, shape: inputs[0]!.shape)]
    }

    func run(_ inputs: [Tensor?]) throws -> [Tensor] {
        let x = inputs[0]!, axisTensor = inputs[1]!
        try check(TensorInfo(x), TensorInfo(axisTensor))
        let a = try normalizedAxis(try integers(axisTensor, "axis")[0], rank: x.rank)
        let kernel = Kernel(x: x, outer: x.shape[..<a].reduce(1, *), length: x.shape[a],
                            inner: x.shape[(a + 1)...].reduce(1, *), exclusive: exclusive, reverse: reverse)
        return [try x.elementType.dispatch(numeric: kernel, label)]
    }

    private struct Kernel: ElementwiseScalarVisitor {
        let x: Tensor
        let outer: Int
        let length: Int
        let inner: Int
        let exclusive: Bool
        let reverse: Bool

        func visit<T: ElementwiseScalar>(_ type: T.Type) throws -> Tensor {
            var y = Tensor(zeros: x.elementType, shape: x.shape)
            x.withUnsafeBufferPointer(as: T.self) { px in
                y.withUnsafeMutableBufferPointer(as: T.self) { py in
                    for o in 0..<outer {
                        for i in 0..<inner {
                            let base = o &* length &* inner &+ i
                            var sum = T.Compute.zero
                            for step in 0..<length {
                                let k = reverse ? length &- 1 &- step : step
                                let at = base &+ k &* inner
                                let v = px[at].computeValue
                                if exclusive {
                                    py[at] = T.fromCompute(sum)
                                    sum = T.Compute.plus(sum, v)
                                } else {
                                    sum = T.Compute.plus(sum, v)
                                    py[at] = T.fromCompute(sum)
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
