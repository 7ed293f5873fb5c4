import CCnnrtCPU

// f32-pool2d: 2-D max and average pooling, separable. Per output row, a vertical pass reduces the
// window's input rows (the ones inside the image) column by column into a row buffer that holds the
// padding value (-inf or 0) left and right of the image; a horizontal pass then reduces the buffer's
// taps for 16 output columns at a time (stride 2 as an even/odd deinterleave of two loads). The vertical
// pass runs a block of rows ahead of the horizontal one: the horizontal loads straddle the vertical
// stores, and reading them back at once stalls on failed store-to-load forwarding (3x slower). Max and
// the sum are reduced in a different order than the reference's row-major walk: the maximum is the same
// element, the sum may differ by rounding.

/// The even lanes of a and then of b.
@inline(__always)
private func _poolEven(_ a: SIMD16<Float>, _ b: SIMD16<Float>) -> SIMD16<Float> {
    SIMD16(a[0], a[2], a[4], a[6], a[8], a[10], a[12], a[14], b[0], b[2], b[4], b[6], b[8], b[10], b[12], b[14])
}

/// Lanes t < `lanes` of `src[t * sw]` (all 16 read for sw 1 and 2; the caller's buffer has the slack).
@inline(__always)
private func _poolLoad(_ src: UnsafePointer<Float>, _ sw: Int, _ lanes: Int) -> SIMD16<Float> {
    let raw = UnsafeRawPointer(src)
    if sw == 1 { return raw.loadUnaligned(as: SIMD16<Float>.self) }
    if sw == 2 {
        return _poolEven(raw.loadUnaligned(as: SIMD16<Float>.self),
                         raw.loadUnaligned(fromByteOffset: 64, as: SIMD16<Float>.self))
    }
    var g = SIMD16<Float>()
    for t in 0..<lanes { g[t] = src[t &* sw] }
    return g
}

/// The larger of acc and x, where a NaN x never wins (one vmaxps).
@inline(__always)
private func _poolMax(_ acc: SIMD16<Float>, _ x: SIMD16<Float>) -> SIMD16<Float> {
    acc.replacing(with: x, where: x .> acc)
}

@inline(__always)
private func _poolStore(_ v: SIMD16<Float>, _ dst: UnsafeMutablePointer<Float>, _ lanes: Int,
                        _ temp: UnsafeMutablePointer<Float>) {
    if lanes == 16 {
        UnsafeMutableRawPointer(dst).storeBytes(of: v, as: SIMD16<Float>.self)
    } else {
        // Through memory, so the compiler keeps the vector whole instead of splitting it for lane stores.
        UnsafeMutableRawPointer(temp).storeBytes(of: v, as: SIMD16<Float>.self)
        for t in 0..<lanes { dst[t] = temp[t] }
    }
}

/// How many of the taps `start + k * d` (k < kernel) fall in [low, high).
@inline(__always)
private func _poolTaps(_ start: Int, _ kernel: Int, _ d: Int, _ low: Int, _ high: Int) -> Int {
    let first = start >= low ? 0 : (low &- start &+ d &- 1) / d
    if high &- 1 &- start < 0 { return 0 }
    let last = Swift.min(kernel &- 1, (high &- 1 &- start) / d)
    return Swift.max(0, last &- first &+ 1)
}

