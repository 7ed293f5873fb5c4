/// ONNX Unsqueeze: inserts size-1 axes at the listed positions of the output. The axes are an
/// attribute before opset 13 and an input from 13; negative axes (counted on the output rank) from 11.
struct Unsqueeze: NodeNamedOperator {
    static let opType = "Unsqueeze"

    let nodeName: String
    let opset: Int
    let axesAttribute: [Int]?

    init(node: Node, opset: Int) throws {
        nodeName = node.displayName
        self.opset = opset
        if opset < 13 {
            try node.requireArity(inputs: 1...1)
            guard let axes = try node.ints("axes") else { throw node.invalid("attribute 'axes' is required") }
            axesAttribute = axes
        } else {
            try node.requireArity(inputs: 2...2)
            if node.hasAttribute("axes") { throw node.invalid("axes is an input from opset 13, not an attribute") }
            axesAttribute = nil
        }
    }

    private func outputShape(_ inputs: [TensorInfo?]) throws -> [Int] {
        let input = inputs[0]!
        _ = try elementSize(input.elementType)
        let given = try axesAttribute ?? knownIntegers(inputs[1]!, "input 'axes'")
        let rank = input.shape.count + given.count
        let axes = Set(try normalizedAxes(given, rank: rank, allowNegative: opset >= 11))
        var remaining = input.shape.makeIterator()
        return (0..<rank).map { axes.contains($0) ? 1 : remaining.next()! }
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
