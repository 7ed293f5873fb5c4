import CCnnrtCPU

/// The even lanes of a and then of b (a stride-2 load), as one two-source shuffle.
@inline(__always)
func _evenLanes(_ a: SIMD16<Float>, _ b: SIMD16<Float>) -> SIMD16<Float> {
    SIMD16(a[0], a[2], a[4], a[6], a[8], a[10], a[12], a[14], b[0], b[2], b[4], b[6], b[8], b[10], b[12], b[14])
}

/// 16 input values for 16 consecutive outputs of stride `sw`, starting at `src`.
@inline(__always)
func _dwLoad(_ src: UnsafeRawPointer, _ sw: Int) -> SIMD16<Float> {
    if sw == 1 { return src.loadUnaligned(as: SIMD16<Float>.self) }
    if sw == 2 {
        return _evenLanes(src.loadUnaligned(as: SIMD16<Float>.self),
                          src.loadUnaligned(fromByteOffset: 64, as: SIMD16<Float>.self))
    }
    var g = SIMD16<Float>()
    let f = src.assumingMemoryBound(to: Float.self)
    for t in 0..<16 { g[t] = f[t &* sw] }
    return g
}

/// f32-dwconv2d-4x16-avx512: one channel of a depthwise convolution over a plane that the caller padded
/// (pad_top and pad_left are 0: every tap is inside), computing 4 output rows x 16 columns per step so four
/// FMA chains run side by side. The plane must have slack: 3 * stride_h rows below and 16 * stride_w + 16
/// columns right of what the outputs read, since the last block and rows are computed whole.
@Sendable public func f32_dwconv2d__avx512(_ p: UnsafePointer<CnnrtDWConvParams>) {
    let q = p.pointee
    let (kh, kw, sh, sw, dh, dw) = (q.kernel_h, q.kernel_w, q.stride_h, q.stride_w, q.dilation_h, q.dilation_w)
    let minV = SIMD16<Float>(repeating: q.min), maxV = SIMD16<Float>(repeating: q.max)
    let rowBytes = q.width &* 4
    var oy = 0
    while oy < q.out_h {
        let rows = Swift.min(4, q.out_h &- oy)
        var ox = 0
        while ox < q.out_w {
            var a0 = SIMD16<Float>(repeating: q.bias), a1 = a0, a2 = a0, a3 = a0
            let base = UnsafeRawPointer(q.input + (oy &* sh &* q.width &+ ox &* sw))
            let step = sh &* rowBytes
            for ky in 0..<kh {
                let rowBase = base + ky &* dh &* rowBytes
                for kx in 0..<kw {
                    let w = SIMD16<Float>(repeating: q.weights[ky &* kw &+ kx])
                    let src = rowBase + kx &* dw &* 4
                    a0 = a0.addingProduct(_dwLoad(src, sw), w)
                    a1 = a1.addingProduct(_dwLoad(src + step, sw), w)
                    a2 = a2.addingProduct(_dwLoad(src + 2 &* step, sw), w)
                    a3 = a3.addingProduct(_dwLoad(src + 3 &* step, sw), w)
                }
            }
            let count = Swift.min(16, q.out_w &- ox)
            for r in 0..<rows {
                var acc = r == 0 ? a0 : r == 1 ? a1 : r == 2 ? a2 : a3
                let outRow: UnsafeMutablePointer<Float> = q.output + ((oy &+ r) &* q.out_w &+ ox)
                let residualRow: UnsafePointer<Float>? = q.residual.map { $0 + ((oy &+ r) &* q.out_w &+ ox) }
                if count == 16 {
                    if let residualRow { acc += UnsafeRawPointer(residualRow).loadUnaligned(as: SIMD16<Float>.self) }
                    UnsafeMutableRawPointer(outRow).storeBytes(of: _clamp16(acc, minV, maxV), as: SIMD16<Float>.self)
                } else {
                    for t in 0..<count {
                        var v = acc[t]
                        if let residualRow { v += residualRow[t] }
                        outRow[t] = Swift.min(Swift.max(v, q.min), q.max)
                    }
                }
            }
            ox &+= 16
        }
        oy &+= 4
    }
}
