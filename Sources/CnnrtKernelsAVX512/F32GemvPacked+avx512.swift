/// f32-gemv-packed-avx512: y[j] = min(max(sum over p of x[p] * B[p, j] + bias[j], lo), hi) for j < n, with B
/// packed in panels of 32 columns (`k` rows of 32 floats each, zero past n; panel j at b + j * k * 32) and
/// `bias` optional (n floats). A fully connected layer at batch 1: four panels at once (8 independent
/// accumulators hide the FMA latency), then the last panels one at a time with 4 partial sums each.
@Sendable public func f32_gemv_packed__avx512(_ x: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ k: Int,
                                              _ n: Int, _ bias: UnsafePointer<Float>?, _ lo: Float, _ hi: Float,
                                              _ y: UnsafeMutablePointer<Float>) {
    let panels = (n &+ 31) / 32
    let panelFloats = k &* 32
    let low = SIMD16<Float>(repeating: lo), high = SIMD16<Float>(repeating: hi)
    var j = 0
    while j &+ 4 <= panels {
        let p0 = UnsafeRawPointer(b + j &* panelFloats)
        let p1 = p0 + panelFloats &* 4, p2 = p1 + panelFloats &* 4, p3 = p2 + panelFloats &* 4
        var a0 = SIMD16<Float>(), a1 = SIMD16<Float>(), c0 = SIMD16<Float>(), c1 = SIMD16<Float>()
        var d0 = SIMD16<Float>(), d1 = SIMD16<Float>(), e0 = SIMD16<Float>(), e1 = SIMD16<Float>()
        for p in 0..<k {
            let v = SIMD16<Float>(repeating: x[p])
            let o = p &* 128
            a0 = a0.addingProduct(p0.loadUnaligned(fromByteOffset: o, as: SIMD16<Float>.self), v)
            a1 = a1.addingProduct(p0.loadUnaligned(fromByteOffset: o &+ 64, as: SIMD16<Float>.self), v)
            c0 = c0.addingProduct(p1.loadUnaligned(fromByteOffset: o, as: SIMD16<Float>.self), v)
            c1 = c1.addingProduct(p1.loadUnaligned(fromByteOffset: o &+ 64, as: SIMD16<Float>.self), v)
            d0 = d0.addingProduct(p2.loadUnaligned(fromByteOffset: o, as: SIMD16<Float>.self), v)
            d1 = d1.addingProduct(p2.loadUnaligned(fromByteOffset: o &+ 64, as: SIMD16<Float>.self), v)
            e0 = e0.addingProduct(p3.loadUnaligned(fromByteOffset: o, as: SIMD16<Float>.self), v)
            e1 = e1.addingProduct(p3.loadUnaligned(fromByteOffset: o &+ 64, as: SIMD16<Float>.self), v)
        }
        _gemvStore(a0, y, j &* 32, n, bias, low, high)
        _gemvStore(a1, y, j &* 32 &+ 16, n, bias, low, high)
        _gemvStore(c0, y, j &* 32 &+ 32, n, bias, low, high)
        _gemvStore(c1, y, j &* 32 &+ 48, n, bias, low, high)
        _gemvStore(d0, y, j &* 32 &+ 64, n, bias, low, high)
        _gemvStore(d1, y, j &* 32 &+ 80, n, bias, low, high)
        _gemvStore(e0, y, j &* 32 &+ 96, n, bias, low, high)
        _gemvStore(e1, y, j &* 32 &+ 112, n, bias, low, high)
        j &+= 4
    }
    while j < panels {
        let panel = UnsafeRawPointer(b + j &* panelFloats)
        var a0 = SIMD16<Float>(), a1 = SIMD16<Float>(), c0 = SIMD16<Float>(), c1 = SIMD16<Float>()
        var d0 = SIMD16<Float>(), d1 = SIMD16<Float>(), e0 = SIMD16<Float>(), e1 = SIMD16<Float>()
        var p = 0
        while p &+ 4 <= k {
            let o = p &* 128
            let v0 = SIMD16<Float>(repeating: x[p]), v1 = SIMD16<Float>(repeating: x[p &+ 1])
            let v2 = SIMD16<Float>(repeating: x[p &+ 2]), v3 = SIMD16<Float>(repeating: x[p &+ 3])
            a0 = a0.addingProduct(panel.loadUnaligned(fromByteOffset: o, as: SIMD16<Float>.self), v0)
            a1 = a1.addingProduct(panel.loadUnaligned(fromByteOffset: o &+ 64, as: SIMD16<Float>.self), v0)
            c0 = c0.addingProduct(panel.loadUnaligned(fromByteOffset: o &+ 128, as: SIMD16<Float>.self), v1)
            c1 = c1.addingProduct(panel.loadUnaligned(fromByteOffset: o &+ 192, as: SIMD16<Float>.self), v1)
            d0 = d0.addingProduct(panel.loadUnaligned(fromByteOffset: o &+ 256, as: SIMD16<Float>.self), v2)
            d1 = d1.addingProduct(panel.loadUnaligned(fromByteOffset: o &+ 320, as: SIMD16<Float>.self), v2)
            e0 = e0.addingProduct(panel.loadUnaligned(fromByteOffset: o &+ 384, as: SIMD16<Float>.self), v3)
            e1 = e1.addingProduct(panel.loadUnaligned(fromByteOffset: o &+ 448, as: SIMD16<Float>.self), v3)
            p &+= 4
        }
        while p < k {
            let o = p &* 128
            let v = SIMD16<Float>(repeating: x[p])
            a0 = a0.addingProduct(panel.loadUnaligned(fromByteOffset: o, as: SIMD16<Float>.self), v)
            a1 = a1.addingProduct(panel.loadUnaligned(fromByteOffset: o &+ 64, as: SIMD16<Float>.self), v)
            p &+= 1
        }
        _gemvStore((a0 + c0) + (d0 + e0), y, j &* 32, n, bias, low, high)
        _gemvStore((a1 + c1) + (d1 + e1), y, j &* 32 &+ 16, n, bias, low, high)
        j &+= 1
    }
}

/// Stores y[col ..< min(col + 16, n)] of a GEMV with bias and clamp.
@inline(__always)
func _gemvStore(_ acc: SIMD16<Float>, _ y: UnsafeMutablePointer<Float>, _ col: Int, _ n: Int,
                _ bias: UnsafePointer<Float>?, _ lo: SIMD16<Float>, _ hi: SIMD16<Float>) {
    if col >= n { return }
    let count = Swift.min(16, n &- col)
    var v = acc
    if let bias {
        if count == 16 {
            v += UnsafeRawPointer(bias + col).loadUnaligned(as: SIMD16<Float>.self)
        } else {
            var t = SIMD16<Float>()
            for i in 0..<count { t[i] = bias[col &+ i] }
            v += t
        }
    }
    v = _clamp16(v, lo, hi)
    if count == 16 {
        UnsafeMutableRawPointer(y + col).storeBytes(of: v, toByteOffset: 0, as: SIMD16<Float>.self)
    } else {
        for i in 0..<count { y[col &+ i] = v[i] }
    }
}
