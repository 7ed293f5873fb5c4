#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a reduction computes over each group of reduced elements.
enum AxisReductionKind {
    case sum, mean, max
    case min, prod
    /// Sum of absolute values, square root of the sum of squares, sum of squares.
    case l1, l2, sumSquare
    /// Natural log of the sum, natural log of the sum of exponentials.
    case logSum, logSumExp

    /// Whether bool tensors are accepted (ReduceMax and ReduceMin, opset 20).
    var acceptsBool: Bool { self == .max || self == .min }
}

/// The attributes common to the Reduce* operators: `keepdims`, and the axes, an
/// attribute before `axesInputOpset` and an optional input from it (with `noop_with_empty_axes`).
struct AxisReductionAttributes: Sendable {
    let keepDims: Bool
    let noopWithEmptyAxes: Bool
    let axesAttribute: [Int]?
    let axesFromInput: Bool
    let allowsNegativeAxes: Bool

    init(node: Node, opset: Int, axesInputOpset: Int) throws {
        keepDims = try node.int("keepdims", default: 1) != 0
        allowsNegativeAxes = opset >= 11
        if opset >= axesInputOpset {
            try node.requireArity(inputs: 1...2)
            if node.hasAttribute("axes") {
                throw node.invalid("axes is an input from opset \(axesInputOpset), not an attribute")
            }
            axesAttribute = nil
            axesFromInput = node.inputs.count > 1 && !node.inputs[1].isEmpty
            let noop = try node.int("noop_with_empty_axes", default: 0)
            guard noop == 0 || noop == 1 else { throw node.invalid("noop_with_empty_axes must be 0 or 1, got \(noop)") }
            noopWithEmptyAxes = noop == 1
        } else {
            try node.requireArity(inputs: 1...1)
            axesAttribute = try node.ints("axes")
            axesFromInput = false
            noopWithEmptyAxes = false
        }
    }
}

/// The Reduce* operators share their shape logic and kernel.
protocol AxisReductionOperator: NodeNamedOperator {
    static var kind: AxisReductionKind { get }
    var attributes: AxisReductionAttributes { get }
}

/// Which input axes are reduced and the output shape; `nil` axes with `noop_with_empty_axes` = 1 mean
/// the output is the input.
struct AxisReductionPlan {
    var reduced: [Bool]
    var shape: [Int]
    var isIdentity: Bool
}

extension AxisReductionOperator {
    func reductionPlan(_ inputs: [TensorInfo?]) throws -> AxisReductionPlan {
        let input = inputs[0]!
        let rank = input.shape.count
        try checkElementType(input.elementType)
        var axes = attributes.axesAttribute ?? []
        if attributes.axesFromInput, inputs.count > 1, let info = inputs[1] {
            axes = try knownIntegers(info, "input 'axes'")
        }
        if axes.isEmpty && attributes.noopWithEmptyAxes {
            return AxisReductionPlan(reduced: [Bool](repeating: false, count: rank), shape: input.shape,
                                     isIdentity: true)
        }
        var reduced = [Bool](repeating: axes.isEmpty, count: rank)
        for axis in try normalizedAxes(axes, rank: rank, allowNegative: attributes.allowsNegativeAxes) {
            reduced[axis] = true
        }
        let shape = attributes.keepDims
            ? input.shape.indices.map { reduced[$0] ? 1 : input.shape[$0] }
            : input.shape.indices.filter { !reduced[$0] }.map { input.shape[$0] }
        return AxisReductionPlan(reduced: reduced, shape: shape, isIdentity: false)
    }

    private func checkElementType(_ type: ElementType) throws {
        switch type {
        case .string: throw nodeError("string tensors are not supported")
        case .bool where !Self.kind.acceptsBool:
            throw nodeError("bool tensors are only supported by ReduceMax and ReduceMin")
        default: break
        }
    }

