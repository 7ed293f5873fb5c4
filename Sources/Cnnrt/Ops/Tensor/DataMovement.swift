/// An operator that keeps its node's name, so that errors found at run time (an index out of range, a
/// shape input with the wrong count) name the node like the errors found when the session is built.
protocol NodeNamedOperator: OperatorDefinition {
    var nodeName: String { get }
}

extension NodeNamedOperator {
    /// An `invalidNode` error naming this operator's node.
    func nodeError(_ reason: String) -> CnnrtError {
        .invalidNode(node: nodeName, opType: Self.opType, reason: reason)
    }

    /// The byte size of one element; string tensors have no fixed size and are rejected.
    func elementSize(_ type: ElementType) throws -> Int {
        guard type != .string else { throw nodeError("string tensors are not supported") }
        return type.byteSize
    }

    /// Checks that a tensor of `type` and `shape` can be allocated and returns its element count.
    @discardableResult
    func checkedCount(_ shape: [Int], _ type: ElementType) throws -> Int {
        guard let count = Shape.elementCount(shape) else {
            throw nodeError("output shape \(shape) is invalid or its size overflows")
        }
        try TensorLimits.checkedByteCount(shape, type, for: "node '\(nodeName)' (\(Self.opType)): output")
        return count
    }

    /// A zero-filled output after checking that its size is sane.
    func makeOutput(_ type: ElementType, _ shape: [Int]) throws -> Tensor {
        try checkedCount(shape, type)
        return Tensor(zeros: type, shape: shape)
    }

    /// The elements of an integer input (indices, shapes, axes) as `Int`.
    func integers(_ tensor: Tensor, _ what: String) throws -> [Int] {
        guard let values = tensor.integers() else {
            throw nodeError("\(what) must be an integer tensor, got \(tensor.elementType)")
        }
        return values.map { Int($0) }
    }

    /// The value of an input that the output shape depends on; shape inference only knows it for constants.
    func knownValue(_ info: TensorInfo, _ what: String) throws -> Tensor {
        guard let value = info.value else {
            throw nodeError("the value of \(what) is unknown before running (it is not a constant), "
                + "so the output shape cannot be computed")
        }
        return value
    }

    /// Integer contents of an input whose value the output shape depends on.
    func knownIntegers(_ info: TensorInfo, _ what: String) throws -> [Int] {
        try integers(knownValue(info, what), what)
    }

    /// Maps `axis` into `0..<rank`; negative axes count from the back when `allowNegative`.
    func normalizedAxis(_ axis: Int, rank: Int, allowNegative: Bool = true, _ what: String = "axis") throws -> Int {
        if axis < 0 && !allowNegative {
            throw nodeError("\(what) \(axis) is negative, which this opset does not allow")
        }
        guard let a = Shape.normalizeAxis(axis, rank: rank) else {
            throw nodeError("\(what) \(axis) is out of range for rank \(rank)")
        }
        return a
    }

    /// Maps a list of axes into `0..<rank` and rejects repeated axes.
    func normalizedAxes(_ axes: [Int], rank: Int, allowNegative: Bool = true, _ what: String = "axes") throws -> [Int] {
        var seen = Set<Int>()
        return try axes.map { axis in
            let a = try normalizedAxis(axis, rank: rank, allowNegative: allowNegative, what)
            guard seen.insert(a).inserted else { throw nodeError("\(what) repeats axis \(axis)") }
            return a
        }
    }

    /// Runs the operator during shape inference when every present input is a small constant, so shape
    /// computations (Shape -> Gather -> Concat -> Reshape) are known before running. Nil otherwise.
    func foldedOutputs(_ inputs: [TensorInfo?], maxElements: Int = 1 << 16) throws -> [TensorInfo]? {
        var tensors: [Tensor?] = []
        var total = 0
        for info in inputs {
            guard let info else {
                tensors.append(nil)
                continue
            }
            guard let value = info.value else { return nil }
            total += value.count
            tensors.append(value)
        }
        guard total <= maxElements else { return nil }
        // Folding allocates the outputs, and small inputs can still ask for a huge output (a Gather of
        // many indices, a ConstantOfShape): fold only what fits in 1 MiB, infer the shape of the rest.
        do {
            return try TensorLimits.$maxTensorBytes.withValue(min(TensorLimits.maxTensorBytes, 1 << 20)) {
                try run(tensors).map(TensorInfo.init)
            }
        } catch CnnrtError.limitExceeded {
            return nil
        }
    }
}

