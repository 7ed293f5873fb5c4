import CCnnrtCPU

// Winograd F(4x4, 3x3): Y = A^T [(G g G^T) . (B^T d B)] A on 6x6 input tiles (interpolation points 0, +-1,
// +-2, infinity). These kernels do the two data transforms for 16 tiles at a time, one tile per lane; the
// 36 point-wise products are GEMMs run by the caller with the f32-gemm microkernels.

/// 16 lanes of tile data: all 16 consecutive floats at `p`, or `lanes` (2, 4 or 8) consecutive floats from
/// each of 16 / lanes places `stride` floats apart.
@inline(__always)
func _wgLoad(_ p: UnsafePointer<Float>, _ stride: Int, _ lanes: Int) -> SIMD16<Float> {
    switch lanes {
    case 16:
        return UnsafeRawPointer(p).loadUnaligned(as: SIMD16<Float>.self)
    case 8:
        return SIMD16(lowHalf: UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self),
                      highHalf: UnsafeRawPointer(p + stride).loadUnaligned(as: SIMD8<Float>.self))
    case 4:
        let a = SIMD8(lowHalf: UnsafeRawPointer(p).loadUnaligned(as: SIMD4<Float>.self),
                      highHalf: UnsafeRawPointer(p + stride).loadUnaligned(as: SIMD4<Float>.self))
        let b = SIMD8(lowHalf: UnsafeRawPointer(p + 2 &* stride).loadUnaligned(as: SIMD4<Float>.self),
                      highHalf: UnsafeRawPointer(p + 3 &* stride).loadUnaligned(as: SIMD4<Float>.self))
        return SIMD16(lowHalf: a, highHalf: b)
    default:
        var v = SIMD16<Float>()
        var q = p
        for k in 0..<8 {
            v[2 &* k] = q[0]
            v[2 &* k &+ 1] = q[1]
            q += stride
        }
        return v
    }
}

/// B^T x for one column of six values.
@inline(__always)
func _wgBT(_ x0: SIMD16<Float>, _ x1: SIMD16<Float>, _ x2: SIMD16<Float>, _ x3: SIMD16<Float>,
           _ x4: SIMD16<Float>, _ x5: SIMD16<Float>)
    -> (SIMD16<Float>, SIMD16<Float>, SIMD16<Float>, SIMD16<Float>, SIMD16<Float>, SIMD16<Float>) {
    let four = SIMD16<Float>(repeating: 4), minusFour = SIMD16<Float>(repeating: -4)
    let minusFive = SIMD16<Float>(repeating: -5), two = SIMD16<Float>(repeating: 2)
    let t1 = x4.addingProduct(minusFour, x2)
    let t2 = x3.addingProduct(minusFour, x1)
    let t3 = x4 - x2
    let t4 = x3 - x1
    let y0 = x4.addingProduct(minusFive, x2).addingProduct(four, x0)
    let y5 = x5.addingProduct(minusFive, x3).addingProduct(four, x1)
    return (y0, t1 + t2, t1 - t2, t3.addingProduct(two, t4), t3.addingProduct(-two, t4), y5)
}

/// A^T m for one column of six values.
@inline(__always)
func _wgAT(_ m0: SIMD16<Float>, _ m1: SIMD16<Float>, _ m2: SIMD16<Float>, _ m3: SIMD16<Float>,
           _ m4: SIMD16<Float>, _ m5: SIMD16<Float>) -> (SIMD16<Float>, SIMD16<Float>, SIMD16<Float>, SIMD16<Float>) {
    let a = m1 + m2, b = m1 - m2, c = m3 + m4, d = m3 - m4
    return (m0 + a + c, b.addingProduct(SIMD16(repeating: 2), d), a.addingProduct(SIMD16(repeating: 4), c),
            b.addingProduct(SIMD16(repeating: 8), d) + m5)
}

/// Lanes 0-7 of x and y alternating (one two-source shuffle; SIMD32/64 half accessors go through memory).
@inline(__always)
func _wgZipLow(_ x: SIMD16<Float>, _ y: SIMD16<Float>) -> SIMD16<Float> {
    SIMD16(x[0], y[0], x[1], y[1], x[2], y[2], x[3], y[3], x[4], y[4], x[5], y[5], x[6], y[6], x[7], y[7])
}

