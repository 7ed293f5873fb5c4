// Dispatch from a run-time `ElementType` to a generic kernel, written once here so operators do not each
// switch over the element types: an operator implements one generic `visit` and calls `dispatch`.

/// A computation generic over the numeric element types (floats and integers, not bool).
protocol ElementwiseScalarVisitor {
    associatedtype Result
    func visit<T: ElementwiseScalar>(_ type: T.Type) throws -> Result
}

/// A computation generic over the float element types (float32, float64, float16, bfloat16).
protocol ElementwiseFloatVisitor {
    associatedtype Result
    func visit<T: ElementwiseFloat>(_ type: T.Type) throws -> Result
}

/// A computation generic over every element type Cast handles (numeric types and bool).
protocol CastScalarVisitor {
    associatedtype Result
    func visit<T: CastScalar>(_ type: T.Type) throws -> Result
}

extension ElementType {
    /// True for the types `dispatch(numeric:)` accepts.
    var isElementwiseScalar: Bool { self != .bool && self != .string }

    /// True for the types `dispatch(castable:)` accepts.
    var isCastScalar: Bool { self != .string }

    /// Runs `visitor` for this numeric type; throws naming `label`'s node for bool and string.
    func dispatch<V: ElementwiseScalarVisitor>(numeric visitor: V, _ label: ElementwiseLabel) throws -> V.Result {
        switch self {
        case .float: return try visitor.visit(Float.self)
        case .double: return try visitor.visit(Double.self)
        case .float16: return try visitor.visit(Float16.self)
        case .bfloat16: return try visitor.visit(BFloat16.self)
        case .int8: return try visitor.visit(Int8.self)
        case .int16: return try visitor.visit(Int16.self)
        case .int32: return try visitor.visit(Int32.self)
        case .int64: return try visitor.visit(Int64.self)
        case .uint8: return try visitor.visit(UInt8.self)
        case .uint16: return try visitor.visit(UInt16.self)
        case .uint32: return try visitor.visit(UInt32.self)
        case .uint64: return try visitor.visit(UInt64.self)
        case .bool, .string: throw label.error("element type \(self) is not supported (expected a numeric type)")
        }
    }

    /// Runs `visitor` for this float type; throws naming `label`'s node for any other type.
    func dispatch<V: ElementwiseFloatVisitor>(float visitor: V, _ label: ElementwiseLabel) throws -> V.Result {
        switch self {
        case .float: return try visitor.visit(Float.self)
        case .double: return try visitor.visit(Double.self)
        case .float16: return try visitor.visit(Float16.self)
        case .bfloat16: return try visitor.visit(BFloat16.self)
        default: throw label.error("element type \(self) is not supported (expected a float type)")
        }
    }

    /// Runs `visitor` for this numeric or bool type; throws naming `label`'s node for strings.
    func dispatch<V: CastScalarVisitor>(castable visitor: V, _ label: ElementwiseLabel) throws -> V.Result {
        switch self {
        case .bool: return try visitor.visit(Bool.self)
        case .float: return try visitor.visit(Float.self)
        case .double: return try visitor.visit(Double.self)
        case .float16: return try visitor.visit(Float16.self)
        case .bfloat16: return try visitor.visit(BFloat16.self)
        case .int8: return try visitor.visit(Int8.self)
        case .int16: return try visitor.visit(Int16.self)
        case .int32: return try visitor.visit(Int32.self)
        case .int64: return try visitor.visit(Int64.self)
        case .uint8: return try visitor.visit(UInt8.self)
        case .uint16: return try visitor.visit(UInt16.self)
        case .uint32: return try visitor.visit(UInt32.self)
        case .uint64: return try visitor.visit(UInt64.self)
        case .string: throw label.error("string tensors are not supported")
        }
    }
}

/// A node's name and op type, kept by an operator for the errors it throws at run time.
struct ElementwiseLabel: Sendable {
    let node: String
    let opType: String

    init(_ node: Node) {
        self.node = node.displayName
        opType = node.opType
    }

    func error(_ reason: String) -> CnnrtError {
        .invalidNode(node: node, opType: opType, reason: reason)
    }

    /// Checks that `type` is numeric (not bool or string).
    func requireNumeric(_ type: ElementType, _ what: String = "input") throws {
        guard type.isElementwiseScalar else {
            throw error("\(what) has element type \(type), expected a numeric type")
        }
    }

    /// Checks that `type` is float32, float64, float16 or bfloat16.
    func requireFloat(_ type: ElementType, _ what: String = "input") throws {
        guard type.isFloatingPoint else { throw error("\(what) has element type \(type), expected a float type") }
    }

    /// A zero-filled output tensor, after checking that its size fits in memory arithmetic and
    /// under `TensorLimits.maxTensorBytes`.
    func makeTensor(_ type: ElementType, shape: [Int]) throws -> Tensor {
        try checkSize(type, shape: shape)
        return Tensor(zeros: type, shape: shape)
    }

    /// Checks that an output of `shape` fits in memory arithmetic and under `TensorLimits.maxTensorBytes`.
    func checkSize(_ type: ElementType, shape: [Int]) throws {
        guard Shape.byteCount(shape, elementType: type) != nil else {
            throw error("output shape \(shape) is invalid or too large")
        }
        try TensorLimits.checkedByteCount(shape, type, for: "node '\(node)' (\(opType)): output")
    }
}
