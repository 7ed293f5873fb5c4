/// ONNX Identity: the output is the input.
struct Identity: OperatorDefinition {
    static let opType = "Identity"

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 1...1)
    }

    func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo] {
        [inputs[0]!]
    }

    func run(_ inputs: [Tensor?]) throws -> [Tensor] {
        [inputs[0]!]
    }
}
