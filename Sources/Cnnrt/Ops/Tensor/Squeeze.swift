/// ONNX Squeeze: removes the listed size-1 axes, or every size-1 axis when no axes are given. The axes
/// are an attribute before opset 13 and an optional input from 13; negative axes from opset 11.
struct Squeeze: NodeNamedOperator {
    static let opType = "Squeeze"

    let nodeName: String
    let opset: Int
    let axesAttribute: [Int]?

    init(node: Node, opset: Int) throws {
        nodeName = node.displayName
        self.opset = opset
        if opset < 13 {
            try node.requireArity(inputs: 1...1)
            axesAttribute = try node.ints("axes")
        } else {
            try node.requireArity(inputs: 1...2)
            if node.hasAttribute("axes") { throw node.invalid("axes is an input from opset 13, not an attribute") }
            axesAttribute = nil
        }
    }

    private func outputShape(_ inputs: [TensorInfo?]) throws -> [Int] {
        let input = inputs[0]!
        _ = try elementSize(input.elementType)
        let given = try axesAttribute ?? (inputs.count > 1 ? inputs[1].map { try knownIntegers($0, "input 'axes'") }
                                                            : nil)
        let shape = input.shape
        guard let given, !given.isEmpty else { return shape.filter { $0 != 1 } }
        let axes = Set(try normalizedAxes(given, rank: shape.count, allowNegative: opset >= 11))
        for axis in axes where shape[axis] != 1 {
            throw nodeError("cannot squeeze axis \(axis) of size \(shape[axis]) (input shape \(shape))")
        }
        return shape.indices.filter { !axes.contains($0) }.map { shape[$0] }
    }

    func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo] {
        let shape = try outputShape(inputs)
        let input = inputs[0]!
        return [TensorInfo(elementType: input.elementType, shape: shape, value: input.value?.reshaped(shape))]
    }

    func run(_ inputs: [Tensor?]) throws -> [Tensor] {
        [inputs[0]!.reshaped(try outputShape(inputs.map { $0.map(TensorInfo.init) }))]
    }
}
