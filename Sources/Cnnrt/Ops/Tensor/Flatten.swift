/// ONNX Flatten: reshapes the input to 2-D, `[d0 * ... * d(axis-1), d(axis) * ... * d(n-1)]`.
/// The axis may be `rank` (giving `[count, 1]`); negative axes count from the back from opset 11.
struct Flatten: NodeNamedOperator {
    static let opType = "Flatten"

    let nodeName: String
    let axis: Int
    let allowsNegativeAxis: Bool

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 1...1)
        nodeName = node.displayName
        axis = try node.int("axis", default: 1)
        allowsNegativeAxis = opset >= 11
        if axis < 0 && !allowsNegativeAxis { throw node.invalid("axis \(axis) is negative before opset 11") }
    }

    private func outputShape(_ input: TensorInfo) throws -> [Int] {
        _ = try elementSize(input.elementType)
        let rank = input.shape.count
        let a = axis < 0 ? axis + rank : axis
        guard a >= 0 && a <= rank else { throw nodeError("axis \(axis) is out of range for rank \(rank)") }
        guard let outer = Shape.elementCount(Array(input.shape[..<a])),
              let inner = Shape.elementCount(Array(input.shape[a...])) else {
            throw nodeError("input shape \(input.shape) overflows")
        }
        return [outer, inner]
    }

    func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo] {
        let input = inputs[0]!
        let shape = try outputShape(input)
        return [TensorInfo(elementType: input.elementType, shape: shape, value: input.value?.reshaped(shape))]
    }

    func run(_ inputs: [Tensor?]) throws -> [Tensor] {
        let input = inputs[0]!
        return [input.reshaped(try outputShape(TensorInfo(input)))]
    }
}