/// The vertical pass of one output row: `row[i]` = max or sum over `rows` input rows (from `first`, `step`
/// floats apart) of column i, for i < w. The max starts from -inf so NaN inputs never win. A narrow row
/// (w < 16) is done as one vector when `vectorFits` (16 floats readable from each row): the lanes past w
/// land in the buffer's right padding, which the caller restores.
@inline(__always)
func _poolColumns(_ first: UnsafePointer<Float>, _ step: Int, _ rows: Int, _ w: Int,
                  _ row: UnsafeMutablePointer<Float>, _ isMax: Bool, _ vectorFits: Bool) {
    let fill: Float = isMax ? -.infinity : 0
    if rows == 0 {
        for i in 0..<w { row[i] = fill }
        return
    }
    if w < 16 && !vectorFits {
        for i in 0..<w {
            var src = first + i
            var acc = fill
            for _ in 0..<rows {
                let v = src.pointee
                if isMax { if v > acc { acc = v } } else { acc += v }
                src += step
            }
            row[i] = acc
        }
        return
    }
    let fillV = SIMD16<Float>(repeating: fill)
    var i = 0
    while true {
        // The last block overlaps the one before it (recomputing a few columns) instead of a scalar tail.
        let at = Swift.max(0, Swift.min(i, w &- 16))
        var src = first + at
        var acc = UnsafeRawPointer(src).loadUnaligned(as: SIMD16<Float>.self)
        if isMax { acc = _poolMax(fillV, acc) }
        for _ in 1..<rows {
            src += step
            let v = UnsafeRawPointer(src).loadUnaligned(as: SIMD16<Float>.self)
            acc = isMax ? _poolMax(acc, v) : acc + v
        }
        UnsafeMutableRawPointer(row + at).storeBytes(of: acc, as: SIMD16<Float>.self)
        if at &+ 16 >= w { break }
        i &+= 16
    }
}

// The vertical pass as two functions, so each gets the loop for its reduction (the eight `_poolPlanes`
// copies call it, too many for the optimizer to inline it into each).
@inline(never)
func _poolColumnsMax(_ first: UnsafePointer<Float>, _ step: Int, _ rows: Int, _ w: Int,
                     _ row: UnsafeMutablePointer<Float>, _ vectorFits: Bool) {
    _poolColumns(first, step, rows, w, row, true, vectorFits)
}

@inline(never)
func _poolColumnsSum(_ first: UnsafePointer<Float>, _ step: Int, _ rows: Int, _ w: Int,
                     _ row: UnsafeMutablePointer<Float>, _ vectorFits: Bool) {
    _poolColumns(first, step, rows, w, row, false, vectorFits)
}

/// The horizontal pass of one output row: `out[ox]` = max or sum over kx of `buf[ox * sw + kx * dw]` for
/// ox < ow; the sum divided by `divisors[ox] * rowDivisor`. Reads up to 16 (sw 1) or 32 (sw 2) floats
/// from a block's first tap. A row narrower than 16 is stored whole when `storeFits` (the lanes past ow
/// land on the next row, computed after this one).
@inline(__always)
func _poolRow(_ buf: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, _ ow: Int,
              _ sw: Int, _ kw: Int, _ dw: Int, _ isMax: Bool,
              _ divisors: UnsafePointer<Float>, _ rowDivisor: Float, _ storeFits: Bool,
              _ temp: UnsafeMutablePointer<Float>) {
    var ox0 = 0
    while ox0 < ow {
        let at = ow >= 16 ? Swift.min(ox0, ow &- 16) : 0
        let lanes = Swift.min(16, ow &- at)
        let base = buf + at &* sw
        var acc = _poolLoad(base, sw, lanes)
        for kx in 1..<kw {
            let v = _poolLoad(base + kx &* dw, sw, lanes)
            acc = isMax ? _poolMax(acc, v) : acc + v
        }
        if !isMax {
            let d = UnsafeRawPointer(divisors + at).loadUnaligned(as: SIMD16<Float>.self)
            acc = acc / (d * SIMD16(repeating: rowDivisor))
        }
        _poolStore(acc, out + at, storeFits ? 16 : lanes, temp)
        ox0 = at &+ 16
    }
}