/// Lanes 8-15 of x and y alternating.
@inline(__always)
func _wgZipHigh(_ x: SIMD16<Float>, _ y: SIMD16<Float>) -> SIMD16<Float> {
    SIMD16(x[8], y[8], x[9], y[9], x[10], y[10], x[11], y[11], x[12], y[12], x[13], y[13], x[14], y[14], x[15], y[15])
}

/// Stores a, b, c, d interleaved: p[4 * l + s] = (a, b, c, d)[s][l].
@inline(__always)
func _wgInterleave4(_ a: SIMD16<Float>, _ b: SIMD16<Float>, _ c: SIMD16<Float>, _ d: SIMD16<Float>,
                    _ p: UnsafeMutablePointer<Float>) {
    let ac0 = _wgZipLow(a, c), ac1 = _wgZipHigh(a, c), bd0 = _wgZipLow(b, d), bd1 = _wgZipHigh(b, d)
    _store16(_wgZipLow(ac0, bd0), p)
    _store16(_wgZipHigh(ac0, bd0), p + 16)
    _store16(_wgZipLow(ac1, bd1), p + 32)
    _store16(_wgZipHigh(ac1, bd1), p + 48)
}

/// dst[0 ..< count] = clamp(src + residual) (residual optional).
@inline(__always)
func _wgStoreSpan(_ src: UnsafePointer<Float>, _ dst: UnsafeMutablePointer<Float>, _ z: UnsafePointer<Float>?,
                  _ count: Int, _ lo: Float, _ hi: Float) {
    let vlo = SIMD16<Float>(repeating: lo), vhi = SIMD16<Float>(repeating: hi)
    var i = 0
    while i &+ 16 <= count {
        var v = _load16(src + i)
        if let z { v += _load16(z + i) }
        _store16(_clamp16(v, vlo, vhi), dst + i)
        i &+= 16
    }
    while i < count {
        var v = src[i]
        if let z { v += z[i] }
        dst[i] = Swift.min(Swift.max(v, lo), hi)
        i &+= 1
    }
}

/// f32-winograd43-input-avx512: V = B^T d B for `group_count` groups of 16 tiles of one channel.
public func f32_winograd43_input__avx512(_ p: UnsafePointer<CnnrtWinogradInputParams>) {
    let q = p.pointee.q, lanes = p.pointee.lanes, gx = p.pointee.groups_x
    let rowStride = 4 &* q, tileRowStride = 16 &* q
    let xiStride = p.pointee.v_xi_stride, panelStride = p.pointee.v_panel_stride
    let t = p.pointee.scratch
    for k in 0..<p.pointee.group_count {
        let g = p.pointee.group_begin &+ k
        let offset: Int = lanes == 16 ? (g / gx) &* tileRowStride &+ (g % gx) &* 16 : g &* (16 / lanes) &* tileRowStride
        let base = p.pointee.phase + offset
        // Columns first: t[i][j] = (B^T d)[i][j]; tile column j is phase row j % 4, shifted by j / 4.
        for j in 0..<6 {
            let col = base + ((j & 3) &* q &+ (j >> 2))
            let (y0, y1, y2, y3, y4, y5) = _wgBT(
                _wgLoad(col, tileRowStride, lanes), _wgLoad(col + rowStride, tileRowStride, lanes),
                _wgLoad(col + 2 &* rowStride, tileRowStride, lanes), _wgLoad(col + 3 &* rowStride, tileRowStride, lanes),
                _wgLoad(col + 4 &* rowStride, tileRowStride, lanes), _wgLoad(col + 5 &* rowStride, tileRowStride, lanes))
            let o = t + j &* 16
            _store16(y0, o)
            _store16(y1, o + 96)
            _store16(y2, o + 192)
            _store16(y3, o + 288)
            _store16(y4, o + 384)
            _store16(y5, o + 480)
        }
        // Then rows: V[i][j] = (t B)[i][j], stored as transform point i * 6 + j.
        let out = p.pointee.v + ((k >> 1) &* panelStride &+ (k & 1) &* 16)
        for i in 0..<6 {
            let r = t + i &* 96
            let (y0, y1, y2, y3, y4, y5) = _wgBT(_load16(r), _load16(r + 16), _load16(r + 32), _load16(r + 48),
                                                 _load16(r + 64), _load16(r + 80))
            let o = out + i &* 6 &* xiStride
            _store16(y0, o)
            _store16(y1, o + xiStride)
            _store16(y2, o + 2 &* xiStride)
            _store16(y3, o + 3 &* xiStride)
            _store16(y4, o + 4 &* xiStride)
            _store16(y5, o + 5 &* xiStride)
        }
    }
}

