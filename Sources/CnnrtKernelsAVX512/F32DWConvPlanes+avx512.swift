import CCnnrtCPU

/// One image row of `width` floats into a padded row, whole vectors plus a masked last one (the old
/// copy in the Cnnrt module was 128-bit with a scalar tail, the larger part of a small plane's time).
/// `lastRow` says the 16 floats after a short row may lie past the tensor: that row goes lane by lane.
@inline(__always)
func _dwCopyRow(_ dst: UnsafeMutablePointer<Float>, _ src: UnsafePointer<Float>, _ width: Int, _ lastRow: Bool) {
    var x = 0
    while x &+ 16 <= width {
        _dwStore16(_dwLoad16(UnsafeRawPointer(src + x)), UnsafeMutableRawPointer(dst + x))
        x &+= 16
    }
    let rest = width &- x
    if rest == 0 { return }
    if x > 0 {
        // The last 16 floats of the row again (overlapping stores of the same values).
        _dwStore16(_dwLoad16(UnsafeRawPointer(src + (width &- 16))), UnsafeMutableRawPointer(dst + (width &- 16)))
    } else if !lastRow {
        // A row shorter than a vector: lanes past it stay zero (they are the right border).
        // Float lanes and a vector bound: an Int32 compare against a scalar compiled to a lane-by-lane loop.
        let lanes = SIMD16<Float>(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)
        let v = _dwLoad16(UnsafeRawPointer(src)).replacing(with: SIMD16<Float>(),
                                                           where: lanes .>= SIMD16<Float>(repeating: Float(rest)))
        _dwStore16(v, UnsafeMutableRawPointer(dst))
    } else {
        for i in 0..<rest { dst[i] = src[i] }
    }
}

/// One image row into a padded row stored deinterleaved: padded column b (image column b - padLeft) at
/// dst[b / 2] when b is even, at dst[half + b / 2] when odd. 32 columns at a time as two even/odd shuffles of
/// two loads, the rest as the row's last 16 columns again with zeros after them (they land on the right
/// border); a row under 16 wide as one masked vector, or lane by lane when it ends the tensor (`lastRow`).
@inline(__always)
func _dwCopyRowDeinterleaved(_ dst: UnsafeMutablePointer<Float>, _ half: Int, _ src: UnsafePointer<Float>,
                             _ width: Int, _ padLeft: Int, _ lastRow: Bool) {
    /// Image columns x ..< x + 32 from the values a (the first 16) and b.
    @inline(__always) func store(_ a: SIMD16<Float>, _ b: SIMD16<Float>, _ x: Int) {
        let column = x &+ padLeft, at = column >> 1
        let (even, odd) = column & 1 == 0 ? (dst + at, dst + (half &+ at)) : (dst + (half &+ at), dst + (at &+ 1))
        _dwStore16(_evenLanes(a, b), UnsafeMutableRawPointer(even))
        _dwStore16(_oddLanes(a, b), UnsafeMutableRawPointer(odd))
    }
    var x = 0
    while x &+ 32 <= width {
        store(_dwLoad16(UnsafeRawPointer(src + x)), _dwLoad16(UnsafeRawPointer(src + (x &+ 16))), x)
        x &+= 32
    }
    let rest = width &- x
    if rest == 0 { return }
    if width >= 16 {
        if rest > 16 { store(_dwLoad16(UnsafeRawPointer(src + x)), SIMD16<Float>(), x) }
        store(_dwLoad16(UnsafeRawPointer(src + (width &- 16))), SIMD16<Float>(), width &- 16)
    } else if !lastRow {
        let lanes = SIMD16<Float>(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)
        store(_dwLoad16(UnsafeRawPointer(src)).replacing(with: SIMD16<Float>(),
                                                         where: lanes .>= SIMD16<Float>(repeating: Float(width))),
              SIMD16<Float>(), 0)
    } else {
        for x in 0..<width {
            let column = x &+ padLeft
            (column & 1 == 0 ? dst : dst + half)[column >> 1] = src[x]
        }
    }
}

