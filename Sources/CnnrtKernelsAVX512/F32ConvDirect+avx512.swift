import CCnnrtCPU

/// f32-conv-direct-avx512 (see `CnnrtConvDirectParams`): the tile is 8 output channels x 2 vectors of 16 output columns. A vector is
/// 16 columns of one output row starting at x0: x0 = 16 * i, the last one shifted left to end at the row's end
/// (overlapping the one before) when the row holds 16 columns or more; otherwise one vector per row whose
/// lanes past the row spill into the next rows' start, which are written after it (vectors go in order),
/// unless the spill would leave the plane: then only the row's columns are stored.
@Sendable public func f32_conv_direct__avx512(_ args: UnsafePointer<CnnrtConvDirectParams>) {
    let a = args.pointee
    let ow = a.out_w, oh = a.out_h
    let perRow = ow >= 16 ? (ow &+ 15) / 16 : 1
    let positions = oh &* perRow
    let taps = a.taps
    let depth = a.channels &* taps
    let lo = SIMD16<Float>(repeating: a.min), hi = SIMD16<Float>(repeating: a.max)
    let outPlane = oh &* ow
    let raw = UnsafeRawPointer(a.input)

    /// The input and output offsets of vector q, and how many of its lanes may be stored (16 or the row).
    @inline(__always)
    func position(_ q: Int) -> (input: Int, output: Int, count: Int) {
        let oy = q / perRow, i = q &- oy &* perRow
        let x0 = ow >= 16 ? Swift.min(i &* 16, ow &- 16) : 0
        // A spill stays inside the plane, in rows written later.
        let count = ow >= 16 || oy &* ow &+ 16 <= outPlane ? 16 : ow
        return (oy &* a.in_width &+ x0, oy &* ow &+ x0, count)
    }

    for block in a.block0..<a.block1 {
        let oc0 = block &* 8
        let ocCount = Swift.min(8, a.out_channels &- oc0)
        let blockWeights = a.weights + block &* depth &* 8
        var q = 0
        while q < positions {
            let p0 = position(q), p1 = position(Swift.min(q &+ 1, positions &- 1))
            var a0 = SIMD16<Float>(), a1 = SIMD16<Float>(), a2 = SIMD16<Float>(), a3 = SIMD16<Float>()
            var a4 = SIMD16<Float>(), a5 = SIMD16<Float>(), a6 = SIMD16<Float>(), a7 = SIMD16<Float>()
            var b0 = SIMD16<Float>(), b1 = SIMD16<Float>(), b2 = SIMD16<Float>(), b3 = SIMD16<Float>()
            var b4 = SIMD16<Float>(), b5 = SIMD16<Float>(), b6 = SIMD16<Float>(), b7 = SIMD16<Float>()
            var w = blockWeights
            for c in 0..<a.channels {
                let channel = c &* a.in_plane
                for t in 0..<taps {
                    let offset = channel &+ a.tap_offsets[t]
                    let x = raw.loadUnaligned(fromByteOffset: (offset &+ p0.input) &* 4, as: SIMD16<Float>.self)
                    let y = raw.loadUnaligned(fromByteOffset: (offset &+ p1.input) &* 4, as: SIMD16<Float>.self)
                    var v = SIMD16<Float>(repeating: w[0])
                    a0 = a0.addingProduct(x, v); b0 = b0.addingProduct(y, v)
                    v = SIMD16<Float>(repeating: w[1])
                    a1 = a1.addingProduct(x, v); b1 = b1.addingProduct(y, v)
                    v = SIMD16<Float>(repeating: w[2])
                    a2 = a2.addingProduct(x, v); b2 = b2.addingProduct(y, v)
                    v = SIMD16<Float>(repeating: w[3])
                    a3 = a3.addingProduct(x, v); b3 = b3.addingProduct(y, v)
                    v = SIMD16<Float>(repeating: w[4])
                    a4 = a4.addingProduct(x, v); b4 = b4.addingProduct(y, v)
                    v = SIMD16<Float>(repeating: w[5])
                    a5 = a5.addingProduct(x, v); b5 = b5.addingProduct(y, v)
                    v = SIMD16<Float>(repeating: w[6])
                    a6 = a6.addingProduct(x, v); b6 = b6.addingProduct(y, v)
                    v = SIMD16<Float>(repeating: w[7])
                    a7 = a7.addingProduct(x, v); b7 = b7.addingProduct(y, v)
                    w += 8
                }
            }
            let o0 = a.output + (oc0 &* outPlane &+ p0.output), o1 = a.output + (oc0 &* outPlane &+ p1.output)
            let bias = a.bias + oc0
            // Vector q before vector q + 1 for every channel: q's spill lands where q + 1 writes.
            _directStore(a0, b0, 0, ocCount, bias, lo, hi, o0, p0.count, o1, p1.count, outPlane)
            _directStore(a1, b1, 1, ocCount, bias, lo, hi, o0, p0.count, o1, p1.count, outPlane)
            _directStore(a2, b2, 2, ocCount, bias, lo, hi, o0, p0.count, o1, p1.count, outPlane)
            _directStore(a3, b3, 3, ocCount, bias, lo, hi, o0, p0.count, o1, p1.count, outPlane)
            _directStore(a4, b4, 4, ocCount, bias, lo, hi, o0, p0.count, o1, p1.count, outPlane)
            _directStore(a5, b5, 5, ocCount, bias, lo, hi, o0, p0.count, o1, p1.count, outPlane)
            _directStore(a6, b6, 6, ocCount, bias, lo, hi, o0, p0.count, o1, p1.count, outPlane)
            _directStore(a7, b7, 7, ocCount, bias, lo, hi, o0, p0.count, o1, p1.count, outPlane)
            q &+= 2
        }
        // The activation over the block's planes, which are contiguous.
        if a.kind != 0 {
            let start = a.output + oc0 &* outPlane, n = ocCount &* outPlane
            let out = UnsafeMutableRawPointer(start)
            var i = 0
            while i &+ 16 <= n {
                let v = out.loadUnaligned(fromByteOffset: i &* 4, as: SIMD16<Float>.self)
                out.storeBytes(of: _activate16(v, a.kind, a.p0, a.p1), toByteOffset: i &* 4, as: SIMD16<Float>.self)
                i &+= 16
            }
            if i < n {
                var tail = SIMD16<Float>()
                for j in 0..<(n &- i) { tail[j] = start[i &+ j] }
                tail = _activate16(tail, a.kind, a.p0, a.p1)
                for j in 0..<(n &- i) { start[i &+ j] = tail[j] }
            }
        }
    }
}

