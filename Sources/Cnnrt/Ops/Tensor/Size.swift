/// ONNX Size: the number of elements of the input, as an int64 scalar (known during shape inference).
struct Size: NodeNamedOperator {
    static let opType = "Size"

    let nodeName: String

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 1...1)
        nodeName = node.displayName
    }

    private func size(_ shape: [Int]) throws -> Tensor {
        guard let count = Shape.elementCount(shape) else { throw nodeError("input shape \(shape) overflows") }
        return Tensor(scalar: Int64(count))
    }

    func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo] {
        [TensorInfo(try size(inputs[0]!.shape))]
    }

    func run(_ inputs: [Tensor?]) throws -> [Tensor] { [try size(inputs[0]!.shape)] }
}