/// f32-winograd43-output-avx512: Y = clamp(A^T M A + bias + residual) for `group_count` groups of 16 tiles
/// of one output channel, written to the tiles' places in the output plane (cut at its edges).
public func f32_winograd43_output__avx512(_ p: UnsafePointer<CnnrtWinogradOutputParams>) {
    let xs = p.pointee.m_xi_stride, lanes = p.pointee.lanes, gx = p.pointee.groups_x
    let outH = p.pointee.out_h, outW = p.pointee.out_w
    let output = p.pointee.output, residual = p.pointee.residual
    let bias = SIMD16<Float>(repeating: p.pointee.bias), lo = p.pointee.min, hi = p.pointee.max
    let u = p.pointee.scratch, row = p.pointee.scratch + 384
    let segments = 16 / lanes
    for k in 0..<p.pointee.group_count {
        let g = p.pointee.group_begin &+ k
        let src = p.pointee.m + k &* 16
        // Columns first: u[r][j] = (A^T M)[r][j].
        for j in 0..<6 {
            let s = src + j &* xs
            let (y0, y1, y2, y3) = _wgAT(_load16(s), _load16(s + 6 &* xs), _load16(s + 12 &* xs),
                                         _load16(s + 18 &* xs), _load16(s + 24 &* xs), _load16(s + 30 &* xs))
            let o = u + j &* 16
            _store16(y0, o)
            _store16(y1, o + 96)
            _store16(y2, o + 192)
            _store16(y3, o + 288)
        }
        let ty0 = lanes == 16 ? g / gx : g &* segments
        let ox0 = lanes == 16 ? (g % gx) &* 64 : 0
        for r in 0..<4 {
            let ur = u + r &* 96
            let (y0, y1, y2, y3) = _wgAT(_load16(ur), _load16(ur + 16), _load16(ur + 32), _load16(ur + 48),
                                         _load16(ur + 64), _load16(ur + 80))
            _wgInterleave4(y0 + bias, y1 + bias, y2 + bias, y3 + bias, row)
            // Segment s holds tile row ty0 + s: 4 * lanes output columns of output row 4 * (ty0 + s) + r.
            for s in 0..<segments {
                let oy = (ty0 &+ s) &* 4 &+ r
                if oy >= outH { break }
                let count = Swift.min(4 &* lanes, outW &- ox0)
                let offset = oy &* outW &+ ox0
                _wgStoreSpan(row + s &* 4 &* lanes, output + offset, residual.map { $0 + offset }, count, lo, hi)
            }
        }
    }
}

/// f32-deinterleave4-avx512: splits 4 * q floats into four rows of q: dst[p * q + i] = src[4 * i + p].
public func f32_deinterleave4__avx512(_ src: UnsafePointer<Float>, _ q: Int, _ dst: UnsafeMutablePointer<Float>) {
    var i = 0
    while i &+ 16 <= q {
        let s = src + 4 &* i
        let v0 = _load16(s), v1 = _load16(s + 16), v2 = _load16(s + 32), v3 = _load16(s + 48)
        let even01 = _evenLanes(v0, v1), odd01 = _oddLanes(v0, v1)
        let even23 = _evenLanes(v2, v3), odd23 = _oddLanes(v2, v3)
        _store16(_evenLanes(even01, even23), dst + i)
        _store16(_evenLanes(odd01, odd23), dst + (q &+ i))
        _store16(_oddLanes(even01, even23), dst + (2 &* q &+ i))
        _store16(_oddLanes(odd01, odd23), dst + (3 &* q &+ i))
        i &+= 16
    }
    while i < q {
        for phase in 0..<4 { dst[phase &* q &+ i] = src[4 &* i &+ phase] }
        i &+= 1
    }
}
