import CCnnrtCPU

// f32-dwconv2d-c16: depthwise convolution with 16 channels in the SIMD lanes. Every output pixel is one
// full vector whatever the plane's width (a 7x7 plane wastes no lanes), strides and dilations are plain
// indexing (no even/odd shuffles), and the zero border is written once per band instead of a padded copy
// per channel. The price is a 16x16 transpose of the input and of the output.

// The four shuffles of the classic 16x16 transpose, spelled lane by lane so LLVM emits the immediate forms
// (vunpcklps, vunpckhps, vunpcklpd, vunpckhpd, vshuff32x4): no index vectors to load and no copies of the
// destroyed source that vpermt2ps needs.
@inline(__always)
func _dwUnpackLoPS(_ a: SIMD16<Float>, _ b: SIMD16<Float>) -> SIMD16<Float> {
    SIMD16(a[0], b[0], a[1], b[1], a[4], b[4], a[5], b[5],
           a[8], b[8], a[9], b[9], a[12], b[12], a[13], b[13])
}

@inline(__always)
func _dwUnpackHiPS(_ a: SIMD16<Float>, _ b: SIMD16<Float>) -> SIMD16<Float> {
    SIMD16(a[2], b[2], a[3], b[3], a[6], b[6], a[7], b[7],
           a[10], b[10], a[11], b[11], a[14], b[14], a[15], b[15])
}

@inline(__always)
func _dwUnpackLoPD(_ a: SIMD16<Float>, _ b: SIMD16<Float>) -> SIMD16<Float> {
    SIMD16(a[0], a[1], b[0], b[1], a[4], a[5], b[4], b[5],
           a[8], a[9], b[8], b[9], a[12], a[13], b[12], b[13])
}

@inline(__always)
func _dwUnpackHiPD(_ a: SIMD16<Float>, _ b: SIMD16<Float>) -> SIMD16<Float> {
    SIMD16(a[2], a[3], b[2], b[3], a[6], a[7], b[6], b[7],
           a[10], a[11], b[10], b[11], a[14], a[15], b[14], b[15])
}

/// 128-bit lanes 0 and 2 of a, then of b.
@inline(__always)
func _dwShuffle88(_ a: SIMD16<Float>, _ b: SIMD16<Float>) -> SIMD16<Float> {
    SIMD16(a[0], a[1], a[2], a[3], a[8], a[9], a[10], a[11],
           b[0], b[1], b[2], b[3], b[8], b[9], b[10], b[11])
}

/// 128-bit lanes 1 and 3 of a, then of b.
@inline(__always)
func _dwShuffleDD(_ a: SIMD16<Float>, _ b: SIMD16<Float>) -> SIMD16<Float> {
    SIMD16(a[4], a[5], a[6], a[7], a[12], a[13], a[14], a[15],
           b[4], b[5], b[6], b[7], b[12], b[13], b[14], b[15])
}

