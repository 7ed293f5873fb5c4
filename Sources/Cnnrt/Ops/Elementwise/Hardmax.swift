/// ONNX Hardmax: 1 at the first maximum of each row along an axis and 0 elsewhere (a NaN counts as the
/// maximum, as numpy's argmax). The rows follow Softmax's rules: before opset 13 the flattened trailing block
/// from `axis` (default 1); from opset 13 the single `axis` (default -1).
struct Hardmax: OperatorDefinition {
    static let opType = "Hardmax"
    let reduction: SoftmaxReduction

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 1...1)
        reduction = try SoftmaxReduction(node: node, opset: opset, logarithm: false)
    }

    func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo] { [try reduction.output(inputs[0]!)] }

    func run(_ inputs: [Tensor?]) throws -> [Tensor] {
        let x = inputs[0]!
        _ = try reduction.output(TensorInfo(x))
        let g = try reduction.geometry(x.shape)
        return [try x.elementType.dispatch(float: Kernel(x: x, outer: g.outer, length: g.length, inner: g.inner),
                                           reduction.label)]
    }

    private struct Kernel: ElementwiseFloatVisitor {
        let x: Tensor
        let outer: Int
        let length: Int
        let inner: Int

        func visit<T: ElementwiseFloat>(_ type: T.Type) throws -> Tensor {
            var y = Tensor(zeros: x.elementType, shape: x.shape)
            guard length > 0 else { return y }
            let one = T.fromCompute(1)
            x.withUnsafeBufferPointer(as: T.self) { px in
                y.withUnsafeMutableBufferPointer(as: T.self) { py in
                    for o in 0..<outer {
                        for i in 0..<inner {
                            let base = o &* length &* inner &+ i
                            var best = 0
                            var bestValue = px[base].computeValue
                            var k = 1
                            while k < length && !bestValue.isNaN {
                                let v = px[base &+ k &* inner].computeValue
                                if v.isNaN || v > bestValue {
                                    best = k
                                    bestValue = v
                                }
                                k &+= 1
                            }
                            py[base &+ best &* inner] = one
                        }
                    }
                }
            }
            return y
        }
    }
}
