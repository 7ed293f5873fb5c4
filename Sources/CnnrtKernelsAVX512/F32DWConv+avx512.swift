import CCnnrtCPU

/// f32-dwconv2d-avx512: one channel of a depthwise convolution, 16 output columns at a time, reading a
/// zero-padded input plane (so no tap needs a bounds check). Stride 1 and 2 load contiguous vectors;
/// other strides gather.
public func f32_dwconv2d__avx512(_ p: UnsafePointer<CnnrtDWConvParams>) {
    let q = p.pointee
    let (kh, kw, sh, sw, dh, dw) = (q.kernel_h, q.kernel_w, q.stride_h, q.stride_w, q.dilation_h, q.dilation_w)
    let minV = SIMD16<Float>(repeating: q.min), maxV = SIMD16<Float>(repeating: q.max)
    let biasV = SIMD16<Float>(repeating: q.bias)
    for oy in 0..<q.out_h {
        let outRow: UnsafeMutablePointer<Float> = q.output + oy &* q.out_w
        var ox = 0
        while ox < q.out_w {
            var acc = biasV
            for ky in 0..<kh {
                let iy: Int = oy &* sh &+ ky &* dh
                let row: UnsafePointer<Float> = q.input + (iy &* q.padded_width &+ ox &* sw)
                for kx in 0..<kw {
                    let w = SIMD16<Float>(repeating: q.weights[ky &* kw &+ kx])
                    let src = UnsafeRawPointer(row + kx &* dw)
                    let v: SIMD16<Float>
                    if sw == 1 {
                        v = src.loadUnaligned(as: SIMD16<Float>.self)
                    } else if sw == 2 {
                        let a = src.loadUnaligned(as: SIMD16<Float>.self)
                        let b = src.loadUnaligned(fromByteOffset: 64, as: SIMD16<Float>.self)
                        v = SIMD16(lowHalf: a.evenHalf, highHalf: b.evenHalf)
                    } else {
                        var g = SIMD16<Float>()
                        let f = src.assumingMemoryBound(to: Float.self)
                        for t in 0..<16 { g[t] = f[t &* sw] }
                        v = g
                    }
                    acc = acc.addingProduct(v, w)
                }
            }
            let count = min(16, q.out_w &- ox)
            if let residual = q.residual {
                let r: UnsafePointer<Float> = residual + (oy &* q.out_w &+ ox)
                if count == 16 {
                    acc += UnsafeRawPointer(r).loadUnaligned(as: SIMD16<Float>.self)
                } else {
                    for t in 0..<count { acc[t] += r[t] }
                }
            }
            acc = _clamp16(acc, minV, maxV)
            if count == 16 {
                UnsafeMutableRawPointer(outRow + ox).storeBytes(of: acc, as: SIMD16<Float>.self)
            } else {
                for t in 0..<count { outRow[ox &+ t] = acc[t] }
            }
            ox &+= 16
        }
    }
}