/// Transposes the 16x16 matrix whose rows are v0...v15 in place: 64 single-source-immediate shuffles.
@inline(__always)
func _dwTranspose16(_ v0: inout SIMD16<Float>, _ v1: inout SIMD16<Float>, _ v2: inout SIMD16<Float>,
                    _ v3: inout SIMD16<Float>, _ v4: inout SIMD16<Float>, _ v5: inout SIMD16<Float>,
                    _ v6: inout SIMD16<Float>, _ v7: inout SIMD16<Float>, _ v8: inout SIMD16<Float>,
                    _ v9: inout SIMD16<Float>, _ v10: inout SIMD16<Float>, _ v11: inout SIMD16<Float>,
                    _ v12: inout SIMD16<Float>, _ v13: inout SIMD16<Float>, _ v14: inout SIMD16<Float>,
                    _ v15: inout SIMD16<Float>) {
    // Pairs of rows interleaved, then pairs of pairs: u[4g + m] holds column 4L + m of rows 4g...4g + 3 in
    // 128-bit lane L.
    let t0 = _dwUnpackLoPS(v0, v1), t1 = _dwUnpackHiPS(v0, v1), t2 = _dwUnpackLoPS(v2, v3)
    let t3 = _dwUnpackHiPS(v2, v3), t4 = _dwUnpackLoPS(v4, v5), t5 = _dwUnpackHiPS(v4, v5)
    let t6 = _dwUnpackLoPS(v6, v7), t7 = _dwUnpackHiPS(v6, v7), t8 = _dwUnpackLoPS(v8, v9)
    let t9 = _dwUnpackHiPS(v8, v9), t10 = _dwUnpackLoPS(v10, v11), t11 = _dwUnpackHiPS(v10, v11)
    let t12 = _dwUnpackLoPS(v12, v13), t13 = _dwUnpackHiPS(v12, v13), t14 = _dwUnpackLoPS(v14, v15)
    let t15 = _dwUnpackHiPS(v14, v15)
    let u0 = _dwUnpackLoPD(t0, t2), u1 = _dwUnpackHiPD(t0, t2), u2 = _dwUnpackLoPD(t1, t3)
    let u3 = _dwUnpackHiPD(t1, t3), u4 = _dwUnpackLoPD(t4, t6), u5 = _dwUnpackHiPD(t4, t6)
    let u6 = _dwUnpackLoPD(t5, t7), u7 = _dwUnpackHiPD(t5, t7), u8 = _dwUnpackLoPD(t8, t10)
    let u9 = _dwUnpackHiPD(t8, t10), u10 = _dwUnpackLoPD(t9, t11), u11 = _dwUnpackHiPD(t9, t11)
    let u12 = _dwUnpackLoPD(t12, t14), u13 = _dwUnpackHiPD(t12, t14), u14 = _dwUnpackLoPD(t13, t15)
    let u15 = _dwUnpackHiPD(t13, t15)
    // Then the 128-bit lanes: column 4L + m gathers lane L of u[m], u[4 + m], u[8 + m], u[12 + m].
    @inline(__always) func column(_ a: SIMD16<Float>, _ b: SIMD16<Float>, _ c: SIMD16<Float>, _ d: SIMD16<Float>)
        -> (SIMD16<Float>, SIMD16<Float>, SIMD16<Float>, SIMD16<Float>) {
        let e = _dwShuffle88(a, b), f = _dwShuffleDD(a, b), g = _dwShuffle88(c, d), h = _dwShuffleDD(c, d)
        return (_dwShuffle88(e, g), _dwShuffle88(f, h), _dwShuffleDD(e, g), _dwShuffleDD(f, h))
    }
    (v0, v4, v8, v12) = column(u0, u4, u8, u12)
    (v1, v5, v9, v13) = column(u1, u5, u9, u13)
    (v2, v6, v10, v14) = column(u2, u6, u10, u14)
    (v3, v7, v11, v15) = column(u3, u7, u11, u15)
}

@inline(__always)
func _dwLoad16(_ p: UnsafeRawPointer, _ byteOffset: Int = 0) -> SIMD16<Float> {
    p.loadUnaligned(fromByteOffset: byteOffset, as: SIMD16<Float>.self)
}

@inline(__always)
func _dwStore16(_ v: SIMD16<Float>, _ p: UnsafeMutableRawPointer, _ byteOffset: Int = 0) {
    p.storeBytes(of: v, toByteOffset: byteOffset, as: SIMD16<Float>.self)
}

/// Where the transposed input pixels go: column `x` of the current row at `d` (a struct, not a closure
/// capturing vars, which boxed them on the heap).
struct _DWScatter {
    var x: Int
    var d: UnsafeMutableRawPointer
    let columns: Int, width: Int, wrap: Int

    @inline(__always)
    mutating func put(_ v: SIMD16<Float>) {
        if x < columns { _dwStore16(v, d) }
        x &+= 1
        d += 64
        if x == width { x = 0; d += wrap }
    }
}

