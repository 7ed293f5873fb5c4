/// How far one tensor is from a reference, judged numpy-style: an element passes when
/// `|actual - expected| <= atol + rtol * |expected|`. NaN matches NaN only; integers compare exactly
/// when both tolerances are zero.
public struct TensorComparison: Sendable {
    /// True when both tensors have the same shape.
    public var shapeMatches: Bool
    /// True when both tensors have the same element type.
    public var typeMatches: Bool
    /// Elements that fail the tolerance.
    public var mismatches: Int
    /// The element furthest outside (or closest to) its tolerance.
    public var worstIndex: [Int]
    /// The actual value at `worstIndex` (NaN when there is none).
    public var worstActual: Double
    /// The expected value at `worstIndex` (NaN when there is none).
    public var worstExpected: Double
    /// The largest |actual - expected|.
    public var maxAbsoluteDifference: Double
    /// max |actual - expected| / max |expected|: the figure cnnrt's model tests bound by 1e-4.
    public var relativeToPeak: Double

    /// True when shapes and types match and every element is within tolerance.
    public var passed: Bool { shapeMatches && typeMatches && mismatches == 0 }

    /// Compares `actual` with `expected` element by element.
    public init(actual: Tensor, expected: Tensor, rtol: Double, atol: Double) {
        shapeMatches = actual.shape == expected.shape
        typeMatches = actual.elementType == expected.elementType
        mismatches = 0
        worstIndex = []
        worstActual = .nan
        worstExpected = .nan
        maxAbsoluteDifference = 0
        relativeToPeak = 0
        guard shapeMatches, typeMatches else { return }
        let a = actual.doubles()
        let e = expected.doubles()
        var worstExcess = -Double.infinity
        var worstFlat = -1
        var peak = 0.0
        for i in 0..<e.count {
            let x = a[i], y = e[i]
            peak = max(peak, y.isFinite ? abs(y) : 0)
            let excess: Double
            if x.isNaN || y.isNaN {
                excess = x.isNaN && y.isNaN ? -Double.infinity : .infinity
            } else if x == y {
                excess = -(atol + rtol * abs(y))   // also covers equal infinities
            } else {
                let diff = abs(x - y)
                maxAbsoluteDifference = max(maxAbsoluteDifference, diff.isNaN ? .infinity : diff)
                excess = diff - (atol + rtol * abs(y))
            }
            if excess > 0 { mismatches += 1 }
            if excess > worstExcess {
                worstExcess = excess
                worstFlat = i
            }
        }
        relativeToPeak = peak > 0 ? maxAbsoluteDifference / peak : maxAbsoluteDifference
        if worstFlat >= 0 {
            worstActual = a[worstFlat]
            worstExpected = e[worstFlat]
            var rest = worstFlat
            worstIndex = Shape.strides(expected.shape).map { stride in
                defer { rest %= stride }
                return rest / stride
            }
        }
    }
}
