import CCnnrtCPU

/// f32-dwconv2d-portable: the scalar version of `f32_dwconv2d__avx512` (taps outside the plane read zero).
@Sendable public func f32_dwconv2d__portable(_ p: UnsafePointer<CnnrtDWConvParams>) {
    let q = p.pointee
    for oy in 0..<q.out_h {
        let iy0: Int = oy &* q.stride_h &- q.pad_top
        for ox in 0..<q.out_w {
            var acc = q.bias
            let ix0: Int = ox &* q.stride_w &- q.pad_left
            for ky in 0..<q.kernel_h {
                let iy: Int = iy0 &+ ky &* q.dilation_h
                if iy < 0 || iy >= q.height { continue }
                let row: UnsafePointer<Float> = q.input + iy &* q.width
                for kx in 0..<q.kernel_w {
                    let ix: Int = ix0 &+ kx &* q.dilation_w
                    if ix < 0 || ix >= q.width { continue }
                    let tap: Float = q.weights[ky &* q.kernel_w &+ kx]
                    acc += row[ix] * tap
                }
            }
            if let residual = q.residual { acc += residual[oy &* q.out_w &+ ox] }
            q.output[oy &* q.out_w &+ ox] = min(max(acc, q.min), q.max)
        }
    }
}
