import CCnnrtCPU

// f32-im2col-panel: one 32-column panel of a convolution's implicit im2col matrix (CnnrtIm2colParams).
// Each panel row is one (channel, ky, kx) tap; its columns are runs of consecutive output columns of one
// output row. A run is zero where it reads padding and a strided copy of one input row inside: stride 1
// as plain vector copies, stride 2 as even-lane deinterleaves of two loads, other strides scalar.

/// The even lanes of a and then of b.
@inline(__always)
private func _im2colEven(_ a: SIMD16<Float>, _ b: SIMD16<Float>) -> SIMD16<Float> {
    SIMD16(a[0], a[2], a[4], a[6], a[8], a[10], a[12], a[14], b[0], b[2], b[4], b[6], b[8], b[10], b[12], b[14])
}

/// dst[t] = src[t * sw] for t < n, with 16-wide vectors for strides 1 and 2 when the reads stay inside
/// the input (`readable` floats from src): for n >= 16 in blocks, the last one overlapping the one before;
/// for n < 16 as one block when `room` >= 16 floats may be written at dst (the extra lanes are overwritten
/// later by the caller).
@inline(__always)
private func _im2colCopy(_ dst: UnsafeMutablePointer<Float>, _ src: UnsafePointer<Float>, _ n: Int, _ sw: Int,
                         _ readable: Int, _ room: Int) {
    let vectorStride = sw == 1 || sw == 2
    if n >= 16 && vectorStride && readable >= n &* sw {
        var t = 0
        while true {
            let at = Swift.min(t, n &- 16)
            UnsafeMutableRawPointer(dst + at).storeBytes(of: _im2colLoad(src + at &* sw, sw), as: SIMD16<Float>.self)
            if at == n &- 16 { break }
            t &+= 16
        }
    } else if n < 16 && vectorStride && room >= 16 && readable >= 16 &* sw {
        UnsafeMutableRawPointer(dst).storeBytes(of: _im2colLoad(src, sw), as: SIMD16<Float>.self)
    } else {
        for t in 0..<n { dst[t] = src[t &* sw] }
    }
}

/// src[t * sw] for t < 16, sw 1 or 2 (reads 16 * sw floats).
@inline(__always)
private func _im2colLoad(_ src: UnsafePointer<Float>, _ sw: Int) -> SIMD16<Float> {
    let raw = UnsafeRawPointer(src)
    if sw == 1 { return raw.loadUnaligned(as: SIMD16<Float>.self) }
    return _im2colEven(raw.loadUnaligned(as: SIMD16<Float>.self),
                       raw.loadUnaligned(fromByteOffset: 64, as: SIMD16<Float>.self))
}

@inline(__always)
private func _im2colZero(_ dst: UnsafeMutablePointer<Float>, _ n: Int) {
    if n >= 16 {
        UnsafeMutableRawPointer(dst).storeBytes(of: SIMD16<Float>(), as: SIMD16<Float>.self)
        UnsafeMutableRawPointer(dst + (n &- 16)).storeBytes(of: SIMD16<Float>(), as: SIMD16<Float>.self)
        if n > 32 { for t in 16..<(n &- 16) { dst[t] = 0 } }
    } else {
        for t in 0..<n { dst[t] = 0 }
    }
}

/// f32-im2col-panel-portable: packs one panel (see CnnrtIm2colParams).
@Sendable public func f32_im2col_panel__portable(_ p: UnsafePointer<CnnrtIm2colParams>) {
    switch p.pointee.stride_w {
    case 1: _im2colPanel1(p)
    case 2: _im2colPanel2(p)
    default: _im2colPanelAny(p)
    }
}

@inline(never) func _im2colPanel1(_ p: UnsafePointer<CnnrtIm2colParams>) { _im2colPanel(p, 1) }
@inline(never) func _im2colPanel2(_ p: UnsafePointer<CnnrtIm2colParams>) { _im2colPanel(p, 2) }
@inline(never) func _im2colPanelAny(_ p: UnsafePointer<CnnrtIm2colParams>) { _im2colPanel(p, p.pointee.stride_w) }

@inline(__always)
func _im2colPanel(_ p: UnsafePointer<CnnrtIm2colParams>, _ sw: Int) {
    let q = p.pointee
    let (h, w, kh, kw) = (q.height, q.width, q.kernel_h, q.kernel_w)
    let (sh, dh, dw, pt, pl, ow) = (q.stride_h, q.dilation_h, q.dilation_w, q.pad_top, q.pad_left, q.out_w)
    let plane = h &* w
    let inputEnd = q.input + q.channels &* plane
    let count = q.count
    let c0 = q.k0 / (kh &* kw), ky0 = (q.k0 / kw) % kh, kx0 = q.k0 % kw
    // Per kx of the current run: the first input column and the outputs inside the row, lo ..< hi.
    let table = UnsafeMutablePointer<Int>.allocate(capacity: 3 &* kw)
    defer { table.deallocate() }
    // The panel's columns are runs of output columns, one output row each; each run is packed for all rows.
    var oy = q.j0 / ow
    var ox = q.j0 % ow
    var filled = 0
    while filled < count {
        let run = Swift.min(ow &- ox, count &- filled)
        for kx in 0..<kw {
            let ix0 = ox &* sw &- pl &+ kx &* dw
            // Outputs t in lo ..< hi read inside the row: 0 <= ix0 + t * sw < w.
            let lo = ix0 >= 0 ? 0 : Swift.min(run, (sw &- 1 &- ix0) / sw)
            let hi = ix0 >= w ? lo : Swift.max(lo, Swift.min(run, (w &- 1 &- ix0) / sw &+ 1))
            table[3 &* kx] = ix0 &+ lo &* sw
            table[3 &* kx &+ 1] = lo
            table[3 &* kx &+ 2] = hi
        }
        let iyBase = oy &* sh &- pt
        var channel = q.input + c0 &* plane
        var ky = ky0, kx = kx0
        var iy = iyBase &+ ky &* dh
        var dst = q.destination + filled
        for _ in 0..<q.depth {
            if iy < 0 || iy >= h {
                _im2colZero(dst, run)
            } else {
                let entry = table + 3 &* kx
                let lo = entry[1], hi = entry[2]
                if lo > 0 { _im2colZero(dst, lo) }
                if hi > lo {
                    let src = channel + (iy &* w &+ entry[0])
                    let n = hi &- lo
                    // Columns right of this run in the panel row are written after it (later runs, the zero tail).
                    _im2colCopy(dst + lo, src, n, sw, inputEnd - src, 32 &- (filled &+ lo))
                }
                if run > hi { _im2colZero(dst + hi, run &- hi) }
            }
            dst += 32
            kx &+= 1
            if kx == kw {
                kx = 0
                ky &+= 1
                iy &+= dh
                if ky == kh {
                    ky = 0
                    iy = iyBase
                    channel += plane
                }
            }
        }
        filled &+= run
        ox = 0
        oy &+= 1
    }
    if count < 32 {
        var dst = q.destination + count
        for _ in 0..<q.depth {
            _im2colZero(dst, 32 &- count)
            dst += 32
        }
    }
}