/// f32-pool2d-avx512: max or average pooling of `planes` planes (CnnrtPool2DParams). Any kernel, stride,
/// dilation and padding; 3x3 and 2x2 windows of stride 1 or 2 without dilation take specialized loops.
@Sendable public func f32_pool2d__avx512(_ p: UnsafePointer<CnnrtPool2DParams>) {
    let q = p.pointee
    let (w, ow, pl) = (q.width, q.out_w, q.pad_left)
    let (kw, sw, dw) = (q.kernel_w, q.stride_w, q.dilation_w)
    guard q.planes > 0 && q.out_h > 0 && ow > 0 else { return }
    let isMax = q.kind == CNNRT_POOL_MAX
    let includePad = q.count_include_pad != 0
    let fill: Float = isMax ? -.infinity : 0
    // A row buffer: buffer index b is image column b - pl. Output ox, tap kx reads b = ox * sw + kx * dw;
    // the vector loads read up to 16 (stride 1) or 32 (stride 2) floats from a block's first output, and a
    // narrow row's vertical pass writes 16 floats at column 0 and then 16 of padding at column w.
    let reach = (kw &- 1) &* dw
    let bufCount = Swift.max(pl &+ Swift.max(w, 16) &+ 16, 2 &* Swift.max(ow, 16) &+ 32, (ow &- 1) &* sw &+ 1)
        &+ reach &+ 16
    let rowStride = (bufCount &+ 15) & ~15
    // Rows per block: about 16 KB of buffers, so they stay in L1 while the input streams past (a whole
    // 112-wide plane of buffers, 40 KB, was 12 % slower on ResNet-18's max pool; 8 KB slowed 28x28 planes).
    let block = Swift.max(1, Swift.min(q.out_h, 4096 / rowStride))
    let divCount = Swift.max(ow, 16)
    let floats = block &* rowStride &+ divCount &+ 16
    let memory = UnsafeMutableRawPointer.allocate(byteCount: floats &* 4, alignment: 64)
    defer { memory.deallocate() }
    let buf = memory.bindMemory(to: Float.self, capacity: floats)
    for i in 0..<(block &* rowStride) { buf[i] = fill }
    let divisors = buf + block &* rowStride
    let low = includePad ? -pl : 0, high = includePad ? w &+ q.pad_right : w
    for ox in 0..<divCount {
        divisors[ox] = !isMax && ox < ow ? Float(_poolTaps(ox &* sw &- pl, kw, dw, low, high)) : 1
    }
    var b = _PoolBuffers(rows: buf, rowStride: rowStride, block: block, divisors: divisors, temp: divisors + divCount)
    switch (isMax, dw != 1 ? 0 : sw == 2 && kw == 3 ? 1 : sw == 2 && kw == 2 ? 2 : sw == 1 && kw == 3 ? 3 : 0) {
    case (true, 1): _poolMax2x3(p, &b)
    case (true, 2): _poolMax2x2(p, &b)
    case (true, 3): _poolMax1x3(p, &b)
    case (true, _): _poolMaxAny(p, &b)
    case (false, 1): _poolAvg2x3(p, &b)
    case (false, 2): _poolAvg2x2(p, &b)
    case (false, 3): _poolAvg1x3(p, &b)
    case (false, _): _poolAvgAny(p, &b)
    }
}

/// The kernel's scratch: `block` row buffers `rowStride` floats apart, the column divisors, 16 floats.
struct _PoolBuffers {
    let rows: UnsafeMutablePointer<Float>
    let rowStride: Int
    let block: Int
    let divisors: UnsafeMutablePointer<Float>
    let temp: UnsafeMutablePointer<Float>
}

// One function per specialized case, each the only caller of `_poolPlanes`'s body with its constants
// (pointer parameters: the optimizer's signature-specialized copies of struct parameters are weak symbols).
@inline(never) func _poolMax2x3(_ q: UnsafePointer<CnnrtPool2DParams>, _ b: UnsafePointer<_PoolBuffers>) {
    _poolPlanes(q.pointee, b.pointee, true, 2, 3, 1)
}
@inline(never) func _poolMax2x2(_ q: UnsafePointer<CnnrtPool2DParams>, _ b: UnsafePointer<_PoolBuffers>) {
    _poolPlanes(q.pointee, b.pointee, true, 2, 2, 1)
}
@inline(never) func _poolMax1x3(_ q: UnsafePointer<CnnrtPool2DParams>, _ b: UnsafePointer<_PoolBuffers>) {
    _poolPlanes(q.pointee, b.pointee, true, 1, 3, 1)
}
@inline(never) func _poolMaxAny(_ q: UnsafePointer<CnnrtPool2DParams>, _ b: UnsafePointer<_PoolBuffers>) {
    _poolPlanes(q.pointee, b.pointee, true, q.pointee.stride_w, q.pointee.kernel_w, q.pointee.dilation_w)
}
@inline(never) func _poolAvg2x3(_ q: UnsafePointer<CnnrtPool2DParams>, _ b: UnsafePointer<_PoolBuffers>) {
    _poolPlanes(q.pointee, b.pointee, false, 2, 3, 1)
}
@inline(never) func _poolAvg2x2(_ q: UnsafePointer<CnnrtPool2DParams>, _ b: UnsafePointer<_PoolBuffers>) {
    _poolPlanes(q.pointee, b.pointee, false, 2, 2, 1)
}
@inline(never) func _poolAvg1x3(_ q: UnsafePointer<CnnrtPool2DParams>, _ b: UnsafePointer<_PoolBuffers>) {
    _poolPlanes(q.pointee, b.pointee, false, 1, 3, 1)
}
@inline(never) func _poolAvgAny(_ q: UnsafePointer<CnnrtPool2DParams>, _ b: UnsafePointer<_PoolBuffers>) {
    _poolPlanes(q.pointee, b.pointee, false, q.pointee.stride_w, q.pointee.kernel_w, q.pointee.dilation_w)
}

