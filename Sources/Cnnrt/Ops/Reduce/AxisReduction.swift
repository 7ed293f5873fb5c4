/// What a reduction computes over each group of reduced elements.
enum AxisReductionKind {
    case sum, mean, max
}

/// The attributes common to ReduceSum, ReduceMean and ReduceMax: `keepdims`, and the axes, an
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

/// ReduceSum, ReduceMean and ReduceMax share their shape logic and kernel.
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
        case .bool where Self.kind != .max: throw nodeError("bool tensors are only supported by ReduceMax")
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
                                          group, .max)
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

    /// Floating-point reductions, accumulated in float64 (max is exact in any precision; NaN wins).
    static func floating(_ values: [Double], _ target: [Int], _ outCount: Int, _ group: Int,
                         _ kind: AxisReductionKind) -> [Double] {
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

    /// Maximum in the element type itself; an empty group gives the type's minimum.
    static func native<T: FixedWidthInteger>(_ values: [T], _ target: [Int], _ outCount: Int, _ group: Int,
                                             _ kind: AxisReductionKind) -> [T] {
        var acc = [T](repeating: T.min, count: outCount)
        for i in values.indices where values[i] > acc[target[i]] { acc[target[i]] = values[i] }
        return acc
    }

    /// Integer reductions: sum wraps like numpy; mean truncates toward zero.
    static func integer<T: FixedWidthInteger & TensorScalar>(
        _ input: Tensor, _: T.Type, _ target: [Int], _ outCount: Int, _ group: Int, _ kind: AxisReductionKind,
        _ shape: [Int]
    ) -> Tensor {
        let values = input.scalars(as: T.self)
        switch kind {
        case .max:
            return Tensor(shape: shape, scalars: native(values, target, outCount, group, .max))
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