extension Node {
    /// Checks that every listed input name is present (not an omitted optional input).
    func requirePresent(inputs indices: Range<Int>) throws {
        for i in indices where i < inputs.count && inputs[i].isEmpty {
            throw invalid("input \(i) is missing")
        }
    }
}

/// Raw-byte kernels for the data-movement operators: they work for every element type by copying
/// elements of the type's byte size, never by interpreting them.
enum DataMovement {
    /// How one output axis reads the source: output index `i` reads source index `map[i]` of an axis whose
    /// source stride is `stride` elements; a negative `map[i]` reads the fill value instead.
    struct AxisRead {
        var stride: Int
        var map: [Int]
    }

    /// Builds a tensor of `shape` whose element at each multi-index reads the source element
    /// `sum(reads[a].map[i_a] * reads[a].stride)`, or `fill` where any axis maps to a negative index.
    /// Covers Transpose, Slice, Expand, Tile, Pad and nearest-neighbour Resize.
    /// - Precondition: the caller has checked the output size and every map entry against the source.
    static func gather(_ source: Tensor, shape: [Int], reads: [AxisRead], fill: [UInt8]? = nil) -> Tensor {
        var output = Tensor(zeros: source.elementType, shape: shape)
        let size = source.elementType.byteSize
        let fillBytes = fill ?? [UInt8](repeating: 0, count: size)
        // Element offsets per axis, -1 where the axis reads the fill value.
        let offsets = reads.map { read in read.map.map { $0 < 0 ? -1 : $0 &* read.stride } }
        source.withUnsafeBytes { src in
            output.withUnsafeMutableBytesForMovement { dst in
                switch size {
                case 1: gatherTyped(UInt8.self, src, dst, shape, offsets, fillBytes)
                case 2: gatherTyped(UInt16.self, src, dst, shape, offsets, fillBytes)
                case 4: gatherTyped(UInt32.self, src, dst, shape, offsets, fillBytes)
                default: gatherTyped(UInt64.self, src, dst, shape, offsets, fillBytes)
                }
            }
        }
        return output
    }

    private static func gatherTyped<T: FixedWidthInteger>(
        _: T.Type, _ srcBytes: UnsafeRawBufferPointer, _ dstBytes: UnsafeMutableRawBufferPointer,
        _ shape: [Int], _ offsets: [[Int]], _ fillBytes: [UInt8]
    ) {
        guard let count = Shape.elementCount(shape), count > 0 else { return }
        let fill = fillBytes.withUnsafeBytes { $0.loadUnaligned(as: T.self) }
        let src = srcBytes.baseAddress!.assumingMemoryBound(to: T.self)
        let dst = dstBytes.baseAddress!.assumingMemoryBound(to: T.self)
        let rank = shape.count
        if rank == 0 {
            dst[0] = src[0]
            return
        }
        let n = shape[rank - 1]
        let rows = count / n
        var index = [Int](repeating: 0, count: rank - 1)
        var out = 0
        offsets[rank - 1].withUnsafeBufferPointer { inner in
            for _ in 0..<rows {
                var base = 0
                var filled = false
                for a in 0..<(rank - 1) {
                    let o = offsets[a][index[a]]
                    if o < 0 { filled = true }
                    base &+= o
                }
                if filled {
                    for i in 0..<n { dst[out &+ i] = fill }
                } else {
                    for i in 0..<n {
                        let o = inner[i]
                        dst[out &+ i] = o < 0 ? fill : src[base &+ o]
                    }
                }
                out &+= n
                var a = rank - 2
                while a >= 0 {
                    index[a] += 1
                    if index[a] < shape[a] { break }
                    index[a] = 0
                    a -= 1
                }
            }
        }
    }

