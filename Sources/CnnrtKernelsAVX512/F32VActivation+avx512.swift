/// e^x for 16 lanes: range reduction by ln 2 and a degree-6 polynomial (relative error ~2e-7).
@_transparent
func _exp16(_ x: SIMD16<Float>) -> SIMD16<Float> {
    let x = _clamp16(x, SIMD16(repeating: -87.33), SIMD16(repeating: 88.37))
    // Adding 1.5 * 2^23 rounds to an integer held in the low mantissa bits (no int conversion call).
    let magic = SIMD16<Float>(repeating: 12582912)
    let t = x * SIMD16(repeating: 1.442695041) + magic
    let n = t - magic
    var r = x.addingProduct(n, SIMD16(repeating: -0.693145751953125))
    r = r.addingProduct(n, SIMD16(repeating: -1.428606765330187e-06))
    var p = SIMD16<Float>(repeating: 1.0 / 720)
    p = (p * r) + SIMD16(repeating: 1.0 / 120)
    p = (p * r) + SIMD16(repeating: 1.0 / 24)
    p = (p * r) + SIMD16(repeating: 1.0 / 6)
    p = (p * r) + SIMD16(repeating: 0.5)
    p = (p * r) + SIMD16(repeating: 1)
    p = (p * r) + SIMD16(repeating: 1)
    let integer = unsafeBitCast(t, to: SIMD16<Int32>.self) &- unsafeBitCast(magic, to: SIMD16<Int32>.self)
    let bits = (integer &+ 127) &<< 23
    return p * unsafeBitCast(bits, to: SIMD16<Float>.self)
}

@inline(__always)
func _activate16(_ v: SIMD16<Float>, _ kind: Int32, _ p0: Float, _ p1: Float) -> SIMD16<Float> {
    let zero = SIMD16<Float>(), one = SIMD16<Float>(repeating: 1)
    switch kind {
    case 1: return _max16(v, zero)
    case 2: return _clamp16(v, SIMD16(repeating: p0), SIMD16(repeating: p1))
    case 3: return v.replacing(with: v * p0, where: v .< zero)
    case 4: return one / (one + _exp16(-v))
    case 5: return _clamp16(v * p0 + p1, zero, one)
    case 6: return v * _clamp16(v * (1.0 / 6) + 0.5, zero, one)
    case 7: return v / (one + _exp16(-v))
    default: return v
    }
}

/// f32-vactivation-avx512: x[i] = activation(x[i]) for i < n. `kind`: 1 Relu, 2 Clip(p0, p1),
/// 3 LeakyRelu(p0), 4 Sigmoid, 5 HardSigmoid(p0, p1), 6 HardSwish, 7 SiLU; anything else leaves x.
@Sendable public func f32_vactivation__avx512(_ kind: Int32, _ p0: Float, _ p1: Float,
                                              _ x: UnsafeMutablePointer<Float>, _ n: Int) {
    var i = 0
    let raw = UnsafeMutableRawPointer(x)
    while i &+ 16 <= n {
        let v = raw.loadUnaligned(fromByteOffset: i &* 4, as: SIMD16<Float>.self)
        raw.storeBytes(of: _activate16(v, kind, p0, p1), toByteOffset: i &* 4, as: SIMD16<Float>.self)
        i &+= 16
    }
    if i < n {
        var tail = SIMD16<Float>()
        for j in 0..<(n &- i) { tail[j] = x[i &+ j] }
        tail = _activate16(tail, kind, p0, p1)
        for j in 0..<(n &- i) { x[i &+ j] = tail[j] }
    }
}