/// Stores channel i of a direct-convolution tile (vector q at o0, vector q + 1 at o1) with bias and clamp:
/// 16 lanes, or only `count` when the vector may not spill.
@inline(__always)
func _directStore(_ x: SIMD16<Float>, _ y: SIMD16<Float>, _ i: Int, _ ocCount: Int, _ bias: UnsafePointer<Float>,
                  _ lo: SIMD16<Float>, _ hi: SIMD16<Float>, _ o0: UnsafeMutablePointer<Float>, _ count0: Int,
                  _ o1: UnsafeMutablePointer<Float>, _ count1: Int, _ outPlane: Int) {
    guard i < ocCount else { return }
    let b = SIMD16<Float>(repeating: bias[i])
    let u = _clamp16(x + b, lo, hi), v = _clamp16(y + b, lo, hi)
    let p = o0 + i &* outPlane, r = o1 + i &* outPlane
    if count0 == 16 {
        UnsafeMutableRawPointer(p).storeBytes(of: u, toByteOffset: 0, as: SIMD16<Float>.self)
    } else {
        for j in 0..<count0 { p[j] = u[j] }
    }
    if count1 == 16 {
        UnsafeMutableRawPointer(r).storeBytes(of: v, toByteOffset: 0, as: SIMD16<Float>.self)
    } else {
        for j in 0..<count1 { r[j] = v[j] }
    }
}