/// Input rows [iy0, iy1) (all inside the image) of the 16 planes into the band buffer: pixel (iy, x) goes
/// to `dst` + ((iy - iy0) * paddedWidth + padLeft + x) * 64 bytes when padLeft + x < paddedWidth.
@inline(__always)
func _dwLanesTransposeIn(_ q: CnnrtDWConvLanesParams, _ iy0: Int, _ iy1: Int, _ dst: UnsafeMutableRawPointer,
                         _ paddedWidth: Int, _ tile: UnsafeMutableRawPointer) {
    let width = q.width, plane = q.height &* q.width
    let planeBytes = plane &* 4
    let columns = Swift.min(width, paddedWidth &- q.pad_left)
    let last = q.channels &- 1
    let src = UnsafeRawPointer(q.input)
    // Channels past `channels` repeat the last one: their weights are zero and their lanes never stored.
    let o0 = 0, o1 = Swift.min(1, last) &* planeBytes, o2 = Swift.min(2, last) &* planeBytes
    let o3 = Swift.min(3, last) &* planeBytes, o4 = Swift.min(4, last) &* planeBytes
    let o5 = Swift.min(5, last) &* planeBytes, o6 = Swift.min(6, last) &* planeBytes
    let o7 = Swift.min(7, last) &* planeBytes, o8 = Swift.min(8, last) &* planeBytes
    let o9 = Swift.min(9, last) &* planeBytes, o10 = Swift.min(10, last) &* planeBytes
    let o11 = Swift.min(11, last) &* planeBytes, o12 = Swift.min(12, last) &* planeBytes
    let o13 = Swift.min(13, last) &* planeBytes, o14 = Swift.min(14, last) &* planeBytes
    let o15 = Swift.min(15, last) &* planeBytes
    let wrap = (paddedWidth &- width) &* 64
    var f = iy0 &* width
    let end = iy1 &* width
    var o = _DWScatter(x: 0, d: dst + q.pad_left &* 64, columns: columns, width: width, wrap: wrap)
    // Whole chunks of 16 pixels while the loads stay inside the last plane.
    while f < end && f &+ 16 <= plane {
        let s = src + f &* 4
        var v0 = _dwLoad16(s, o0), v1 = _dwLoad16(s, o1), v2 = _dwLoad16(s, o2), v3 = _dwLoad16(s, o3)
        var v4 = _dwLoad16(s, o4), v5 = _dwLoad16(s, o5), v6 = _dwLoad16(s, o6), v7 = _dwLoad16(s, o7)
        var v8 = _dwLoad16(s, o8), v9 = _dwLoad16(s, o9), v10 = _dwLoad16(s, o10), v11 = _dwLoad16(s, o11)
        var v12 = _dwLoad16(s, o12), v13 = _dwLoad16(s, o13), v14 = _dwLoad16(s, o14), v15 = _dwLoad16(s, o15)
        _dwTranspose16(&v0, &v1, &v2, &v3, &v4, &v5, &v6, &v7, &v8, &v9, &v10, &v11, &v12, &v13, &v14, &v15)
        let n = Swift.min(16, end &- f)
        if n == 16 {
            o.put(v0); o.put(v1); o.put(v2); o.put(v3); o.put(v4); o.put(v5); o.put(v6); o.put(v7)
            o.put(v8); o.put(v9); o.put(v10); o.put(v11); o.put(v12); o.put(v13); o.put(v14); o.put(v15)
        } else {
            // The chunk runs past the band: store its first n pixels only.
            _dwStore16(v0, tile, 0); _dwStore16(v1, tile, 64); _dwStore16(v2, tile, 128)
            _dwStore16(v3, tile, 192); _dwStore16(v4, tile, 256); _dwStore16(v5, tile, 320)
            _dwStore16(v6, tile, 384); _dwStore16(v7, tile, 448); _dwStore16(v8, tile, 512)
            _dwStore16(v9, tile, 576); _dwStore16(v10, tile, 640); _dwStore16(v11, tile, 704)
            _dwStore16(v12, tile, 768); _dwStore16(v13, tile, 832); _dwStore16(v14, tile, 896)
            _dwStore16(v15, tile, 960)
            for i in 0..<n { o.put(_dwLoad16(tile, i &* 64)) }
        }
        f &+= 16
    }
    // The last pixels of the last plane, one lane at a time.
    while f < end {
        var v = SIMD16<Float>()
        let s = UnsafePointer<Float>(q.input) + f
        for c in 0..<16 { v[c] = s[Swift.min(c, last) &* plane] }
        o.put(v)
        f &+= 1
    }
}

