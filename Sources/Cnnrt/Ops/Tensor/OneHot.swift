/// ONNX OneHot (opset 9+): for each index, a vector of length `depth` holding `values[1]` (on) at the index
/// and `values[0]` (off) elsewhere, inserted as a new axis at `axis` (default -1, the last). Negative
/// indices count from `depth` back; indices outside `[-depth, depth)` give an all-off vector. Float indices
/// and depth are truncated to integers. The output has the type of `values`.
struct OneHot: NodeNamedOperator {
    static let opType = "OneHot"
    static var supportedOpsets: ClosedRange<Int> { 9...OperatorRegistry.newestOpset }

    let nodeName: String
    let axis: Int

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 3...3)
        nodeName = node.displayName
        axis = try node.int("axis", default: -1)
    }

    /// The index values of a numeric tensor as Int (floats truncated).
    private func indexValues(_ t: Tensor, _ what: String) throws -> [Int] {
        if let values = t.integers() { return values.map { Int($0) } }
        guard t.elementType.isFloatingPoint else {
            throw nodeError("\(what) must be numeric, got \(t.elementType)")
        }
        return t.doubles().map { v -> Int in
            guard v.isFinite, v.magnitude < 0x1p62 else { return Int.min }   // out of every range
            return Int(v.rounded(.towardZero))
        }
    }

    private func plan(_ indices: TensorInfo, _ depth: Tensor, _ values: TensorInfo) throws -> (Int, Int, [Int]) {
        _ = try elementSize(values.elementType)
        guard values.shape.reduce(1, *) == 2 else {
            throw nodeError("values must hold two elements [off, on], got shape \(values.shape)")
        }
        guard depth.count == 1 else { throw nodeError("depth must be a scalar, got shape \(depth.shape)") }
        let d = try indexValues(depth, "depth")[0]
        guard d > 0 else { throw nodeError("depth must be positive, got \(d)") }
        let a = try normalizedAxis(axis, rank: indices.shape.count + 1)
        var shape = indices.shape
        shape.insert(d, at: a)
        try checkedCount(shape, values.elementType)
        return (d, a, shape)
    }

    func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo] {
        let depth = try knownValue(inputs[1]!, "input 'depth'")
        let (_, _, shape) = try plan(inputs[0]!, depth, inputs[2]!)
        return [TensorInfo(elementType: inputs[2]!.elementType, shape: shape)]
    }

    func run(_ inputs: [Tensor?]) throws -> [Tensor] {
        let indices = inputs[0]!, values = inputs[2]!
        let (depth, a, shape) = try plan(TensorInfo(indices), inputs[1]!, TensorInfo(values))
        let positions = try indexValues(indices, "indices")
        let size = values.elementType.byteSize
        var y = Tensor(zeros: values.elementType, shape: shape)
        // The indices viewed as [outer, inner] around the new axis: output (o, d, i) is on when index (o, i) is d.
        let inner = indices.shape[a...].reduce(1, *)
        values.withUnsafeBytes { v in
            y.withUnsafeMutableBytesForMovement { dst in
                let count = positions.count
                for o in 0..<(inner == 0 ? 0 : count / inner) {
                    for i in 0..<inner {
                        var p = positions[o &* inner &+ i]
                        if p < 0 && p >= -depth { p &+= depth }
                        for d in 0..<depth {
                            let at = ((o &* depth &+ d) &* inner &+ i) &* size
                            DataMovement.copyBytes(v, from: d == p ? size : 0, dst, to: at, count: size)
                        }
                    }
                }
            }
        }
        return [y]
    }
}
