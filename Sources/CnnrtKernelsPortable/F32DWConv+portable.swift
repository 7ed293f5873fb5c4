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

/// f32-dwconv2d-3x3-portable: the 3x3 (dilation 1, stride 1 or 2) case of `f32_dwconv2d__portable`, with the
/// nine weights hoisted and no bounds checks for the columns whose three taps are all inside the plane.
/// Other shapes go to `f32_dwconv2d__portable`.
@Sendable public func f32_dwconv2d_3x3__portable(_ p: UnsafePointer<CnnrtDWConvParams>) {
    let q = p.pointee
    let s = q.stride_h
    guard q.kernel_h == 3 && q.kernel_w == 3 && q.dilation_h == 1 && q.dilation_w == 1 && q.stride_w == s
            && (s == 1 || s == 2) else { return f32_dwconv2d__portable(p) }
    let w = q.weights
    let (w0, w1, w2, w3, w4, w5, w6, w7, w8) = (w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7], w[8])
    // Columns ox with 0 <= ox * s - pad_left and ox * s - pad_left + 2 < width.
    let first = Swift.min(q.out_w, (q.pad_left &+ s &- 1) / s)
    let span = q.width &- 3 &+ q.pad_left
    let last = span < 0 ? first : Swift.max(first, Swift.min(q.out_w, span / s &+ 1))
    for oy in 0..<q.out_h {
        let iy0: Int = oy &* s &- q.pad_top
        if iy0 < 0 || iy0 &+ 2 >= q.height {
            for ox in 0..<q.out_w { _dw3x3Edge(q, oy, ox) }
            continue
        }
        let r0: UnsafePointer<Float> = q.input + (iy0 &* q.width &- q.pad_left)
        let r1 = r0 + q.width, r2 = r1 + q.width
        for ox in 0..<first { _dw3x3Edge(q, oy, ox) }
        let out: UnsafeMutablePointer<Float> = q.output + (oy &* q.out_w)
        let res: UnsafePointer<Float>? = q.residual.map { $0 + (oy &* q.out_w) }
        for ox in first..<last {
            let x = ox &* s
            var acc = q.bias
            acc += r0[x] * w0 + r0[x &+ 1] * w1 + r0[x &+ 2] * w2
            acc += r1[x] * w3 + r1[x &+ 1] * w4 + r1[x &+ 2] * w5
            acc += r2[x] * w6 + r2[x &+ 1] * w7 + r2[x &+ 2] * w8
            if let res { acc += res[ox] }
            out[ox] = min(max(acc, q.min), q.max)
        }
        for ox in last..<q.out_w { _dw3x3Edge(q, oy, ox) }
    }
}

/// One output of a 3x3 depthwise convolution with bounds checks (the plane's border).
@inline(__always)
func _dw3x3Edge(_ q: CnnrtDWConvParams, _ oy: Int, _ ox: Int) {
    let iy0: Int = oy &* q.stride_h &- q.pad_top
    let ix0: Int = ox &* q.stride_w &- q.pad_left
    var acc = q.bias
    for ky in 0..<3 {
        let iy = iy0 &+ ky
        if iy < 0 || iy >= q.height { continue }
        for kx in 0..<3 {
            let ix = ix0 &+ kx
            if ix < 0 || ix >= q.width { continue }
            acc += q.input[iy &* q.width &+ ix] * q.weights[ky &* 3 &+ kx]
        }
    }
    if let residual = q.residual { acc += residual[oy &* q.out_w &+ ox] }
    q.output[oy &* q.out_w &+ ox] = min(max(acc, q.min), q.max)
}