    func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo] {
        [TensorInfo(elementType: inputs[0]!.elementType, shape: try reductionPlan(inputs).shape)]
    }

    func run(_ inputs: [Tensor?]) throws -> [Tensor] {
        let input = inputs[0]!
        let plan = try reductionPlan(inputs.map { $0.map(TensorInfo.init) })
        if plan.isIdentity { return [input] }
        let target = AxisReduction.outputIndices(input.shape, reduced: plan.reduced)
        let outCount = try checkedCount(plan.shape, input.elementType)
        // Elements per group: the product of the reduced dimensions.
        let group = input.shape.indices.filter { plan.reduced[$0] }.reduce(1) { $0 * input.shape[$1] }
        let output: Tensor
        switch input.elementType {
        case .float, .double, .float16, .bfloat16:
            let values = AxisReduction.floating(input.doubles(), target, outCount, group, Self.kind)
            output = DataMovement.floatingTensor(values, type: input.elementType, shape: plan.shape)
        case .bool:
            let values = AxisReduction.native(input.scalars(as: Bool.self).map { $0 ? UInt8(1) : 0 }, target, outCount,
                                              group, Self.kind)
            output = Tensor(shape: plan.shape, scalars: values.map { $0 != 0 })
        case .int8: output = AxisReduction.integer(input, Int8.self, target, outCount, group, Self.kind, plan.shape)
        case .uint8: output = AxisReduction.integer(input, UInt8.self, target, outCount, group, Self.kind, plan.shape)
        case .int16: output = AxisReduction.integer(input, Int16.self, target, outCount, group, Self.kind, plan.shape)
        case .uint16: output = AxisReduction.integer(input, UInt16.self, target, outCount, group, Self.kind, plan.shape)
        case .int32: output = AxisReduction.integer(input, Int32.self, target, outCount, group, Self.kind, plan.shape)
        case .uint32: output = AxisReduction.integer(input, UInt32.self, target, outCount, group, Self.kind, plan.shape)
        case .int64: output = AxisReduction.integer(input, Int64.self, target, outCount, group, Self.kind, plan.shape)
        case .uint64: output = AxisReduction.integer(input, UInt64.self, target, outCount, group, Self.kind, plan.shape)
        case .string: throw nodeError("string tensors are not supported")
        }
        return [output]
    }
}

/// The reference reduction kernels.
enum AxisReduction {
    /// For every input element (row-major), the index of the output element it reduces into.
    static func outputIndices(_ shape: [Int], reduced: [Bool]) -> [Int] {
        let kept = shape.indices.map { reduced[$0] ? 1 : shape[$0] }
        let strides = Shape.strides(kept).enumerated().map { reduced[$0.offset] ? 0 : $0.element }
        let count = shape.reduce(1, *)
        var result = [Int](repeating: 0, count: count)
        guard count > 0 else { return result }
        var index = [Int](repeating: 0, count: shape.count)
        var target = 0
        for i in 0..<count {
            result[i] = target
            // Advance the odometer, keeping `target` in step.
            var axis = shape.count - 1
            while axis >= 0 {
                index[axis] += 1
                target &+= strides[axis]
                if index[axis] < shape[axis] { break }
                target &-= strides[axis] &* shape[axis]
                index[axis] = 0
                axis -= 1
            }
        }
        return result
    }

    /// Floating-point reductions, accumulated in float64 (max and min are exact in any precision; NaN wins).
    static func floating(_ values: [Double], _ target: [Int], _ outCount: Int, _ group: Int,
                         _ kind: AxisReductionKind) -> [Double] {
        switch kind {
        case .sum, .mean, .max: break
        default: return floatingMore(values, target, outCount, kind)
        }
        var acc = [Double](repeating: kind == .max ? -.infinity : 0, count: outCount)
        values.withUnsafeBufferPointer { x in
            target.withUnsafeBufferPointer { t in
                acc.withUnsafeMutableBufferPointer { a in
                    switch kind {
                    case .sum, .mean:
                        for i in 0..<x.count { a[t[i]] += x[i] }
                    case .max:
                        for i in 0..<x.count where x[i].isNaN || x[i] > a[t[i]] {
                            if !a[t[i]].isNaN { a[t[i]] = x[i] }
                        }
                    default:
                        break
                    }
                }
            }
        }
        if kind == .mean {
            let n = Double(group)
            for i in 0..<outCount { acc[i] /= n }
        }
        return acc
    }