/// f32-dwconv2d-planes-avx512: see `CnnrtDWConvPlanesParams`.
@Sendable public func f32_dwconv2d_planes__avx512(_ p: UnsafePointer<CnnrtDWConvPlanesParams>) {
    let q = p.pointee
    let c = q.conv
    let (height, width, padTop, padLeft) = (c.height, c.width, c.pad_top, c.pad_left)
    let (rows, rowWidth, strip) = (q.scratch_rows, q.scratch_width, q.strip_rows)
    let taps = c.kernel_h &* c.kernel_w
    let tensorEnd = q.planes &* q.in_plane
    // 3x3 stride 2, outputs 16 or more wide: rows stored as even columns then odd ones (MobileNet's 112 -> 56
    // layer 20 % faster, 56 -> 28 10 %; at 28 -> 14 the strip is read back right after it is written and the
    // deinterleaved copy measured slower).
    let deinterleaved = q.kernel_3x3 != 0 && c.stride_h == 2 && c.stride_w == 2 && c.kernel_h == 3
        && c.kernel_w == 3 && c.dilation_h == 1 && c.dilation_w == 1 && c.out_w >= 16
    let half = rowWidth / 2
    // Rows of the scratch that may hold image data (the others, and the border columns, are zero).
    var (dirtyLo, dirtyHi) = (0, 0)
    for plane in 0..<q.planes {
        let source = c.input + plane &* q.in_plane
        let channel = (q.first_channel &+ plane) % q.channels
        var oy0 = 0
        while oy0 < c.out_h {
            let oy1 = Swift.min(c.out_h, oy0 &+ strip)
            let iy0 = oy0 &* c.stride_h &- padTop
            let top = Swift.max(0, Swift.min(rows, -iy0)), bottom = Swift.max(top, Swift.min(rows, height &- iy0))
            for r in dirtyLo..<dirtyHi where r < top || r >= bottom {
                if deinterleaved {
                    (q.scratch + r &* rowWidth).update(repeating: 0, count: rowWidth)
                } else {
                    (q.scratch + (r &* rowWidth &+ padLeft)).update(repeating: 0, count: width)
                }
            }
            (dirtyLo, dirtyHi) = (top, bottom)
            for r in top..<bottom {
                let row = plane &* q.in_plane &+ (iy0 &+ r) &* width
                if deinterleaved {
                    _dwCopyRowDeinterleaved(q.scratch + r &* rowWidth, half, source + (iy0 &+ r) &* width, width,
                                            padLeft, row &+ 16 > tensorEnd)
                } else {
                    _dwCopyRow(q.scratch + (r &* rowWidth &+ padLeft), source + (iy0 &+ r) &* width, width,
                               row &+ 16 > tensorEnd)
                }
            }
            let out = plane &* q.out_plane &+ oy0 &* c.out_w
            var params = CnnrtDWConvParams(
                input: UnsafePointer(q.scratch), height: rows, width: rowWidth, pad_top: 0, pad_left: 0,
                weights: c.weights + channel &* taps, bias: q.bias[channel], kernel_h: c.kernel_h,
                kernel_w: c.kernel_w, stride_h: c.stride_h, stride_w: c.stride_w, dilation_h: c.dilation_h,
                dilation_w: c.dilation_w, output: c.output + out, out_h: oy1 &- oy0, out_w: c.out_w,
                residual: c.residual.map { $0 + out }, min: c.min, max: c.max)
            if deinterleaved {
                _dwconv3x3s2Deinterleaved(&params)
            } else if q.kernel_3x3 != 0 {
                f32_dwconv2d_3x3__avx512(&params)
            } else {
                f32_dwconv2d__avx512(&params)
            }
            oy0 = oy1
        }
    }
}
