#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The scalar protocols the elementwise reference kernels are written against, so each kernel is one
// generic function instead of one copy per element type.

/// The arithmetic a kernel does on the type it computes in: the element type itself, or Float for the
/// 16-bit float types.
///
/// Integer arithmetic wraps (as C on unsigned values and numpy do), integer division truncates toward
/// zero, and an integer division by zero yields 0 instead of trapping.
protocol ElementwiseCompute: Comparable, Sendable {
    static var zero: Self { get }
    static var one: Self { get }
    static func plus(_ a: Self, _ b: Self) -> Self
    static func minus(_ a: Self, _ b: Self) -> Self
    static func times(_ a: Self, _ b: Self) -> Self
    static func over(_ a: Self, _ b: Self) -> Self
    static func negative(_ a: Self) -> Self
    static func absolute(_ a: Self) -> Self
    /// The larger of two values; NaN when either is NaN (numpy's `maximum`).
    static func maxPropagatingNaN(_ a: Self, _ b: Self) -> Self
    /// The smaller of two values; NaN when either is NaN (numpy's `minimum`).
    static func minPropagatingNaN(_ a: Self, _ b: Self) -> Self
    /// `base` raised to `exponent`. Integers: exact (wrapping) for integral exponents.
    static func power(_ base: Self, _ exponent: Double) -> Self
}

extension ElementwiseCompute where Self: BinaryFloatingPoint {
    static var one: Self { 1 }
    static func plus(_ a: Self, _ b: Self) -> Self { a + b }
    static func minus(_ a: Self, _ b: Self) -> Self { a - b }
    static func times(_ a: Self, _ b: Self) -> Self { a * b }
    static func over(_ a: Self, _ b: Self) -> Self { a / b }
    static func negative(_ a: Self) -> Self { -a }
    static func absolute(_ a: Self) -> Self { a.magnitude }
    static func maxPropagatingNaN(_ a: Self, _ b: Self) -> Self { a.isNaN || b.isNaN ? .nan : (a < b ? b : a) }
    static func minPropagatingNaN(_ a: Self, _ b: Self) -> Self { a.isNaN || b.isNaN ? .nan : (b < a ? b : a) }
    // Computed in Double and rounded once, as numpy does for a float32 base with a float64 exponent.
    static func power(_ base: Self, _ exponent: Double) -> Self { Self(pow(Double(base), exponent)) }
}

extension ElementwiseCompute where Self: FixedWidthInteger {
    static var one: Self { 1 }
    static func plus(_ a: Self, _ b: Self) -> Self { a &+ b }
    static func minus(_ a: Self, _ b: Self) -> Self { a &- b }
    static func times(_ a: Self, _ b: Self) -> Self { a &* b }
    static func over(_ a: Self, _ b: Self) -> Self {
        // Truncates toward zero like C; x / 0 is 0 and Int.min / -1 wraps to Int.min, never a trap.
        b == 0 ? 0 : a.dividedReportingOverflow(by: b).partialValue
    }
    static func negative(_ a: Self) -> Self { 0 &- a }
    static func absolute(_ a: Self) -> Self { a < 0 ? 0 &- a : a }
    static func maxPropagatingNaN(_ a: Self, _ b: Self) -> Self { a < b ? b : a }
    static func minPropagatingNaN(_ a: Self, _ b: Self) -> Self { b < a ? b : a }

    static func power(_ base: Self, _ exponent: Double) -> Self {
        guard exponent.rounded(.towardZero) == exponent, exponent.magnitude < 0x1p62 else {
            // A fractional (or NaN / huge) exponent: compute in Double, truncate as Cast does.
            return saturatingInteger(pow(Double(base), exponent))
        }
        var e = Int64(exponent)
        if e < 0 {
            // base^-n truncated toward zero: only ±1 survive; 0^-n (a division by zero) is 0 as in Div.
            if base == 1 { return 1 }
            if Self.isSigned && base == 0 &- 1 { return e & 1 == 0 ? 1 : base }
            return 0
        }
        var result: Self = 1
        var square = base
        while e > 0 {
            if e & 1 == 1 { result = result &* square }
            square = square &* square
            e >>= 1
        }
        return result
    }
}