    /// The other floating-point reductions, in float64: min (NaN wins; empty gives +inf), prod (empty gives
    /// 1), l1, l2, sumSquare (empty gives 0), logSum and logSumExp (empty gives -inf). logSumExp subtracts
    /// each group's maximum before exponentiating, so large values do not overflow.
    private static func floatingMore(_ values: [Double], _ target: [Int], _ outCount: Int,
                                     _ kind: AxisReductionKind) -> [Double] {
        var acc = [Double](repeating: kind == .min ? .infinity : (kind == .prod ? 1 : 0), count: outCount)
        var shift = [Double]()
        if kind == .logSumExp {
            shift = floating(values, target, outCount, 1, .max)
            // An infinite or NaN maximum is the answer itself (or makes it NaN): shift by 0 so it shows through.
            for g in shift.indices where !shift[g].isFinite { shift[g] = 0 }
        }
        values.withUnsafeBufferPointer { x in
            target.withUnsafeBufferPointer { t in
                acc.withUnsafeMutableBufferPointer { a in
                    switch kind {
                    case .min:
                        for i in 0..<x.count where x[i].isNaN || x[i] < a[t[i]] {
                            if !a[t[i]].isNaN { a[t[i]] = x[i] }
                        }
                    case .prod: for i in 0..<x.count { a[t[i]] *= x[i] }
                    case .l1: for i in 0..<x.count { a[t[i]] += x[i].magnitude }
                    case .l2, .sumSquare: for i in 0..<x.count { a[t[i]] += x[i] * x[i] }
                    case .logSum: for i in 0..<x.count { a[t[i]] += x[i] }
                    case .logSumExp: for i in 0..<x.count { a[t[i]] += exp(x[i] - shift[t[i]]) }
                    case .sum, .mean, .max: break
                    }
                }
            }
        }
        switch kind {
        case .l2: return acc.map { sqrt($0) }
        case .logSum: return acc.map { log($0) }
        case .logSumExp: return acc.indices.map { log(acc[$0]) + shift[$0] }
        default: return acc
        }
    }

    /// Maximum or minimum in the element type itself; an empty group gives the type's minimum (max) or
    /// maximum (min).
    static func native<T: FixedWidthInteger>(_ values: [T], _ target: [Int], _ outCount: Int, _ group: Int,
                                             _ kind: AxisReductionKind) -> [T] {
        if kind == .min {
            var acc = [T](repeating: T.max, count: outCount)
            for i in values.indices where values[i] < acc[target[i]] { acc[target[i]] = values[i] }
            return acc
        }
        var acc = [T](repeating: T.min, count: outCount)
        for i in values.indices where values[i] > acc[target[i]] { acc[target[i]] = values[i] }
        return acc
    }

    /// Integer reductions: sum, prod, l1 and sumSquare wrap like numpy; mean, l2, logSum and logSumExp are
    /// computed in float64 and truncated toward zero (saturating), as numpy's `astype` of the float result.
    static func integer<T: FixedWidthInteger & TensorScalar>(
        _ input: Tensor, _: T.Type, _ target: [Int], _ outCount: Int, _ group: Int, _ kind: AxisReductionKind,
        _ shape: [Int]
    ) -> Tensor {
        let values = input.scalars(as: T.self)
        switch kind {
        case .max, .min:
            return Tensor(shape: shape, scalars: native(values, target, outCount, group, kind))
        case .prod, .l1, .sumSquare:
            var acc = [T](repeating: kind == .prod ? 1 : 0, count: outCount)
            for i in values.indices {
                let v = values[i]
                switch kind {
                case .prod: acc[target[i]] &*= v
                case .l1: acc[target[i]] &+= (v < 0 ? 0 &- v : v)
                default: acc[target[i]] &+= v &* v
                }
            }
            return Tensor(shape: shape, scalars: acc)
        case .l2, .logSum, .logSumExp:
            let results = floating(values.map { Double($0) }, target, outCount, group, kind)
            return Tensor(shape: shape, scalars: results.map { r -> T in saturatingInteger(r) })
        case .sum:
            var acc = [T](repeating: 0, count: outCount)
            for i in values.indices { acc[target[i]] &+= values[i] }
            return Tensor(shape: shape, scalars: acc)
        case .mean:
            var acc = [Double](repeating: 0, count: outCount)
            for i in values.indices { acc[target[i]] += Double(values[i]) }
            let means = acc.map { sum -> T in
                let mean = (sum / Double(group)).rounded(.towardZero)
                guard !mean.isNaN else { return 0 }
                return T(exactly: mean) ?? (mean < 0 ? T.min : T.max)
            }
            return Tensor(shape: shape, scalars: means)
        }
    }
}
