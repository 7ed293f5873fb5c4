/// ONNX Pad: adds `pads[i]` elements before and `pads[i + n]` after each axis (negative pads crop),
/// filled by mode: `constant` (a value), `reflect` (mirror without repeating the edge), `edge` (repeat
/// the edge) or `wrap` (opset 19, periodic). Before opset 11 the pads and the float `value` are
/// attributes (`paddings` in Pad-1); from 11 they are inputs (`pads`, optional `constant_value`), and
/// opset 18 adds an optional `axes` input that the pads refer to.
///
/// Negative pads are applied first (cropping), then the positive pads extend what is left, so reflect,
/// edge and wrap read from the cropped input.
struct Pad: NodeNamedOperator {
    static let opType = "Pad"

    enum Mode: String {
        case constant, reflect, edge, wrap
    }

    let nodeName: String
    let opset: Int
    let mode: Mode
    let padsAttribute: [Int]?
    let valueAttribute: Double

    init(node: Node, opset: Int) throws {
        nodeName = node.displayName
        self.opset = opset
        let modeName = try node.string("mode", default: "constant")
        guard let mode = Mode(rawValue: modeName) else {
            throw node.invalid("unknown mode '\(modeName)' (expected constant, reflect, edge or wrap)")
        }
        if mode == .wrap && opset < 19 { throw node.invalid("mode 'wrap' needs opset 19") }
        self.mode = mode
        if opset < 11 {
            try node.requireArity(inputs: 1...1)
            guard let pads = try node.ints(opset < 2 ? "paddings" : "pads") ?? node.ints("pads") else {
                throw node.invalid("attribute 'pads' is required")
            }
            padsAttribute = pads
            valueAttribute = Double(try node.float("value", default: 0))
        } else {
            try node.requireArity(inputs: opset >= 18 ? 2...4 : 2...3)
            padsAttribute = nil
            valueAttribute = 0
        }
    }

    /// Per axis: elements added before and after (negative crops).
    private struct Plan {
        var before: [Int]
        var after: [Int]
        var shape: [Int]
    }

    private func plan(_ inputs: [TensorInfo?]) throws -> Plan {
        let input = inputs[0]!
        _ = try elementSize(input.elementType)
        let rank = input.shape.count
        let pads = try padsAttribute ?? knownIntegers(inputs[1]!, "input 'pads'")
        var axes = Array(0..<rank)
        if inputs.count > 3, let info = inputs[3] {
            axes = try normalizedAxes(try knownIntegers(info, "input 'axes'"), rank: rank)
        }
        guard pads.count == 2 * axes.count else {
            throw nodeError("pads has \(pads.count) values, expected \(2 * axes.count) (2 per padded axis)")
        }
        var before = [Int](repeating: 0, count: rank)
        var after = [Int](repeating: 0, count: rank)
        for (i, axis) in axes.enumerated() {
            before[axis] = pads[i]
            after[axis] = pads[i + axes.count]
        }
        var shape = input.shape
        for axis in 0..<rank {
            let d = input.shape[axis]
            let (b, e) = (before[axis], after[axis])
            // Crops may not remove more than the axis holds.
            guard b > Int.min, e > Int.min, max(0, -b) <= d, max(0, -e) <= d - max(0, -b) else {
                throw nodeError("pads \(b), \(e) on axis \(axis) crop more than its size \(d)")
            }
            let kept = d - max(0, -b) - max(0, -e)
            let (grown, overflow) = kept.addingReportingOverflow(max(0, b))
            let (size, overflow2) = grown.addingReportingOverflow(max(0, e))
            guard !overflow, !overflow2 else {
                throw nodeError("pads \(b), \(e) on axis \(axis) of size \(d) give an overflowing size")
            }
            if mode != .constant && kept == 0 && size > 0 {
                throw nodeError("cannot pad an empty axis (\(axis)) in \(mode.rawValue) mode")
            }
            shape[axis] = size
        }
        try checkedCount(shape, input.elementType)
        return Plan(before: before, after: after, shape: shape)
    }

    /// For output index `o` of an axis of input size `dim`: the input index it reads, or -1 for the
    /// constant.
    static func sourceIndex(_ o: Int, dim: Int, before: Int, after: Int, mode: Mode) -> Int {
        let lo = max(0, -before)
        let n = dim - lo - max(0, -after)
        let q = o - max(0, before)
        if q >= 0 && q < n { return lo + q }
        switch mode {
        case .constant:
            return -1
        case .edge:
            return lo + min(max(q, 0), n - 1)
        case .reflect:
            if n == 1 { return lo }
            let period = 2 * (n - 1)
            var r = q % period
            if r < 0 { r += period }
            return lo + (r < n ? r : period - r)
        case .wrap:
            var r = q % n
            if r < 0 { r += n }
            return lo + r
        }
    }

    func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo] {
        [TensorInfo(elementType: inputs[0]!.elementType, shape: try plan(inputs).shape)]
    }

    func run(_ inputs: [Tensor?]) throws -> [Tensor] {
        let input = inputs[0]!
        let plan = try plan(inputs.map { $0.map(TensorInfo.init) })
        let strides = Shape.strides(input.shape)
        let reads = (0..<input.rank).map { axis in
            DataMovement.AxisRead(stride: strides[axis], map: (0..<plan.shape[axis]).map {
                Self.sourceIndex($0, dim: input.shape[axis], before: plan.before[axis], after: plan.after[axis],
                                 mode: mode)
            })
        }
        return [DataMovement.gather(input, shape: plan.shape, reads: reads, fill: try fillBytes(inputs))]
    }

    /// The constant as bytes of the input's element type.
    private func fillBytes(_ inputs: [Tensor?]) throws -> [UInt8] {
        let type = inputs[0]!.elementType
        guard opset >= 11 else { return DataMovement.bytes(of: valueAttribute, as: type) }
        guard inputs.count > 2, let value = inputs[2] else { return [UInt8](repeating: 0, count: type.byteSize) }
        guard value.elementType == type else {
            throw nodeError("constant_value is \(value.elementType) but the data is \(type)")
        }
        guard value.count == 1 else {
            throw nodeError("constant_value must hold one element, it has shape \(value.shape)")
        }
        return value.withUnsafeBytes { Array($0) }
    }
}