/// Output rows [oy0, oy1) from the band result `acc` ([pixel][16 channels]) back to the planes, adding the
/// residual and clamping. A chunk reads its residual before storing over it, so `residual` may be `output`.
@inline(__always)
func _dwLanesTransposeOut(_ q: CnnrtDWConvLanesParams, _ oy0: Int, _ oy1: Int, _ acc: UnsafeRawPointer,
                          _ tile: UnsafeMutableRawPointer) {
    let plane = q.out_h &* q.out_w
    let minV = SIMD16<Float>(repeating: q.min), maxV = SIMD16<Float>(repeating: q.max)
    let count = q.channels
    var f = oy0 &* q.out_w
    let end = oy1 &* q.out_w
    var a = acc
    while f &+ 16 <= end {
        var v0 = _dwLoad16(a, 0), v1 = _dwLoad16(a, 64), v2 = _dwLoad16(a, 128), v3 = _dwLoad16(a, 192)
        var v4 = _dwLoad16(a, 256), v5 = _dwLoad16(a, 320), v6 = _dwLoad16(a, 384), v7 = _dwLoad16(a, 448)
        var v8 = _dwLoad16(a, 512), v9 = _dwLoad16(a, 576), v10 = _dwLoad16(a, 640), v11 = _dwLoad16(a, 704)
        var v12 = _dwLoad16(a, 768), v13 = _dwLoad16(a, 832), v14 = _dwLoad16(a, 896), v15 = _dwLoad16(a, 960)
        _dwTranspose16(&v0, &v1, &v2, &v3, &v4, &v5, &v6, &v7, &v8, &v9, &v10, &v11, &v12, &v13, &v14, &v15)
        if count == 16 {
            // Straight from the registers.
            let pb = plane &* 4
            if let residual = q.residual {
                let r = UnsafeRawPointer(residual + f)
                v0 += _dwLoad16(r, 0 &* pb); v1 += _dwLoad16(r, 1 &* pb); v2 += _dwLoad16(r, 2 &* pb); v3 += _dwLoad16(r, 3 &* pb)
                v4 += _dwLoad16(r, 4 &* pb); v5 += _dwLoad16(r, 5 &* pb); v6 += _dwLoad16(r, 6 &* pb); v7 += _dwLoad16(r, 7 &* pb)
                v8 += _dwLoad16(r, 8 &* pb); v9 += _dwLoad16(r, 9 &* pb); v10 += _dwLoad16(r, 10 &* pb); v11 += _dwLoad16(r, 11 &* pb)
                v12 += _dwLoad16(r, 12 &* pb); v13 += _dwLoad16(r, 13 &* pb); v14 += _dwLoad16(r, 14 &* pb); v15 += _dwLoad16(r, 15 &* pb)
            }
            let out = UnsafeMutableRawPointer(q.output + f)
            _dwStore16(_clamp16(v0, minV, maxV), out, 0 &* pb); _dwStore16(_clamp16(v1, minV, maxV), out, 1 &* pb)
            _dwStore16(_clamp16(v2, minV, maxV), out, 2 &* pb); _dwStore16(_clamp16(v3, minV, maxV), out, 3 &* pb)
            _dwStore16(_clamp16(v4, minV, maxV), out, 4 &* pb); _dwStore16(_clamp16(v5, minV, maxV), out, 5 &* pb)
            _dwStore16(_clamp16(v6, minV, maxV), out, 6 &* pb); _dwStore16(_clamp16(v7, minV, maxV), out, 7 &* pb)
            _dwStore16(_clamp16(v8, minV, maxV), out, 8 &* pb); _dwStore16(_clamp16(v9, minV, maxV), out, 9 &* pb)
            _dwStore16(_clamp16(v10, minV, maxV), out, 10 &* pb); _dwStore16(_clamp16(v11, minV, maxV), out, 11 &* pb)
            _dwStore16(_clamp16(v12, minV, maxV), out, 12 &* pb); _dwStore16(_clamp16(v13, minV, maxV), out, 13 &* pb)
            _dwStore16(_clamp16(v14, minV, maxV), out, 14 &* pb); _dwStore16(_clamp16(v15, minV, maxV), out, 15 &* pb)
        } else {
            _dwStore16(v0, tile, 0); _dwStore16(v1, tile, 64); _dwStore16(v2, tile, 128); _dwStore16(v3, tile, 192)
            _dwStore16(v4, tile, 256); _dwStore16(v5, tile, 320); _dwStore16(v6, tile, 384); _dwStore16(v7, tile, 448)
            _dwStore16(v8, tile, 512); _dwStore16(v9, tile, 576); _dwStore16(v10, tile, 640); _dwStore16(v11, tile, 704)
            _dwStore16(v12, tile, 768); _dwStore16(v13, tile, 832); _dwStore16(v14, tile, 896); _dwStore16(v15, tile, 960)
            for c in 0..<count {
                var v = _dwLoad16(tile, c &* 64)
                if let r = q.residual { v += _dwLoad16(UnsafeRawPointer(r + (c &* plane &+ f))) }
                _dwStore16(_clamp16(v, minV, maxV), UnsafeMutableRawPointer(q.output + (c &* plane &+ f)))
            }
        }
        f &+= 16
        a += 1024
    }
    // Fewer than 16 pixels left: one at a time.
    let accF = a.assumingMemoryBound(to: Float.self)
    for i in 0..<(end &- f) {
        for c in 0..<count {
            let o = c &* plane &+ f &+ i
            var v = accF[i &* 16 &+ c]
            if let r = q.residual { v += r[o] }
            q.output[o] = Swift.min(Swift.max(v, q.min), q.max)
        }
    }
}

