/// The sum of 16 lanes (explicit lanes: the stdlib's generic `sum()` would be a weak symbol shared across
/// ISA modules).
@inline(__always)
func _hsum16(_ v: SIMD16<Float>) -> Float {
    let a = SIMD8(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]) + SIMD8(v[8], v[9], v[10], v[11], v[12], v[13], v[14], v[15])
    let b = SIMD4(a[0], a[1], a[2], a[3]) + SIMD4(a[4], a[5], a[6], a[7])
    return (b[0] + b[2]) + (b[1] + b[3])
}

/// f32-gemv-avx512: y[r] = clamp(dot(w[r * k ..< r * k + k], x) + bias[r]) for r in 0..<rows — a fully
/// connected layer on one input vector, reading the weights ([rows, k] row-major, as exported) in place.
/// Memory-bound: four rows at a time, each row one sequential stream.
public func f32_gemv__avx512(_ w: UnsafePointer<Float>, _ k: Int, _ rows: Int, _ x: UnsafePointer<Float>,
                             _ y: UnsafeMutablePointer<Float>, _ bias: UnsafePointer<Float>?, _ lo: Float,
                             _ hi: Float) {
    let body = k & ~15
    var r = 0
    @inline(__always) func finish(_ dot: Float, _ row: Int) {
        var v = dot
        if let bias { v += bias[row] }
        y[row] = Swift.min(Swift.max(v, lo), hi)
    }
    while r &+ 4 <= rows {
        let w0 = w + r &* k, w1 = w0 + k, w2 = w1 + k, w3 = w2 + k
        var a0 = SIMD16<Float>(), a1 = SIMD16<Float>(), a2 = SIMD16<Float>(), a3 = SIMD16<Float>()
        var j = 0
        while j < body {
            let xv = _load16(x + j)
            a0 = a0.addingProduct(_load16(w0 + j), xv)
            a1 = a1.addingProduct(_load16(w1 + j), xv)
            a2 = a2.addingProduct(_load16(w2 + j), xv)
            a3 = a3.addingProduct(_load16(w3 + j), xv)
            j &+= 16
        }
        var s0 = _hsum16(a0), s1 = _hsum16(a1), s2 = _hsum16(a2), s3 = _hsum16(a3)
        while j < k {
            s0 += w0[j] * x[j]
            s1 += w1[j] * x[j]
            s2 += w2[j] * x[j]
            s3 += w3[j] * x[j]
            j &+= 1
        }
        finish(s0, r)
        finish(s1, r &+ 1)
        finish(s2, r &+ 2)
        finish(s3, r &+ 3)
        r &+= 4
    }
    while r < rows {
        let w0 = w + r &* k
        var a0 = SIMD16<Float>()
        var j = 0
        while j < body {
            a0 = a0.addingProduct(_load16(w0 + j), _load16(x + j))
            j &+= 16
        }
        var s0 = _hsum16(a0)
        while j < k {
            s0 += w0[j] * x[j]
            j &+= 1
        }
        finish(s0, r)
        r &+= 1
    }
}
