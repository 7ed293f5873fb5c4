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

/// The odd lanes of a and then of b.
@inline(__always)
func _oddLanes(_ a: SIMD16<Float>, _ b: SIMD16<Float>) -> SIMD16<Float> {
    SIMD16(a[1], a[3], a[5], a[7], a[9], a[11], a[13], a[15], b[1], b[3], b[5], b[7], b[9], b[11], b[13], b[15])
}

/// The three horizontal taps (kx = 0, 1, 2) of one input row for 16 outputs of stride `sw` (1 or 2).
@inline(__always)
func _dwRow3(_ src: UnsafeRawPointer, _ sw: Int) -> (SIMD16<Float>, SIMD16<Float>, SIMD16<Float>) {
    if sw == 1 {
        return (src.loadUnaligned(as: SIMD16<Float>.self),
                src.loadUnaligned(fromByteOffset: 4, as: SIMD16<Float>.self),
                src.loadUnaligned(fromByteOffset: 8, as: SIMD16<Float>.self))
    }
    let a = src.loadUnaligned(as: SIMD16<Float>.self)
    let b = src.loadUnaligned(fromByteOffset: 64, as: SIMD16<Float>.self)
    let c = src.loadUnaligned(fromByteOffset: 8, as: SIMD16<Float>.self)
    let d = src.loadUnaligned(fromByteOffset: 72, as: SIMD16<Float>.self)
    return (_evenLanes(a, b), _oddLanes(a, b), _evenLanes(c, d))
}

/// acc += x.0 * w.0 + x.1 * w.1 + x.2 * w.2 (one row of a 3x3 filter).
@inline(__always)
func _dwFma3(_ acc: inout SIMD16<Float>, _ x: (SIMD16<Float>, SIMD16<Float>, SIMD16<Float>),
             _ w: (SIMD16<Float>, SIMD16<Float>, SIMD16<Float>)) {
    acc = acc.addingProduct(x.0, w.0)
    acc = acc.addingProduct(x.1, w.1)
    acc = acc.addingProduct(x.2, w.2)
}