/// acc += x * w for one tap of `n` (8, 4 or 1) outputs `step` bytes apart.
@inline(__always)
func _dwTap8(_ a: inout (SIMD16<Float>, SIMD16<Float>, SIMD16<Float>, SIMD16<Float>, SIMD16<Float>,
                         SIMD16<Float>, SIMD16<Float>, SIMD16<Float>),
             _ p: UnsafeRawPointer, _ step: Int, _ w: SIMD16<Float>, _ n: Int) {
    a.0 = a.0.addingProduct(_dwLoad16(p), w)
    if n == 1 { return }
    a.1 = a.1.addingProduct(_dwLoad16(p, step), w)
    a.2 = a.2.addingProduct(_dwLoad16(p, 2 &* step), w)
    a.3 = a.3.addingProduct(_dwLoad16(p, 3 &* step), w)
    if n == 4 { return }
    a.4 = a.4.addingProduct(_dwLoad16(p, 4 &* step), w)
    a.5 = a.5.addingProduct(_dwLoad16(p, 5 &* step), w)
    a.6 = a.6.addingProduct(_dwLoad16(p, 6 &* step), w)
    a.7 = a.7.addingProduct(_dwLoad16(p, 7 &* step), w)
}

@inline(__always)
func _dwStoreN(_ a: (SIMD16<Float>, SIMD16<Float>, SIMD16<Float>, SIMD16<Float>, SIMD16<Float>,
                     SIMD16<Float>, SIMD16<Float>, SIMD16<Float>), _ out: UnsafeMutableRawPointer, _ n: Int) {
    _dwStore16(a.0, out)
    if n == 1 { return }
    _dwStore16(a.1, out, 64); _dwStore16(a.2, out, 128); _dwStore16(a.3, out, 192)
    if n == 4 { return }
    _dwStore16(a.4, out, 256); _dwStore16(a.5, out, 320); _dwStore16(a.6, out, 384); _dwStore16(a.7, out, 448)
}

/// One output row of a 3x3 filter (dilation 1) with stride `s`: `src` is the first of its three input rows.
@inline(__always)
func _dwLanes3x3Row(_ src: UnsafeRawPointer, _ rowBytes: Int, _ out: UnsafeMutableRawPointer, _ ow: Int,
                    _ s: Int, _ w: UnsafeRawPointer, _ bias: SIMD16<Float>) {
    let w0 = _dwLoad16(w, 0), w1 = _dwLoad16(w, 64), w2 = _dwLoad16(w, 128)
    let w3 = _dwLoad16(w, 192), w4 = _dwLoad16(w, 256), w5 = _dwLoad16(w, 320)
    let w6 = _dwLoad16(w, 384), w7 = _dwLoad16(w, 448), w8 = _dwLoad16(w, 512)
    let step = s &* 64
    @inline(__always) func block(_ ox: Int, _ n: Int) {
        var a = (bias, bias, bias, bias, bias, bias, bias, bias)
        let p = src + ox &* step
        let r1 = p + rowBytes, r2 = p + 2 &* rowBytes
        _dwTap8(&a, p, step, w0, n); _dwTap8(&a, p + 64, step, w1, n); _dwTap8(&a, p + 128, step, w2, n)
        _dwTap8(&a, r1, step, w3, n); _dwTap8(&a, r1 + 64, step, w4, n); _dwTap8(&a, r1 + 128, step, w5, n)
        _dwTap8(&a, r2, step, w6, n); _dwTap8(&a, r2 + 64, step, w7, n); _dwTap8(&a, r2 + 128, step, w8, n)
        _dwStoreN(a, out + ox &* 64, n)
    }
    var ox = 0
    while ox &+ 8 <= ow { block(ox, 8); ox &+= 8 }
    if ox &+ 4 <= ow { block(ox, 4); ox &+= 4 }
    while ox < ow { block(ox, 1); ox &+= 1 }
}

