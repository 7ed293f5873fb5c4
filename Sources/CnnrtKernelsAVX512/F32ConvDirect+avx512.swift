import CCnnrtCPU

/// f32-conv-direct-avx512 (see `CnnrtConvDirectParams`): the tile is 8 output channels x 3 vectors of 16 output columns. A vector is
/// 16 columns of one output row starting at x0: x0 = 16 * i, the last one shifted left to end at the row's end
/// (overlapping the one before) when the row holds 16 columns or more; otherwise one vector per row whose
/// lanes past the row spill into the next rows' start, which are written after it (vectors go in order),
/// unless the spill would leave the plane: then only the row's columns are stored.
@Sendable public func f32_conv_direct__avx512(_ args: UnsafePointer<CnnrtConvDirectParams>) {
    withUnsafeTemporaryAllocation(of: Float.self, capacity: 16) { _convDirect(args, $0.baseAddress!) }
}

/// The kernel, with 16 floats at `temp` for partial stores.
@inline(never)
func _convDirect(_ args: UnsafePointer<CnnrtConvDirectParams>, _ temp: UnsafeMutablePointer<Float>) {
    let a = args.pointee
    let ow = a.out_w, oh = a.out_h
    let perRow = ow >= 16 ? (ow &+ 15) / 16 : 1
    let positions = oh &* perRow
    let taps = a.taps
    let depth = a.channels &* taps
    let lo = SIMD16<Float>(repeating: a.min), hi = SIMD16<Float>(repeating: a.max)
    let outPlane = oh &* ow
    let raw = UnsafeRawPointer(a.input)

    /// The input and output offsets of the vector in row `oy` at index `i` of the row, and how many of its
    /// lanes may be stored (16 or the row).
    @inline(__always)
    func position(_ oy: Int, _ i: Int) -> (input: Int, output: Int, count: Int) {
        let x0 = ow >= 16 ? Swift.min(i &* 16, ow &- 16) : 0
        // A spill stays inside the plane, in rows written later.
        let count = ow >= 16 || oy &* ow &+ 16 <= outPlane ? 16 : ow
        return (oy &* a.in_width &+ x0, oy &* ow &+ x0, count)
    }
    /// The vector after (oy, i), or (oy, i) itself when it is the last: a tile past the end recomputes it.
    @inline(__always)
    func next(_ oy: Int, _ i: Int) -> (Int, Int) {
        if i &+ 1 < perRow { return (oy, i &+ 1) }
        return oy &+ 1 < oh ? (oy &+ 1, 0) : (oy, i)
    }

    for block in a.block0..<a.block1 {
        let oc0 = block &* 8
        let ocCount = Swift.min(8, a.out_channels &- oc0)
        let blockWeights = a.weights + block &* depth &* 8
        // The tile's first vector, walked without divisions.
        var (oy, i) = (0, 0)
        var q = 0
        while q < positions {
            let (oy1, i1) = next(oy, i), (oy2, i2) = next(oy1, i1)
            let p0 = position(oy, i), p1 = position(oy1, i1), p2 = position(oy2, i2)
            var a0 = SIMD16<Float>(), a1 = SIMD16<Float>(), a2 = SIMD16<Float>(), a3 = SIMD16<Float>()
            var a4 = SIMD16<Float>(), a5 = SIMD16<Float>(), a6 = SIMD16<Float>(), a7 = SIMD16<Float>()
            var b0 = SIMD16<Float>(), b1 = SIMD16<Float>(), b2 = SIMD16<Float>(), b3 = SIMD16<Float>()
            var b4 = SIMD16<Float>(), b5 = SIMD16<Float>(), b6 = SIMD16<Float>(), b7 = SIMD16<Float>()
            var c0 = SIMD16<Float>(), c1 = SIMD16<Float>(), c2 = SIMD16<Float>(), c3 = SIMD16<Float>()
            var c4 = SIMD16<Float>(), c5 = SIMD16<Float>(), c6 = SIMD16<Float>(), c7 = SIMD16<Float>()
            var w = blockWeights
            for c in 0..<a.channels {
                let channel = c &* a.in_plane
                for t in 0..<taps {
                    let offset = channel &+ a.tap_offsets[t]
                    let x = raw.loadUnaligned(fromByteOffset: (offset &+ p0.input) &* 4, as: SIMD16<Float>.self)
                    let y = raw.loadUnaligned(fromByteOffset: (offset &+ p1.input) &* 4, as: SIMD16<Float>.self)
                    let z = raw.loadUnaligned(fromByteOffset: (offset &+ p2.input) &* 4, as: SIMD16<Float>.self)
                    var v = SIMD16<Float>(repeating: w[0])
                    a0 = a0.addingProduct(x, v); b0 = b0.addingProduct(y, v); c0 = c0.addingProduct(z, v)
                    v = SIMD16<Float>(repeating: w[1])
                    a1 = a1.addingProduct(x, v); b1 = b1.addingProduct(y, v); c1 = c1.addingProduct(z, v)
                    v = SIMD16<Float>(repeating: w[2])
                    a2 = a2.addingProduct(x, v); b2 = b2.addingProduct(y, v); c2 = c2.addingProduct(z, v)
                    v = SIMD16<Float>(repeating: w[3])
                    a3 = a3.addingProduct(x, v); b3 = b3.addingProduct(y, v); c3 = c3.addingProduct(z, v)
                    v = SIMD16<Float>(repeating: w[4])
                    a4 = a4.addingProduct(x, v); b4 = b4.addingProduct(y, v); c4 = c4.addingProduct(z, v)
                    v = SIMD16<Float>(repeating: w[5])
                    a5 = a5.addingProduct(x, v); b5 = b5.addingProduct(y, v); c5 = c5.addingProduct(z, v)
                    v = SIMD16<Float>(repeating: w[6])
                    a6 = a6.addingProduct(x, v); b6 = b6.addingProduct(y, v); c6 = c6.addingProduct(z, v)
                    v = SIMD16<Float>(repeating: w[7])
                    a7 = a7.addingProduct(x, v); b7 = b7.addingProduct(y, v); c7 = c7.addingProduct(z, v)
                    w += 8
                }
            }
            let base = a.output + oc0 &* outPlane
            let o = (base + p0.output, base + p1.output, base + p2.output), n = (p0.count, p1.count, p2.count)
            let bias = a.bias + oc0
            // Vector q before q + 1 before q + 2 for every channel: a spill lands where a later vector writes.
            do { let b = SIMD16<Float>(repeating: bias[0]), at = 0 &* outPlane
                _directStore16(_clamp16(a0 + b, lo, hi), o.0 + at, n.0, temp)
                _directStore16(_clamp16(b0 + b, lo, hi), o.1 + at, n.1, temp)
                _directStore16(_clamp16(c0 + b, lo, hi), o.2 + at, n.2, temp) }
            if ocCount > 1 { let b = SIMD16<Float>(repeating: bias[1]), at = 1 &* outPlane
                _directStore16(_clamp16(a1 + b, lo, hi), o.0 + at, n.0, temp)
                _directStore16(_clamp16(b1 + b, lo, hi), o.1 + at, n.1, temp)
                _directStore16(_clamp16(c1 + b, lo, hi), o.2 + at, n.2, temp) }
            if ocCount > 2 { let b = SIMD16<Float>(repeating: bias[2]), at = 2 &* outPlane
                _directStore16(_clamp16(a2 + b, lo, hi), o.0 + at, n.0, temp)
                _directStore16(_clamp16(b2 + b, lo, hi), o.1 + at, n.1, temp)
                _directStore16(_clamp16(c2 + b, lo, hi), o.2 + at, n.2, temp) }
            if ocCount > 3 { let b = SIMD16<Float>(repeating: bias[3]), at = 3 &* outPlane
                _directStore16(_clamp16(a3 + b, lo, hi), o.0 + at, n.0, temp)
                _directStore16(_clamp16(b3 + b, lo, hi), o.1 + at, n.1, temp)
                _directStore16(_clamp16(c3 + b, lo, hi), o.2 + at, n.2, temp) }
            if ocCount > 4 { let b = SIMD16<Float>(repeating: bias[4]), at = 4 &* outPlane
                _directStore16(_clamp16(a4 + b, lo, hi), o.0 + at, n.0, temp)
                _directStore16(_clamp16(b4 + b, lo, hi), o.1 + at, n.1, temp)
                _directStore16(_clamp16(c4 + b, lo, hi), o.2 + at, n.2, temp) }
            if ocCount > 5 { let b = SIMD16<Float>(repeating: bias[5]), at = 5 &* outPlane
                _directStore16(_clamp16(a5 + b, lo, hi), o.0 + at, n.0, temp)
                _directStore16(_clamp16(b5 + b, lo, hi), o.1 + at, n.1, temp)
                _directStore16(_clamp16(c5 + b, lo, hi), o.2 + at, n.2, temp) }
            if ocCount > 6 { let b = SIMD16<Float>(repeating: bias[6]), at = 6 &* outPlane
                _directStore16(_clamp16(a6 + b, lo, hi), o.0 + at, n.0, temp)
                _directStore16(_clamp16(b6 + b, lo, hi), o.1 + at, n.1, temp)
                _directStore16(_clamp16(c6 + b, lo, hi), o.2 + at, n.2, temp) }
            if ocCount > 7 { let b = SIMD16<Float>(repeating: bias[7]), at = 7 &* outPlane
                _directStore16(_clamp16(a7 + b, lo, hi), o.0 + at, n.0, temp)
                _directStore16(_clamp16(b7 + b, lo, hi), o.1 + at, n.1, temp)
                _directStore16(_clamp16(c7 + b, lo, hi), o.2 + at, n.2, temp) }
            (oy, i) = next(oy2, i2)
            q &+= 3
        }
        // The activation over the block's planes, which are contiguous (a call: inlined, its loops kept the
        // stores above from being inlined).
        if a.kind != 0 {
            f32_vactivation__avx512(a.kind, a.p0, a.p1, a.output + oc0 &* outPlane, ocCount &* outPlane)
        }
    }
}

/// Stores v at p: 16 lanes, or the first `count` through `temp` (the last rows of a plane narrower than 16).
/// Through memory, because handing the vector to a loop or a call made the compiler split every tile's
/// vectors into 128-bit pieces and spill the accumulators (the stores then took as long as the FMAs).
@inline(__always)
func _directStore16(_ v: SIMD16<Float>, _ p: UnsafeMutablePointer<Float>, _ count: Int,
                    _ temp: UnsafeMutablePointer<Float>) {
    if count == 16 {
        UnsafeMutableRawPointer(p).storeBytes(of: v, toByteOffset: 0, as: SIMD16<Float>.self)
    } else {
        UnsafeMutableRawPointer(temp).storeBytes(of: v, as: SIMD16<Float>.self)
        for j in 0..<count { p[j] = temp[j] }
    }
}