    /// Copies `count` bytes from `source` at `from` into `target` at `to`.
    static func copyBytes(_ source: UnsafeRawBufferPointer, from: Int, _ target: UnsafeMutableRawBufferPointer,
                          to: Int, count: Int) {
        guard count > 0 else { return }
        (target.baseAddress! + to).copyMemory(from: source.baseAddress! + from, byteCount: count)
    }

    /// The bytes of `value` converted to `type` (used for fill values given as float attributes):
    /// floats round, integers truncate toward zero and saturate, bool is `value != 0`.
    static func bytes(of value: Double, as type: ElementType) -> [UInt8] {
        func raw<T>(_ v: T) -> [UInt8] { withUnsafeBytes(of: v) { Array($0) } }
        func integral(_ lo: Double, _ hi: Double) -> Double {
            value.isNaN ? 0 : min(max(value.rounded(.towardZero), lo), hi)
        }
        switch type {
        case .float: return raw(Float(value))
        case .double: return raw(value)
        case .float16: return raw(Float16(value))
        case .bfloat16: return raw(BFloat16(Float(value)).bits)
        case .bool: return [value != 0 ? 1 : 0]
        case .int8: return raw(Int8(integral(-128, 127)))
        case .uint8: return raw(UInt8(integral(0, 255)))
        case .int16: return raw(Int16(integral(-32768, 32767)))
        case .uint16: return raw(UInt16(integral(0, 65535)))
        case .int32: return raw(Int32(integral(-2147483648, 2147483647)))
        case .uint32: return raw(UInt32(integral(0, 4294967295)))
        case .int64: return raw(Int64(integral(-9.223372036854775808e18, 9.223372036854774784e18)))
        case .uint64: return raw(UInt64(integral(0, 18446744073709549568)))
        case .string: return []
        }
    }

    /// A tensor of a floating-point `type` holding `values` rounded to that type.
    /// - Precondition: `type.isFloatingPoint` and `values.count` fills `shape`.
    static func floatingTensor(_ values: [Double], type: ElementType, shape: [Int]) -> Tensor {
        switch type {
        case .double: return Tensor(shape: shape, scalars: values)
        case .float16: return Tensor(shape: shape, scalars: values.map { Float16($0) })
        case .bfloat16: return Tensor(shape: shape, scalars: values.map { BFloat16(Float($0)) })
        default: return Tensor(shape: shape, scalars: values.map { Float($0) })
        }
    }
}

extension Tensor {
    /// Raw mutable bytes for the data-movement kernels (copies the buffer first when it is shared).
    mutating func withUnsafeMutableBytesForMovement<R>(
        _ body: (UnsafeMutableRawBufferPointer) throws -> R
    ) rethrows -> R {
        switch elementType {
        case .float: return try withUnsafeMutableBufferPointer(as: Float.self) { try body(.init($0)) }
        case .double: return try withUnsafeMutableBufferPointer(as: Double.self) { try body(.init($0)) }
        case .float16: return try withUnsafeMutableBufferPointer(as: Float16.self) { try body(.init($0)) }
        case .bfloat16: return try withUnsafeMutableBufferPointer(as: BFloat16.self) { try body(.init($0)) }
        case .int8: return try withUnsafeMutableBufferPointer(as: Int8.self) { try body(.init($0)) }
        case .uint8: return try withUnsafeMutableBufferPointer(as: UInt8.self) { try body(.init($0)) }
        case .int16: return try withUnsafeMutableBufferPointer(as: Int16.self) { try body(.init($0)) }
        case .uint16: return try withUnsafeMutableBufferPointer(as: UInt16.self) { try body(.init($0)) }
        case .int32: return try withUnsafeMutableBufferPointer(as: Int32.self) { try body(.init($0)) }
        case .uint32: return try withUnsafeMutableBufferPointer(as: UInt32.self) { try body(.init($0)) }
        case .int64: return try withUnsafeMutableBufferPointer(as: Int64.self) { try body(.init($0)) }
        case .uint64: return try withUnsafeMutableBufferPointer(as: UInt64.self) { try body(.init($0)) }
        case .bool: return try withUnsafeMutableBufferPointer(as: Bool.self) { try body(.init($0)) }
        case .string: return try body(UnsafeMutableRawBufferPointer(start: nil, count: 0))
        }
    }
}
