/// f32-gemv-portable: y[r] = clamp(dot(w[r * k ..< r * k + k], x) + bias[r]) for r in 0..<rows (see the
/// AVX-512 kernel); four partial sums per row so the loop vectorizes without reassociation.
public func f32_gemv__portable(_ w: UnsafePointer<Float>, _ k: Int, _ rows: Int, _ x: UnsafePointer<Float>,
                               _ y: UnsafeMutablePointer<Float>, _ bias: UnsafePointer<Float>?, _ lo: Float,
                               _ hi: Float) {
    for r in 0..<rows {
        let row = w + r &* k
        var s = SIMD4<Float>()
        var j = 0
        while j &+ 4 <= k {
            s += UnsafeRawPointer(row + j).loadUnaligned(as: SIMD4<Float>.self)
                * UnsafeRawPointer(x + j).loadUnaligned(as: SIMD4<Float>.self)
            j &+= 4
        }
        var v = (s[0] + s[2]) + (s[1] + s[3])
        while j < k {
            v += row[j] * x[j]
            j &+= 1
        }
        if let bias { v += bias[r] }
        y[r] = Swift.min(Swift.max(v, lo), hi)
    }
}
