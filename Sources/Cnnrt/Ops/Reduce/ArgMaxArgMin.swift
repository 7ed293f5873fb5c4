// ArgMax and ArgMin: the int64 index of the largest or smallest element along one axis.

/// ArgMax and ArgMin share their attributes, shape logic and kernel.
protocol ArgExtremumOperator: NodeNamedOperator {
    /// True for ArgMax, false for ArgMin.
    static var findsMaximum: Bool { get }
    var axis: Int { get }
    var keepDims: Bool { get }
    var selectLastIndex: Bool { get }
    var allowsNegativeAxis: Bool { get }
    var label: ElementwiseLabel { get }
}

/// The attributes of ArgMax and ArgMin: `axis` (default 0; negative from opset 11), `keepdims` (default 1)
/// and `select_last_index` (opset 12+, default 0).
struct ArgExtremumAttributes {
    let axis: Int
    let keepDims: Bool
    let selectLastIndex: Bool
    let allowsNegativeAxis: Bool

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 1...1)
        axis = try node.int("axis", default: 0)
        allowsNegativeAxis = opset >= 11
        let keep = try node.int("keepdims", default: 1)
        guard keep == 0 || keep == 1 else { throw node.invalid("keepdims must be 0 or 1, got \(keep)") }
        keepDims = keep == 1
        let last = try node.int("select_last_index", default: 0)
        guard last == 0 || last == 1 else { throw node.invalid("select_last_index must be 0 or 1, got \(last)") }
        if last == 1 && opset < 12 { throw node.invalid("select_last_index is only defined from opset 12") }
        selectLastIndex = last == 1
    }
}

extension ArgExtremumOperator {
    /// The shared check of `inferOutputs` and `run`: the normalized axis and the output shape.
    func plan(_ x: TensorInfo) throws -> (axis: Int, shape: [Int]) {
        guard x.elementType.isElementwiseScalar else {
            throw nodeError("input has element type \(x.elementType), expected a numeric type")
        }
        let a = try normalizedAxis(axis, rank: x.shape.count, allowNegative: allowsNegativeAxis)
        guard x.shape[a] > 0 else { throw nodeError("axis \(axis) has size 0: there is no element to pick") }
        var shape = x.shape
        if keepDims { shape[a] = 1 } else { shape.remove(at: a) }
        return (a, shape)
    }

    func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo] {
        [TensorInfo(elementType: .int64, shape: try plan(inputs[0]!).shape)]
    }

    func run(_ inputs: [Tensor?]) throws -> [Tensor] {
        let x = inputs[0]!
        let (a, shape) = try plan(TensorInfo(x))
        let kernel = ArgExtremumKernel(x: x, shape: shape, outer: x.shape[..<a].reduce(1, *), length: x.shape[a],
                                       inner: x.shape[(a + 1)...].reduce(1, *), maximum: Self.findsMaximum,
                                       last: selectLastIndex)
        return [try x.elementType.dispatch(numeric: kernel, label)]
    }
}

private struct ArgExtremumKernel: ElementwiseScalarVisitor {
    let x: Tensor
    let shape: [Int]
    let outer: Int
    let length: Int
    let inner: Int
    let maximum: Bool
    let last: Bool

    func visit<T: ElementwiseScalar>(_ type: T.Type) throws -> Tensor {
        var y = Tensor(zeros: .int64, shape: shape)
        x.withUnsafeBufferPointer(as: T.self) { px in
            y.withUnsafeMutableBufferPointer(as: Int64.self) { py in
                for o in 0..<outer {
                    for i in 0..<inner {
                        let base = o &* length &* inner &+ i
                        var best = 0
                        var bestValue = px[base].computeValue
                        for k in 1..<max(length, 1) {
                            let v = px[base &+ k &* inner].computeValue
                            // A NaN beats every number (numpy's argmax and argmin); ties go to the first index,
                            // or the last with select_last_index.
                            let vNaN = v != v, bestNaN = bestValue != bestValue
                            let better: Bool
                            if vNaN || bestNaN {
                                better = vNaN && (!bestNaN || last)
                            } else if v == bestValue {
                                better = last
                            } else {
                                better = maximum ? v > bestValue : v < bestValue
                            }
                            if better {
                                best = k
                                bestValue = v
                            }
                        }
                        py[o &* inner &+ i] = Int64(best)
                    }
                }
            }
        }
        return y
    }
}

/// ONNX ArgMax: the index (int64) of the largest element along `axis`, keeping the axis as size 1 when
/// `keepdims` = 1 (the default). Ties and NaNs go to the first index, or the last with `select_last_index`.
struct ArgMax: ArgExtremumOperator {
    static let opType = "ArgMax"
    static let findsMaximum = true
    let nodeName: String
    let axis: Int
    let keepDims: Bool
    let selectLastIndex: Bool
    let allowsNegativeAxis: Bool
    let label: ElementwiseLabel

    init(node: Node, opset: Int) throws {
        let a = try ArgExtremumAttributes(node: node, opset: opset)
        nodeName = node.displayName
        label = ElementwiseLabel(node)
        axis = a.axis
        keepDims = a.keepDims
        selectLastIndex = a.selectLastIndex
        allowsNegativeAxis = a.allowsNegativeAxis
    }
}

/// ONNX ArgMin: the index (int64) of the smallest element along `axis`, keeping the axis as size 1 when
/// `keepdims` = 1 (the default). Ties and NaNs go to the first index, or the last with `select_last_index`.
struct ArgMin: ArgExtremumOperator {
    static let opType = "ArgMin"
    static let findsMaximum = false
    let nodeName: String
    let axis: Int
    let keepDims: Bool
    let selectLastIndex: Bool
    let allowsNegativeAxis: Bool
    let label: ElementwiseLabel

    init(node: Node, opset: Int) throws {
        let a = try ArgExtremumAttributes(node: node, opset: opset)
        nodeName = node.displayName
        label = ElementwiseLabel(node)
        axis = a.axis
        keepDims = a.keepDims
        selectLastIndex = a.selectLastIndex
        allowsNegativeAxis = a.allowsNegativeAxis
    }
}
