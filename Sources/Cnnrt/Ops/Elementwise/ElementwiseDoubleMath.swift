#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `f(x)` computed in Double and rounded once to `C`: the activations and trigonometric functions whose
/// libm entry points `ElementwiseFloatMath` does not carry are evaluated this way for every float type.
@inline(__always)
func elementwiseViaDouble<C: BinaryFloatingPoint>(_ x: C, _ f: (Double) -> Double) -> C {
    C(f(Double(x)))
}

/// `log(1 + exp(x))` without overflow for large `x` and without losing small values for very negative `x`.
func elementwiseSoftplus(_ x: Double) -> Double {
    x > 0 ? x + log1p(exp(-x)) : log1p(exp(x))
}