/// Stores up to 4 rows x 16 columns of depthwise outputs at (oy, ox): + residual, clamp.
/// A block narrower than 16 columns is still stored as whole vectors when the 16 floats stay inside the
/// output plane: the extra lanes land on outputs to the right or in later rows, which are stored afterwards
/// (callers run row groups top-down and each row group's column blocks right to left). `spill` is false
/// when the residual is the output itself (the extra lanes would overwrite residual values not read yet).
@inline(__always)
func _dwStore4x16(_ a0: SIMD16<Float>, _ a1: SIMD16<Float>, _ a2: SIMD16<Float>, _ a3: SIMD16<Float>,
                  _ rows: Int, _ oy: Int, _ ox: Int, _ q: CnnrtDWConvParams,
                  _ minV: SIMD16<Float>, _ maxV: SIMD16<Float>, spill: Bool) {
    let count = Swift.min(16, q.out_w &- ox)
    let planeEnd = q.out_h &* q.out_w
    for r in 0..<rows {
        var acc = r == 0 ? a0 : r == 1 ? a1 : r == 2 ? a2 : a3
        let start = (oy &+ r) &* q.out_w &+ ox
        let outRow: UnsafeMutablePointer<Float> = q.output + start
        let residualRow: UnsafePointer<Float>? = q.residual.map { $0 + start }
        if count == 16 || (spill && start &+ 16 <= planeEnd) {
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
}

/// f32-dwconv2d-3x3s1-avx512 / -3x3s2-avx512: the 3x3 (dilation 1) case of `f32_dwconv2d__avx512` with the
/// nine weights held in registers and each loaded input row shared by the output rows that use it
/// (stride 1: 6 input rows for 4 output rows; stride 2: 9). Same padded plane and slack contract; needs
/// kernel 3x3, dilation 1 and stride_h = stride_w in {1, 2} (other shapes go to `f32_dwconv2d__avx512`).
@Sendable public func f32_dwconv2d_3x3__avx512(_ p: UnsafePointer<CnnrtDWConvParams>) {
    let q = p.pointee
    let s = q.stride_h
    guard q.kernel_h == 3 && q.kernel_w == 3 && q.dilation_h == 1 && q.dilation_w == 1 && q.stride_w == s
            && (s == 1 || s == 2) else { return f32_dwconv2d__avx512(p) }
    if s == 1 { _dw3x3s1(p) } else { _dw3x3s2(p) }
}

// One function per row layout, each the only caller of `_dw3x3Blocks`'s body with its constants (a closure or
// struct parameter instead gave the optimizer a specialized copy that is a weak symbol).
@inline(never) func _dw3x3s1(_ p: UnsafePointer<CnnrtDWConvParams>) {
    _dw3x3Blocks(p, stride: 1, deinterleaved: false)
}

@inline(never) func _dw3x3s2(_ p: UnsafePointer<CnnrtDWConvParams>) {
    _dw3x3Blocks(p, stride: 2, deinterleaved: false)
}

/// f32-dwconv2d-3x3s2-deinterleaved: the stride-2 3x3 case over a strip whose rows hold the even padded
/// columns and then the odd ones, half a row (`width / 2`) each (see `_dwCopyRowDeinterleaved`): the three
/// taps of a row are then plain loads (even at ox, odd at ox, even at ox + 1) instead of three shuffles,
/// which bound the interleaved kernel.
@inline(never) func _dwconv3x3s2Deinterleaved(_ p: UnsafePointer<CnnrtDWConvParams>) {
    _dw3x3Blocks(p, stride: 2, deinterleaved: true)
}

/// The 3x3 kernels' loop: output rows 4 at a time, 16 columns per vector (right to left, see `_dwStore4x16`),
/// the nine weights in registers, each input row's three taps loaded once for the output rows that use it.
/// `stride` and `deinterleaved` are constants at each call.
@inline(__always)
func _dw3x3Blocks(_ p: UnsafePointer<CnnrtDWConvParams>, stride s: Int, deinterleaved: Bool) {
    let q = p.pointee
    let rowBytes = q.width &* 4, oddBytes = q.width / 2 &* 4
    /// The three taps of input row r of the block whose first input row starts at `base`.
    @inline(__always) func row(_ base: UnsafeRawPointer, _ r: Int) -> (SIMD16<Float>, SIMD16<Float>, SIMD16<Float>) {
        let start = base + r &* rowBytes
        guard deinterleaved else { return _dwRow3(start, s) }
        return (start.loadUnaligned(as: SIMD16<Float>.self),
                start.loadUnaligned(fromByteOffset: oddBytes, as: SIMD16<Float>.self),
                start.loadUnaligned(fromByteOffset: 4, as: SIMD16<Float>.self))
    }
    // A deinterleaved row holds output column ox's first tap at ox, an interleaved one at ox * stride.
    let columnScale = deinterleaved ? 1 : s
    let minV = SIMD16<Float>(repeating: q.min), maxV = SIMD16<Float>(repeating: q.max)
    let spill = q.residual != UnsafePointer(q.output)
    let wp = q.weights
    let k0 = (SIMD16<Float>(repeating: wp[0]), SIMD16<Float>(repeating: wp[1]), SIMD16<Float>(repeating: wp[2]))
    let k1 = (SIMD16<Float>(repeating: wp[3]), SIMD16<Float>(repeating: wp[4]), SIMD16<Float>(repeating: wp[5]))
    let k2 = (SIMD16<Float>(repeating: wp[6]), SIMD16<Float>(repeating: wp[7]), SIMD16<Float>(repeating: wp[8]))
    let bias = SIMD16<Float>(repeating: q.bias)
    var oy = 0
    while oy < q.out_h {
        let rows = Swift.min(4, q.out_h &- oy)
        var ox = (q.out_w &- 1) / 16 &* 16
        while ox >= 0 {
            var a0 = bias, a1 = bias, a2 = bias, a3 = bias
            let base = UnsafeRawPointer(q.input + (oy &* s &* q.width &+ ox &* columnScale))
            if s == 1 {
                let x0 = row(base, 0), x1 = row(base, 1), x2 = row(base, 2)
                _dwFma3(&a0, x0, k0); _dwFma3(&a0, x1, k1); _dwFma3(&a0, x2, k2)
                _dwFma3(&a1, x1, k0); _dwFma3(&a1, x2, k1)
                _dwFma3(&a2, x2, k0)
                let x3 = row(base, 3)
                _dwFma3(&a1, x3, k2); _dwFma3(&a2, x3, k1); _dwFma3(&a3, x3, k0)
                let x4 = row(base, 4)
                _dwFma3(&a2, x4, k2); _dwFma3(&a3, x4, k1)
                let x5 = row(base, 5)
                _dwFma3(&a3, x5, k2)
            } else {
                let x0 = row(base, 0), x1 = row(base, 1), x2 = row(base, 2)
                _dwFma3(&a0, x0, k0); _dwFma3(&a0, x1, k1); _dwFma3(&a0, x2, k2); _dwFma3(&a1, x2, k0)
                let x3 = row(base, 3), x4 = row(base, 4)
                _dwFma3(&a1, x3, k1); _dwFma3(&a1, x4, k2); _dwFma3(&a2, x4, k0)
                let x5 = row(base, 5), x6 = row(base, 6)
                _dwFma3(&a2, x5, k1); _dwFma3(&a2, x6, k2); _dwFma3(&a3, x6, k0)
                let x7 = row(base, 7), x8 = row(base, 8)
                _dwFma3(&a3, x7, k1); _dwFma3(&a3, x8, k2)
            }
            _dwStore4x16(a0, a1, a2, a3, rows, oy, ox, q, minV, maxV, spill: spill)
            ox &-= 16
        }
        oy &+= 4
    }
}

/// f32-dwconv2d-4x16-avx512: one channel of a depthwise convolution over a plane that the caller padded
/// (pad_top and pad_left are 0: every tap is inside), computing 4 output rows x 16 columns per step so four
/// FMA chains run side by side. The plane must have slack: 3 * stride_h rows below and 16 * stride_w + 16
/// columns right of what the outputs read, since the last block and rows are computed whole.
@Sendable public func f32_dwconv2d__avx512(_ p: UnsafePointer<CnnrtDWConvParams>) {
    let q = p.pointee
    let (kh, kw, sh, sw, dh, dw) = (q.kernel_h, q.kernel_w, q.stride_h, q.stride_w, q.dilation_h, q.dilation_w)
    let minV = SIMD16<Float>(repeating: q.min), maxV = SIMD16<Float>(repeating: q.max)
    let spill = q.residual != UnsafePointer(q.output)
    let rowBytes = q.width &* 4
    var oy = 0
    while oy < q.out_h {
        let rows = Swift.min(4, q.out_h &- oy)
        // Right to left (see `_dwStore4x16`).
        var ox = (q.out_w &- 1) / 16 &* 16
        while ox >= 0 {
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
            _dwStore4x16(a0, a1, a2, a3, rows, oy, ox, q, minV, maxV, spill: spill)
            ox &-= 16
        }
        oy &+= 4
    }
}
