/// ONNX Range (opset 11+): the 1-D tensor `start + i * delta` for `i` in `0..<max(ceil((limit - start) /
/// delta), 0)`, from three scalars of one type (float32, float64, float16, bfloat16, int16, int32, int64).
/// The count is computed in float32 (float64 for float64 inputs, exactly for integers); float values are
/// computed in Double and rounded once, integer values wrap. The output length depends on the input values.
struct RangeOperator: NodeNamedOperator {
    static let opType = "Range"
    static var supportedOpsets: ClosedRange<Int> { 11...OperatorRegistry.newestOpset }

    let nodeName: String

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 3...3)
        nodeName = node.displayName
        // stash_type (opset 27) only sets the precision of the 16-bit float count, already float32 or better.
        let stash = try node.int("stash_type", default: 1)
        guard stash == 1 || stash == 11 else { throw node.invalid("stash_type must be 1 or 11, got \(stash)") }
    }

    private static let types: [ElementType] = [.float, .double, .float16, .bfloat16, .int16, .int32, .int64]

    /// The element type and output length for the three input values.
    private func plan(_ start: Tensor, _ limit: Tensor, _ delta: Tensor) throws -> (ElementType, Int) {
        let type = start.elementType
        guard Self.types.contains(type) else { throw nodeError("element type \(type) is not supported") }
        for (name, t) in [("limit", limit), ("delta", delta)] where t.elementType != type {
            throw nodeError("\(name) has element type \(t.elementType), start has \(type)")
        }
        for (name, t) in [("start", start), ("limit", limit), ("delta", delta)] where t.count != 1 {
            throw nodeError("\(name) must be a scalar, got shape \(t.shape)")
        }
        let count: Int
        if type.isFloatingPoint {
            let s = start.doubles()[0], l = limit.doubles()[0], d = delta.doubles()[0]
            // As the spec's function body: in float32, or float64 for float64 inputs.
            let steps = type == .double
                ? ((l - s) / d).rounded(.up)
                : Double(((Float(l) - Float(s)) / Float(d)).rounded(.up))
            guard !steps.isNaN, steps < Double(Int.max) else {
                throw nodeError("the range from \(s) to \(l) by \(d) has no finite length")
            }
            count = steps > 0 ? Int(steps) : 0
        } else {
            let s = start.integers()![0], l = limit.integers()![0], d = delta.integers()![0]
            guard d != 0 else { throw nodeError("delta must not be 0") }
            let (span, overflow) = l.subtractingReportingOverflow(s)
            guard !overflow else { throw nodeError("the range from \(s) to \(l) overflows") }
            let (q, quotientOverflow) = span.dividedReportingOverflow(by: d)
            guard !quotientOverflow else { throw nodeError("the range from \(s) to \(l) by \(d) is too long") }
            let r = span - q * d
            let steps = q + ((r != 0 && (r > 0) == (d > 0)) ? 1 : 0)   // ceiling division
            count = Int(max(0, steps))
        }
        try checkedCount([count], type)
        return (type, count)
    }

    func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo] {
        let values = try ["start", "limit", "delta"].enumerated().map {
            try knownValue(inputs[$0.offset]!, "input '\($0.element)'")
        }
        let (type, count) = try plan(values[0], values[1], values[2])
        if count <= 64 { return try run(values).map(TensorInfo.init) }
        return [TensorInfo(elementType: type, shape: [count])]
    }

    func run(_ inputs: [Tensor?]) throws -> [Tensor] {
        let start = inputs[0]!, delta = inputs[2]!
        let (type, count) = try plan(start, inputs[1]!, delta)
        if type.isFloatingPoint {
            let s = start.doubles()[0], d = delta.doubles()[0]
            let values = (0..<count).map { s + Double($0) * d }
            return [DataMovement.floatingTensor(values, type: type, shape: [count])]
        }
        let s = start.integers()![0], d = delta.integers()![0]
        let values = (0..<count).map { s &+ Int64($0) &* d }
        switch type {
        case .int16: return [Tensor(shape: [count], scalars: values.map { Int16(truncatingIfNeeded: $0) })]
        case .int32: return [Tensor(shape: [count], scalars: values.map { Int32(truncatingIfNeeded: $0) })]
        default: return [Tensor(shape: [count], scalars: values)]
        }
    }
}