/// The input rows of output row `oy` inside the image: the first one and how many (`dh` rows apart).
@inline(__always)
func _poolWindowRows(_ oy: Int, _ q: CnnrtPool2DParams) -> (first: Int, rows: Int) {
    let (h, kh, dh) = (q.height, q.kernel_h, q.dilation_h)
    let iy0 = oy &* q.stride_h &- q.pad_top
    let kLo: Int, kHi: Int
    if dh == 1 {
        kLo = Swift.max(0, -iy0)
        kHi = Swift.min(kh &- 1, h &- 1 &- iy0)
    } else {
        kLo = iy0 >= 0 ? 0 : (dh &- 1 &- iy0) / dh
        kHi = h &- 1 &- iy0 < 0 ? -1 : Swift.min(kh &- 1, (h &- 1 &- iy0) / dh)
    }
    return (Swift.max(0, iy0 &+ kLo &* dh), Swift.max(0, kHi &- kLo &+ 1))
}

/// All planes, a block of output rows at a time: the vertical passes into the block's row buffers
/// (padding already in place), then the horizontal passes into the output.
@inline(__always)
func _poolPlanes(_ q: CnnrtPool2DParams, _ b: _PoolBuffers, _ isMax: Bool, _ sw: Int, _ kw: Int, _ dw: Int) {
    let (h, w, oh, ow) = (q.height, q.width, q.out_h, q.out_w)
    let (kh, dh, pt) = (q.kernel_h, q.dilation_h, q.pad_top)
    let includePad = q.count_include_pad != 0
    let rowLow = includePad ? -pt : 0, rowHigh = includePad ? h &+ q.pad_bottom : h
    let fillV = SIMD16<Float>(repeating: isMax ? -.infinity : 0)
    let inputEnd = q.input + q.planes &* h &* w
    let outputEnd = q.output + q.planes &* oh &* ow
    let step = dh &* w
    for plane in 0..<q.planes {
        let x = q.input + plane &* h &* w
        let y = q.output + plane &* oh &* ow
        var oy0 = 0
        while oy0 < oh {
            let count = Swift.min(b.block, oh &- oy0)
            for r in 0..<count {
                let (firstRow, rows) = _poolWindowRows(oy0 &+ r, q)
                let first = x + firstRow &* w
                let row = b.rows + r &* b.rowStride + q.pad_left
                let vectorFits = w < 16 && rows > 0 && first + (rows &- 1) &* step + 16 <= inputEnd
                if isMax { _poolColumnsMax(first, step, rows, w, row, vectorFits) }
                else { _poolColumnsSum(first, step, rows, w, row, vectorFits) }
                if vectorFits { UnsafeMutableRawPointer(row + w).storeBytes(of: fillV, as: SIMD16<Float>.self) }
            }
            for r in 0..<count {
                let oy = oy0 &+ r
                var rowDivisor: Float = 1
                if !isMax {
                    rowDivisor = Float(includePad ? _poolTaps(oy &* q.stride_h &- pt, kh, dh, rowLow, rowHigh)
                                                  : _poolWindowRows(oy, q).rows)
                }
                let out = y + oy &* ow
                _poolRow(b.rows + r &* b.rowStride, out, ow, sw, kw, dw, isMax, b.divisors, rowDivisor,
                         ow < 16 && out + 16 <= outputEnd, b.temp)
            }
            oy0 &+= count
        }
    }
}