/// Converts a float to an integer type truncating toward zero (C and numpy for in-range values).
/// Out-of-range values saturate to the type's bounds and NaN gives 0: ONNX leaves these implementation-defined,
/// and a defined result is better than undefined behaviour or a trap.
@inline(__always)
func saturatingInteger<I: FixedWidthInteger, F: BinaryFloatingPoint>(_ value: F) -> I {
    if value.isNaN { return 0 }
    if value <= F(I.min) { return I.min }
    // F(I.max) may round up to 2^bits (e.g. Float(Int64.max)); anything at or above it is out of range.
    if value >= F(I.max) { return I.max }
    return I(value.rounded(.towardZero))
}

/// Float compute types with the transcendental functions the activations need.
protocol ElementwiseFloatMath: ElementwiseCompute, BinaryFloatingPoint {
    static func mathExp(_ x: Self) -> Self
    static func mathLog(_ x: Self) -> Self
    static func mathTanh(_ x: Self) -> Self
    static func mathErf(_ x: Self) -> Self
}

extension Float: ElementwiseFloatMath {
    static func mathExp(_ x: Float) -> Float { expf(x) }
    static func mathLog(_ x: Float) -> Float { logf(x) }
    static func mathTanh(_ x: Float) -> Float { tanhf(x) }
    static func mathErf(_ x: Float) -> Float { erff(x) }
}

extension Double: ElementwiseFloatMath {
    static func mathExp(_ x: Double) -> Double { exp(x) }
    static func mathLog(_ x: Double) -> Double { log(x) }
    static func mathTanh(_ x: Double) -> Double { tanh(x) }
    static func mathErf(_ x: Double) -> Double { erf(x) }
}

extension Int8: ElementwiseCompute {}
extension Int16: ElementwiseCompute {}
extension Int32: ElementwiseCompute {}
extension Int64: ElementwiseCompute {}
extension UInt8: ElementwiseCompute {}
extension UInt16: ElementwiseCompute {}
extension UInt32: ElementwiseCompute {}
extension UInt64: ElementwiseCompute {}

// MARK: - Conversions (Cast)

// Static functions rather than initializers: an unlabelled reference such as `.map(Double.init)` elsewhere
// must not become ambiguous.

/// An element type Cast can convert from and to: every numeric type and bool.
///
/// Conversion is double dispatch: the source picks the widest lossless carrier of its value (Int64, UInt64,
/// Float or Double) and the destination converts from that carrier.
protocol CastScalar: TensorScalar {
    static func fromCast(_ value: Int64) -> Self
    static func fromCast(_ value: UInt64) -> Self
    static func fromCast(_ value: Float) -> Self
    static func fromCast(_ value: Double) -> Self
    /// This value converted to `D` with Cast semantics.
    func castScalar<D: CastScalar>(to type: D.Type) -> D
}

extension CastScalar where Self: FixedWidthInteger {
    static func fromCast(_ value: Int64) -> Self { Self(truncatingIfNeeded: value) }
    static func fromCast(_ value: UInt64) -> Self { Self(truncatingIfNeeded: value) }
    static func fromCast(_ value: Float) -> Self { saturatingInteger(value) }
    static func fromCast(_ value: Double) -> Self { saturatingInteger(value) }

    func castScalar<D: CastScalar>(to type: D.Type) -> D {
        Self.isSigned ? D.fromCast(Int64(truncatingIfNeeded: self)) : D.fromCast(UInt64(truncatingIfNeeded: self))
    }
}

extension Int8: CastScalar {}
extension Int16: CastScalar {}
extension Int32: CastScalar {}
extension Int64: CastScalar {}
extension UInt8: CastScalar {}
extension UInt16: CastScalar {}
extension UInt32: CastScalar {}
extension UInt64: CastScalar {}

