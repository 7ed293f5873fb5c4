/// ONNX Slice: takes `starts[i] ..< ends[i]` by `steps[i]` along `axes[i]`, like numpy's `a[start:end:step]`.
/// Before opset 10 starts, ends and axes are attributes and the step is 1; from opset 10 they (and
/// steps) are inputs. Negative starts and ends count from the back of the axis; the results are clamped
/// to `[0, dim]` for positive steps and to `[0, dim - 1]` (starts) and `[-1, dim - 1]` (ends) for
/// negative steps, so INT64_MAX and INT64_MIN select through the end or the front.
struct SliceOperator: NodeNamedOperator {
    static let opType = "Slice"

    let nodeName: String
    let opset: Int
    /// Attribute values (opset < 10).
    let attributeStarts: [Int]?
    let attributeEnds: [Int]?
    let attributeAxes: [Int]?

    init(node: Node, opset: Int) throws {
        nodeName = node.displayName
        self.opset = opset
        if opset < 10 {
            try node.requireArity(inputs: 1...1)
            guard let starts = try node.ints("starts"), let ends = try node.ints("ends") else {
                throw node.invalid("attributes 'starts' and 'ends' are required")
            }
            attributeStarts = starts
            attributeEnds = ends
            attributeAxes = try node.ints("axes")
        } else {
            try node.requireArity(inputs: 3...5)
            attributeStarts = nil
            attributeEnds = nil
            attributeAxes = nil
        }
    }

    /// One sliced axis: the first index, the step and the number of elements taken.
    struct AxisSlice: Equatable {
        var start: Int
        var step: Int
        var count: Int
    }

    /// The effective slice of every axis of the input.
    private func plan(_ inputs: [TensorInfo?]) throws -> [AxisSlice] {
        let input = inputs[0]!
        _ = try elementSize(input.elementType)
        let dims = input.shape
        let starts: [Int], ends: [Int], axesGiven: [Int]?, steps: [Int]?
        if opset < 10 {
            starts = attributeStarts!
            ends = attributeEnds!
            axesGiven = attributeAxes
            steps = nil
        } else {
            starts = try knownIntegers(inputs[1]!, "input 'starts'")
            ends = try knownIntegers(inputs[2]!, "input 'ends'")
            axesGiven = try inputs.count > 3 ? inputs[3].map { try knownIntegers($0, "input 'axes'") } : nil
            steps = try inputs.count > 4 ? inputs[4].map { try knownIntegers($0, "input 'steps'") } : nil
        }
        guard starts.count == ends.count else {
            throw nodeError("starts has \(starts.count) values but ends has \(ends.count)")
        }
        let axes = try normalizedAxes(axesGiven ?? Array(0..<starts.count), rank: dims.count,
                                      allowNegative: opset >= 11)
        guard axes.count == starts.count else {
            throw nodeError("axes has \(axes.count) values but starts has \(starts.count)")
        }
        if let steps, steps.count != starts.count {
            throw nodeError("steps has \(steps.count) values but starts has \(starts.count)")
        }
        var slices = dims.map { AxisSlice(start: 0, step: 1, count: $0) }
        for (i, axis) in axes.enumerated() {
            let step = steps?[i] ?? 1
            guard step != 0 else { throw nodeError("steps must not be 0") }
            slices[axis] = Self.slice(dim: dims[axis], start: starts[i], end: ends[i], step: step)
        }
        return slices
    }

    /// Applies the spec's adjustment and clamping to one axis.
    static func slice(dim: Int, start: Int, end: Int, step: Int) -> AxisSlice {
        guard dim > 0 else { return AxisSlice(start: 0, step: step, count: 0) }
        // Negative values count from the back; adding dim cannot overflow since dim >= 0.
        var s = start < 0 ? start + dim : start
        var e = end < 0 ? end + dim : end
        let count: Int
        if step > 0 {
            s = min(max(s, 0), dim)
            e = min(max(e, 0), dim)
            count = e > s ? (e - s - 1) / step + 1 : 0
        } else {
            s = min(max(s, 0), dim - 1)
            e = min(max(e, -1), dim - 1)
            let magnitude = step == Int.min ? Int.max : -step
            count = s > e ? (s - e - 1) / magnitude + 1 : 0
        }
        return AxisSlice(start: s, step: step, count: count)
    }

    func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo] {
        if let folded = try foldedOutputs(inputs) { return folded }
        return [TensorInfo(elementType: inputs[0]!.elementType, shape: try plan(inputs).map(\.count))]
    }

    func run(_ inputs: [Tensor?]) throws -> [Tensor] {
        let input = inputs[0]!
        let slices = try plan(inputs.map { $0.map(TensorInfo.init) })
        let shape = slices.map(\.count)
        try checkedCount(shape, input.elementType)
        let strides = Shape.strides(input.shape)
        let reads = slices.enumerated().map { axis, slice in
            DataMovement.AxisRead(stride: strides[axis],
                                  map: (0..<slice.count).map { slice.start &+ $0 &* slice.step })
        }
        return [DataMovement.gather(input, shape: shape, reads: reads)]
    }
}
