import CCnnrtCPU

/// f32-dwconv2d-portable: the scalar version of `f32_dwconv2d__avx512` (same padded-plane contract).
public func f32_dwconv2d__portable(_ p: UnsafePointer<CnnrtDWConvParams>) {
    let q = p.pointee
    for oy in 0..<q.out_h {
        for ox in 0..<q.out_w {
            var acc = q.bias
            for ky in 0..<q.kernel_h {
                let iy: Int = oy &* q.stride_h &+ ky &* q.dilation_h
                let row: UnsafePointer<Float> = q.input + (iy &* q.padded_width &+ ox &* q.stride_w)
                for kx in 0..<q.kernel_w {
                    let tap: Float = q.weights[ky &* q.kernel_w &+ kx]
                    acc += row[kx &* q.dilation_w] * tap
                }
            }
            if let residual = q.residual { acc += residual[oy &* q.out_w &+ ox] }
            q.output[oy &* q.out_w &+ ox] = min(max(acc, q.min), q.max)
        }
    }
}
