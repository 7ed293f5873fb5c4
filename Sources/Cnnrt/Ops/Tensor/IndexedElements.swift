// Shared by GatherElements, GatherND, ScatterElements and ScatterND: reading index tensors, copying single
// elements by raw bytes, and the reductions of the scatter operators.

extension NodeNamedOperator {
    /// An index checked against an axis of size `dim` and wrapped when negative.
    func checkedIndex(_ raw: Int, dim: Int, axis: Int) throws -> Int {
        guard raw >= -dim && raw < dim else {
            throw nodeError("index \(raw) is out of range for axis \(axis) of size \(dim)")
        }
        return raw < 0 ? raw + dim : raw
    }

    /// Checks that an index tensor is int32 or int64.
    func requireIndexType(_ type: ElementType, _ what: String = "indices") throws {
        guard type == .int32 || type == .int64 else { throw nodeError("\(what) must be int32 or int64, got \(type)") }
    }
}

/// How a scatter operator combines an update with the element it lands on.
enum ScatterReduction: String, Sendable {
    case none, add, mul, max, min

    /// Reads `reduction`: add and mul from opset 16, max and min from opset 18; before 16 only none.
    init(node: Node, opset: Int) throws {
        let text = try node.string("reduction", default: "none")
        guard let value = ScatterReduction(rawValue: text) else {
            throw node.invalid("reduction must be none, add, mul, max or min, got '\(text)'")
        }
        let since: Int
        switch value {
        case .none: since = 1
        case .add, .mul: since = 16
        case .max, .min: since = 18
        }
        guard opset >= since else { throw node.invalid("reduction '\(text)' is only defined from opset \(since)") }
        self = value
    }

    /// A copy of `data` with each update `updates[source[i]]` combined into element `target[i]`, in order
    /// (so with `none` the last write to an element wins).
    /// - Precondition: every target and source offset is inside its tensor; updates has data's type.
    func apply(_ data: Tensor, _ updates: Tensor, target: [Int], source: [Int],
               _ label: ElementwiseLabel) throws -> Tensor {
        if self == .none {
            var y = data
            let size = data.elementType.byteSize
            updates.withUnsafeBytes { src in
                y.withUnsafeMutableBytesForMovement { dst in
                    for i in target.indices {
                        DataMovement.copyBytes(src, from: source[i] &* size, dst, to: target[i] &* size, count: size)
                    }
                }
            }
            return y
        }
        let kernel = ScatterReductionKernel(data: data, updates: updates, target: target, source: source,
                                            reduction: self)
        return try data.elementType.dispatch(numeric: kernel, label)
    }
}

private struct ScatterReductionKernel: ElementwiseScalarVisitor {
    let data: Tensor
    let updates: Tensor
    let target: [Int]
    let source: [Int]
    let reduction: ScatterReduction

    func visit<T: ElementwiseScalar>(_ type: T.Type) throws -> Tensor {
        var y = data
        updates.withUnsafeBufferPointer(as: T.self) { pu in
            y.withUnsafeMutableBufferPointer(as: T.self) { py in
                for i in target.indices {
                    let old = py[target[i]].computeValue, new = pu[source[i]].computeValue
                    let combined: T.Compute
                    switch reduction {
                    case .add: combined = T.Compute.plus(old, new)
                    case .mul: combined = T.Compute.times(old, new)
                    case .max: combined = T.Compute.maxPropagatingNaN(old, new)
                    case .min: combined = T.Compute.minPropagatingNaN(old, new)
                    case .none: combined = new
                    }
                    py[target[i]] = T.fromCompute(combined)
                }
            }
        }
        return y
    }
}

/// Index walking shared by GatherElements and ScatterElements.
enum IndexedElements {
    /// Visits every multi-index of `shape` in row-major order, passing the flat position and the index.
    static func forEachIndex(_ shape: [Int], _ body: (Int, [Int]) throws -> Void) rethrows {
        let count = shape.reduce(1, *)
        guard count > 0 else { return }
        var index = [Int](repeating: 0, count: shape.count)
        for flat in 0..<count {
            try body(flat, index)
            var axis = shape.count - 1
            while axis >= 0 {
                index[axis] += 1
                if index[axis] < shape[axis] { break }
                index[axis] = 0
                axis -= 1
            }
        }
    }
}
