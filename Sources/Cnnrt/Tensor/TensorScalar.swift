/// A Swift type that stores the elements of one `ElementType`.
public protocol TensorScalar: Sendable {
    static var elementType: ElementType { get }
}

extension Float: TensorScalar { public static var elementType: ElementType { .float } }
extension Double: TensorScalar { public static var elementType: ElementType { .double } }
extension Float16: TensorScalar { public static var elementType: ElementType { .float16 } }
extension Int8: TensorScalar { public static var elementType: ElementType { .int8 } }
extension Int16: TensorScalar { public static var elementType: ElementType { .int16 } }
extension Int32: TensorScalar { public static var elementType: ElementType { .int32 } }
extension Int64: TensorScalar { public static var elementType: ElementType { .int64 } }
extension UInt8: TensorScalar { public static var elementType: ElementType { .uint8 } }
extension UInt16: TensorScalar { public static var elementType: ElementType { .uint16 } }
extension UInt32: TensorScalar { public static var elementType: ElementType { .uint32 } }
extension UInt64: TensorScalar { public static var elementType: ElementType { .uint64 } }
extension Bool: TensorScalar { public static var elementType: ElementType { .bool } }

/// The bit pattern of a bfloat16 value (the upper half of a float32).
public struct BFloat16: TensorScalar, Equatable {
    /// `.bfloat16`.
    public static var elementType: ElementType { .bfloat16 }
    /// The raw bits: the upper half of a float32.
    public var bits: UInt16

    /// A value from its raw bits.
    public init(bits: UInt16) { self.bits = bits }

    /// Rounds to nearest even, as ONNX's reference does; NaN stays NaN.
    public init(_ value: Float) {
        if value.isNaN {
            bits = 0x7FC0
            return
        }
        let raw = value.bitPattern
        let roundingBias = 0x7FFF &+ ((raw >> 16) & 1)
        bits = UInt16(truncatingIfNeeded: (raw &+ roundingBias) >> 16)
    }

    /// The value as a float32 (exact).
    public var floatValue: Float { Float(bitPattern: UInt32(bits) << 16) }
}