/// One output row of any filter: weights read from memory per tap.
@inline(__always)
func _dwLanesRow(_ q: CnnrtDWConvLanesParams, _ src: UnsafeRawPointer, _ rowBytes: Int,
                 _ out: UnsafeMutableRawPointer, _ bias: SIMD16<Float>) {
    let step = q.stride_w &* 64, dy = q.dilation_h &* rowBytes, dx = q.dilation_w &* 64
    let w = UnsafeRawPointer(q.weights)
    @inline(__always) func block(_ ox: Int, _ n: Int) {
        var a = (bias, bias, bias, bias, bias, bias, bias, bias)
        var row = src + ox &* step
        var t = 0
        for _ in 0..<q.kernel_h {
            var p = row
            for _ in 0..<q.kernel_w {
                _dwTap8(&a, p, step, _dwLoad16(w, t &* 64), n)
                p += dx
                t &+= 1
            }
            row += dy
        }
        _dwStoreN(a, out + ox &* 64, n)
    }
    var ox = 0
    while ox &+ 8 <= q.out_w { block(ox, 8); ox &+= 8 }
    if ox &+ 4 <= q.out_w { block(ox, 4); ox &+= 4 }
    while ox < q.out_w { block(ox, 1); ox &+= 1 }
}

/// f32-dwconv2d-c16-avx512: see `CnnrtDWConvLanesParams`. Scratch: the band's input rows
/// ((band_rows - 1) * stride_h + (kernel_h - 1) * dilation_h + 1 rows of (out_w - 1) * stride_w +
/// (kernel_w - 1) * dilation_w + 1 pixels), its result (band_rows * out_w pixels), then a 16x16 tile;
/// pixels of 16 floats.
@Sendable public func f32_dwconv2d_c16__avx512(_ p: UnsafePointer<CnnrtDWConvLanesParams>) {
    let q = p.pointee
    let (sh, sw, dh, dw) = (q.stride_h, q.stride_w, q.dilation_h, q.dilation_w)
    let paddedWidth = (q.out_w &- 1) &* sw &+ (q.kernel_w &- 1) &* dw &+ 1
    let rowBytes = paddedWidth &* 64
    let maxRowsIn = (q.band_rows &- 1) &* sh &+ (q.kernel_h &- 1) &* dh &+ 1
    let band = UnsafeMutableRawPointer(q.scratch)
    let acc = band + maxRowsIn &* rowBytes
    let tile = acc + q.band_rows &* q.out_w &* 64
    let bias = _dwLoad16(q.bias)
    let is3x3 = q.kernel_h == 3 && q.kernel_w == 3 && dh == 1 && dw == 1 && sh == sw && (sh == 1 || sh == 2)
    let zero = SIMD16<Float>()
    var oy0 = q.row_begin
    while oy0 < q.row_end {
        let oy1 = Swift.min(q.row_end, oy0 &+ q.band_rows)
        // Band rows [iy0, iy0 + rowsIn) of the image: zero outside, zero borders left and right.
        let iy0 = oy0 &* sh &- q.pad_top
        let rowsIn = (oy1 &- oy0 &- 1) &* sh &+ (q.kernel_h &- 1) &* dh &+ 1
        let top = Swift.max(0, Swift.min(rowsIn, -iy0))
        let bottom = Swift.max(top, Swift.min(rowsIn, q.height &- iy0))
        for r in 0..<rowsIn {
            let row = band + r &* rowBytes
            if r < top || r >= bottom {
                for x in 0..<paddedWidth { _dwStore16(zero, row, x &* 64) }
            } else {
                for x in 0..<Swift.min(q.pad_left, paddedWidth) { _dwStore16(zero, row, x &* 64) }
                for x in Swift.min(q.pad_left &+ q.width, paddedWidth)..<paddedWidth { _dwStore16(zero, row, x &* 64) }
            }
        }
        if bottom > top {
            _dwLanesTransposeIn(q, iy0 &+ top, iy0 &+ bottom, band + top &* rowBytes, paddedWidth, tile)
        }
        for oy in oy0..<oy1 {
            let src = UnsafeRawPointer(band + (oy &- oy0) &* sh &* rowBytes)
            let out = acc + (oy &- oy0) &* q.out_w &* 64
            if is3x3 {
                if sh == 1 {
                    _dwLanes3x3Row(src, rowBytes, out, q.out_w, 1, q.weights, bias)
                } else {
                    _dwLanes3x3Row(src, rowBytes, out, q.out_w, 2, q.weights, bias)
                }
            } else {
                _dwLanesRow(q, src, rowBytes, out, bias)
            }
        }
        _dwLanesTransposeOut(q, oy0, oy1, UnsafeRawPointer(acc), tile)
        oy0 = oy1
    }
}
