/// ONNX Reshape: the same elements with a new shape. In the target shape a 0 copies the input's
/// dimension at that index (unless `allowzero` = 1, opset 14, where 0 is a real zero) and one -1 is
/// inferred from the element count. The shape is an attribute before opset 5 and an input from 5.
struct Reshape: NodeNamedOperator {
    static let opType = "Reshape"

    let nodeName: String
    let shapeAttribute: [Int]?
    let allowZero: Bool

    init(node: Node, opset: Int) throws {
        nodeName = node.displayName
        if opset < 5 {
            try node.requireArity(inputs: 1...1)
            guard let shape = try node.ints("shape") else { throw node.invalid("attribute 'shape' is required") }
            shapeAttribute = shape
        } else {
            try node.requireArity(inputs: 2...2)
            shapeAttribute = nil
        }
        let allowZeroValue = opset >= 14 ? try node.int("allowzero", default: 0) : 0
        guard allowZeroValue == 0 || allowZeroValue == 1 else {
            throw node.invalid("allowzero must be 0 or 1, got \(allowZeroValue)")
        }
        allowZero = allowZeroValue == 1
    }

    private func outputShape(_ inputs: [TensorInfo?]) throws -> [Int] {
        let input = inputs[0]!
        _ = try elementSize(input.elementType)
        let requested = try shapeAttribute ?? knownIntegers(inputs[1]!, "input 'shape'")
        guard let count = Shape.elementCount(input.shape) else { throw nodeError("input shape overflows") }
        let shape = try Self.resolve(requested, input: input.shape, count: count, allowZero: allowZero,
                                     error: nodeError)
        // An empty input may take any shape with an empty axis; keep its other axes within the limit too.
        try checkedCount(shape, input.elementType)
        return shape
    }

    /// Resolves 0 and -1 entries of `requested` against the input shape and element count.
    static func resolve(_ requested: [Int], input: [Int], count: Int, allowZero: Bool,
                        error: (String) -> CnnrtError) throws -> [Int] {
        var shape = requested
        var inferred: Int?
        for (i, d) in requested.enumerated() {
            switch d {
            case -1:
                guard inferred == nil else { throw error("shape \(requested) has more than one -1") }
                inferred = i
            case 0 where !allowZero:
                guard i < input.count else {
                    throw error("shape \(requested) copies dimension \(i) with 0, but the input \(input) has "
                        + "rank \(input.count)")
                }
                shape[i] = input[i]
            case ..<0:
                throw error("shape \(requested) has the invalid dimension \(d)")
            default:
                break
            }
        }
        if allowZero && inferred != nil && requested.contains(0) {
            throw error("shape \(requested) has both -1 and 0 with allowzero = 1")
        }
        if let index = inferred {
            var known = shape
            known[index] = 1
            guard let product = Shape.elementCount(known) else { throw error("shape \(requested) overflows") }
            guard product != 0 else {
                throw error("cannot infer the -1 in \(requested): the other dimensions have no elements")
            }
            guard count % product == 0 else {
                throw error("cannot reshape \(input) (\(count) elements) to \(requested)")
            }
            shape[index] = count / product
        }
        guard Shape.elementCount(shape) == count else {
            throw error("cannot reshape \(input) (\(count) elements) to \(requested) (resolved \(shape))")
        }
        return shape
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