extension Float: CastScalar {
    static func fromCast(_ value: Int64) -> Float { Float(value) }
    static func fromCast(_ value: UInt64) -> Float { Float(value) }
    static func fromCast(_ value: Float) -> Float { value }
    static func fromCast(_ value: Double) -> Float { Float(value) }
    func castScalar<D: CastScalar>(to type: D.Type) -> D { D.fromCast(self) }
}

extension Double: CastScalar {
    static func fromCast(_ value: Int64) -> Double { Double(value) }
    static func fromCast(_ value: UInt64) -> Double { Double(value) }
    static func fromCast(_ value: Float) -> Double { Double(value) }
    static func fromCast(_ value: Double) -> Double { value }
    func castScalar<D: CastScalar>(to type: D.Type) -> D { D.fromCast(self) }
}

extension Float16: CastScalar {
    // Each conversion rounds once to nearest even, as numpy's astype(float16) does.
    static func fromCast(_ value: Int64) -> Float16 { Float16(value) }
    static func fromCast(_ value: UInt64) -> Float16 { Float16(value) }
    static func fromCast(_ value: Float) -> Float16 { Float16(value) }
    static func fromCast(_ value: Double) -> Float16 { Float16(value) }
    func castScalar<D: CastScalar>(to type: D.Type) -> D { D.fromCast(Float(self)) }
}

extension BFloat16: CastScalar {
    // Through float32, as ONNX's reference converts to bfloat16.
    static func fromCast(_ value: Int64) -> BFloat16 { BFloat16(Float(value)) }
    static func fromCast(_ value: UInt64) -> BFloat16 { BFloat16(Float(value)) }
    static func fromCast(_ value: Float) -> BFloat16 { BFloat16(value) }
    static func fromCast(_ value: Double) -> BFloat16 { BFloat16(Float(value)) }
    func castScalar<D: CastScalar>(to type: D.Type) -> D { D.fromCast(floatValue) }
}

extension Bool: CastScalar {
    // Non-zero (including NaN) is true, as in numpy.
    static func fromCast(_ value: Int64) -> Bool { value != 0 }
    static func fromCast(_ value: UInt64) -> Bool { value != 0 }
    static func fromCast(_ value: Float) -> Bool { value != 0 }
    static func fromCast(_ value: Double) -> Bool { value != 0 }
    func castScalar<D: CastScalar>(to type: D.Type) -> D { D.fromCast(Int64(self ? 1 : 0)) }
}

// MARK: - Storage types

/// A numeric element type and how the kernels compute on it.
protocol ElementwiseScalar: CastScalar {
    associatedtype Compute: ElementwiseCompute
    static func fromCompute(_ value: Compute) -> Self
    var computeValue: Compute { get }
}

/// A float element type (float32, float64, float16, bfloat16); the 16-bit ones compute in Float.
protocol ElementwiseFloat: ElementwiseScalar where Compute: ElementwiseFloatMath {}

extension Float: ElementwiseFloat {
    static func fromCompute(_ value: Float) -> Float { value }
    var computeValue: Float { self }
}

extension Double: ElementwiseFloat {
    static func fromCompute(_ value: Double) -> Double { value }
    var computeValue: Double { self }
}

extension Float16: ElementwiseFloat {
    static func fromCompute(_ value: Float) -> Float16 { Float16(value) }
    var computeValue: Float { Float(self) }
}

extension BFloat16: ElementwiseFloat {
    static func fromCompute(_ value: Float) -> BFloat16 { BFloat16(value) }
    var computeValue: Float { floatValue }
}

extension ElementwiseScalar where Self: FixedWidthInteger & ElementwiseCompute, Compute == Self {
    static func fromCompute(_ value: Self) -> Self { value }
    var computeValue: Self { self }
}

extension Int8: ElementwiseScalar {}
extension Int16: ElementwiseScalar {}
extension Int32: ElementwiseScalar {}
extension Int64: ElementwiseScalar {}
extension UInt8: ElementwiseScalar {}
extension UInt16: ElementwiseScalar {}
extension UInt32: ElementwiseScalar {}
extension UInt64: ElementwiseScalar {}
