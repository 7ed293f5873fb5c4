/// A dense, row-major (C order) tensor: an element type, a shape and a shared, aligned buffer.
///
/// `Tensor` has value semantics: copies share their buffer until one of them is written, so tensors may be
/// passed between threads and read from several at once; each thread writes only its own copy.
public struct Tensor: @unchecked Sendable {
    /// The type of every element.
    public let elementType: ElementType
    /// The dimensions, outermost first; `[]` for a scalar.
    public let shape: [Int]
    /// The storage, shared between copies until one is written.
    public private(set) var buffer: TensorBuffer

    /// Number of elements: the product of the dimensions (1 for a scalar).
    public var count: Int { shape.reduce(1, *) }
    /// The number of dimensions.
    public var rank: Int { shape.count }
    /// The size of the elements in bytes.
    public var byteCount: Int { buffer.byteCount }

    /// A zero-filled tensor.
    /// - Precondition: the shape has no negative dimension and its byte size fits in `Int`.
    ///   Sizes that come from a file are checked by `Shape.byteCount` before reaching here.
    public init(zeros elementType: ElementType, shape: [Int]) {
        precondition(elementType != .string, "string tensors are not supported")
        let bytes = Shape.byteCount(shape, elementType: elementType)
        precondition(bytes != nil, "tensor shape \(shape) is invalid or too large")
        self.elementType = elementType
        self.shape = shape
        buffer = TensorBuffer(byteCount: bytes!)
    }

    /// A tensor over an existing buffer; the buffer must hold exactly the bytes that shape and type need.
    public init(elementType: ElementType, shape: [Int], buffer: TensorBuffer) {
        precondition(Shape.byteCount(shape, elementType: elementType) == buffer.byteCount,
                     "buffer of \(buffer.byteCount) bytes does not match \(elementType) \(shape)")
        self.elementType = elementType
        self.shape = shape
        self.buffer = buffer
    }

    /// A tensor holding `scalars` in row-major order.
    public init<T: TensorScalar>(shape: [Int], scalars: [T]) {
        precondition(shape.reduce(1, *) == scalars.count, "\(scalars.count) values do not fill shape \(shape)")
        self.init(zeros: T.elementType, shape: shape)
        scalars.withUnsafeBytes { buffer.pointer.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
    }

    /// A rank-0 tensor.
    public init<T: TensorScalar>(scalar: T) {
        self.init(shape: [], scalars: [scalar])
    }

    /// The same elements viewed with another shape of equal element count. Shares the buffer.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        Tensor(elementType: elementType, shape: newShape, buffer: buffer)
    }

    /// Reads the elements as `T`, which must match the element type.
    public func withUnsafeBufferPointer<T: TensorScalar, R>(
        as type: T.Type, _ body: (UnsafeBufferPointer<T>) throws -> R
    ) rethrows -> R {
        precondition(T.elementType == elementType, "reading \(elementType) tensor as \(T.self)")
        let typed = buffer.pointer.bindMemory(to: T.self, capacity: count)
        return try body(UnsafeBufferPointer(start: typed, count: count))
    }

    /// Writes the elements as `T`, copying the buffer first if another tensor shares it.
    public mutating func withUnsafeMutableBufferPointer<T: TensorScalar, R>(
        as type: T.Type, _ body: (UnsafeMutableBufferPointer<T>) throws -> R
    ) rethrows -> R {
        precondition(T.elementType == elementType, "writing \(elementType) tensor as \(T.self)")
        if !isKnownUniquelyReferenced(&buffer) {
            buffer = buffer.copy()
        }
        let typed = buffer.pointer.bindMemory(to: T.self, capacity: count)
        return try body(UnsafeMutableBufferPointer(start: typed, count: count))
    }

    /// The raw little-endian bytes of the elements.
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(start: buffer.pointer, count: buffer.byteCount))
    }

    /// The elements as a Swift array of `T` (which must match the element type).
    public func scalars<T: TensorScalar>(as type: T.Type) -> [T] {
        withUnsafeBufferPointer(as: T.self) { Array($0) }
    }

    /// The elements of a float32 tensor.
    public var floats: [Float] { scalars(as: Float.self) }

    /// The elements of an integer tensor widened to Int64 (for shape, axes and index inputs).
    /// Returns nil for non-integer element types.
    public func integers() -> [Int64]? {
        switch elementType {
        case .int64: return scalars(as: Int64.self)
        case .int32: return scalars(as: Int32.self).map(Int64.init)
        case .int16: return scalars(as: Int16.self).map(Int64.init)
        case .int8: return scalars(as: Int8.self).map(Int64.init)
        case .uint8: return scalars(as: UInt8.self).map(Int64.init)
        case .uint16: return scalars(as: UInt16.self).map(Int64.init)
        case .uint32: return scalars(as: UInt32.self).map(Int64.init)
        case .uint64: return scalars(as: UInt64.self).map { Int64(truncatingIfNeeded: $0) }
        default: return nil
        }
    }

    /// The elements converted to Double, for any numeric or bool element type (used by Cast and tests).
    public func doubles() -> [Double] {
        switch elementType {
        case .float: return scalars(as: Float.self).map(Double.init)
        case .double: return scalars(as: Double.self)
        case .float16: return scalars(as: Float16.self).map(Double.init)
        case .bfloat16: return scalars(as: BFloat16.self).map { Double($0.floatValue) }
        case .bool: return scalars(as: Bool.self).map { $0 ? 1 : 0 }
        case .string: return []
        default: return integers()!.map(Double.init)
        }
    }
}

extension Tensor: Equatable {
    /// Equal when type, shape and every byte match (so NaNs with equal bits compare equal).
    public static func == (lhs: Tensor, rhs: Tensor) -> Bool {
        guard lhs.elementType == rhs.elementType, lhs.shape == rhs.shape else { return false }
        return lhs.withUnsafeBytes { a in rhs.withUnsafeBytes { b in a.elementsEqual(b) } }
    }
}

extension Tensor: CustomStringConvertible {
    /// The element type and shape, such as `Tensor<float32>[1, 10]`.
    public var description: String {
        "Tensor<\(elementType)>\(shape)"
    }
}
