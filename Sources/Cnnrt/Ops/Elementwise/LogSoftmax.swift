/// ONNX LogSoftmax: `x - max - log(sum(exp(x - max)))` along an axis, the log of Softmax computed stably.
///
/// Before opset 13 the input is coerced to 2-D at `axis` (default 1) and each row of the flattened trailing
/// block [axis, rank) is normalized as one; from opset 13 only the single `axis` (default -1) is.
struct LogSoftmax: OperatorDefinition {
    static let opType = "LogSoftmax"
    let reduction: SoftmaxReduction

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 1...1)
        reduction = try SoftmaxReduction(node: node, opset: opset, logarithm: true)
    }

    func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo] { [try reduction.output(inputs[0]!)] }
    func run(_ inputs: [Tensor?]) throws -> [Tensor] { [try reduction.run(inputs[0]!)] }
}
