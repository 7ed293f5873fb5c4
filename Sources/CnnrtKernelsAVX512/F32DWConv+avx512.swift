import CCnnrtCPU

/// The even lanes of a and then of b (a stride-2 load), as one two-source shuffle.
@inline(__always)
func _evenLanes(_ a: SIMD16<Float>, _ b: SIMD16<Float>) -> SIMD16<Float> {
    SIMD16(a[0], a[2], a[4], a[6], a[8], a[10], a[12], a[14], b[0], b[2], b[4], b[6], b[8], b[10], b[12], b[14])
}

/// Floats of the row buffer that border blocks are copied into (zero outside the row).
let _dwEdgeCapacity = 512

/// f32-dwconv2d-avx512: one channel of a depthwise convolution, 16 output columns at a time. A block whose
/// taps all fall inside a row reads the row in place; a block at the left or right border reads a copy of
/// its part of the row with zeros outside (rows outside the plane are skipped). Stride 1 and 2 load
/// vectors, other strides gather.
public func f32_dwconv2d__avx512(_ p: UnsafePointer<CnnrtDWConvParams>) {
    let q = p.pointee
    let (kh, kw, sh, sw, dh, dw) = (q.kernel_h, q.kernel_w, q.stride_h, q.stride_w, q.dilation_h, q.dilation_w)
    // Floats one block reads from a row: 16 lanes and the taps (stride 2 loads 32 floats per tap).
    let span = (sw == 2 ? 32 : 15 &* sw &+ 1) &+ (kw &- 1) &* dw
    guard span <= _dwEdgeCapacity else {
        _f32DWConvScalar(q)
        return
    }
    let minV = SIMD16<Float>(repeating: q.min), maxV = SIMD16<Float>(repeating: q.max)
    let edgeRow = q.edge
    do {
        for oy in 0..<q.out_h {
            let outRow: UnsafeMutablePointer<Float> = q.output + oy &* q.out_w
            let residualRow: UnsafePointer<Float>? = q.residual.map { $0 + oy &* q.out_w }
            let iy0: Int = oy &* sh &- q.pad_top
            var ox = 0
            while ox < q.out_w {
              let ix4: Int = ox &* sw &- q.pad_left
              if ox &+ 64 <= q.out_w && ix4 >= 0 && ix4 &+ 48 &* sw &+ span <= q.width {
                // Four blocks at once, all inside the row: four independent FMA chains.
                let ix0 = ix4
                var a0 = SIMD16<Float>(repeating: q.bias), a1 = a0, a2 = a0, a3 = a0
                for ky in 0..<kh {
                    let iy: Int = iy0 &+ ky &* dh
                    if iy < 0 || iy >= q.height { continue }
                    let row = UnsafeRawPointer(q.input + (iy &* q.width &+ ix0))
                    let step = 64 &* sw
                    for kx in 0..<kw {
                        let w = SIMD16<Float>(repeating: q.weights[ky &* kw &+ kx])
                        let src = row + kx &* dw &* 4
                        if sw == 1 {
                            a0 = a0.addingProduct(src.loadUnaligned(as: SIMD16<Float>.self), w)
                            a1 = a1.addingProduct(src.loadUnaligned(fromByteOffset: 64, as: SIMD16<Float>.self), w)
                            a2 = a2.addingProduct(src.loadUnaligned(fromByteOffset: 128, as: SIMD16<Float>.self), w)
                            a3 = a3.addingProduct(src.loadUnaligned(fromByteOffset: 192, as: SIMD16<Float>.self), w)
                        } else if sw == 2 {
                            a0 = a0.addingProduct(_evenLanes(src.loadUnaligned(as: SIMD16<Float>.self),
                                src.loadUnaligned(fromByteOffset: 64, as: SIMD16<Float>.self)), w)
                            a1 = a1.addingProduct(_evenLanes(src.loadUnaligned(fromByteOffset: 128, as: SIMD16<Float>.self),
                                src.loadUnaligned(fromByteOffset: 192, as: SIMD16<Float>.self)), w)
                            a2 = a2.addingProduct(_evenLanes(src.loadUnaligned(fromByteOffset: 256, as: SIMD16<Float>.self),
                                src.loadUnaligned(fromByteOffset: 320, as: SIMD16<Float>.self)), w)
                            a3 = a3.addingProduct(_evenLanes(src.loadUnaligned(fromByteOffset: 384, as: SIMD16<Float>.self),
                                src.loadUnaligned(fromByteOffset: 448, as: SIMD16<Float>.self)), w)
                        } else {
                            let f = src.assumingMemoryBound(to: Float.self)
                            var g0 = SIMD16<Float>(), g1 = g0, g2 = g0, g3 = g0
                            for t in 0..<16 {
                                g0[t] = f[t &* sw]
                                g1[t] = f[t &* sw &+ step / 4]
                                g2[t] = f[t &* sw &+ step / 2]
                                g3[t] = f[t &* sw &+ 3 &* step / 4]
                            }
                            a0 = a0.addingProduct(g0, w)
                            a1 = a1.addingProduct(g1, w)
                            a2 = a2.addingProduct(g2, w)
                            a3 = a3.addingProduct(g3, w)
                        }
                    }
                }
                if let residualRow {
                    let r = UnsafeRawPointer(residualRow + ox)
                    a0 += r.loadUnaligned(as: SIMD16<Float>.self)
                    a1 += r.loadUnaligned(fromByteOffset: 64, as: SIMD16<Float>.self)
                    a2 += r.loadUnaligned(fromByteOffset: 128, as: SIMD16<Float>.self)
                    a3 += r.loadUnaligned(fromByteOffset: 192, as: SIMD16<Float>.self)
                }
                let out = UnsafeMutableRawPointer(outRow + ox)
                out.storeBytes(of: _clamp16(a0, minV, maxV), as: SIMD16<Float>.self)
                out.storeBytes(of: _clamp16(a1, minV, maxV), toByteOffset: 64, as: SIMD16<Float>.self)
                out.storeBytes(of: _clamp16(a2, minV, maxV), toByteOffset: 128, as: SIMD16<Float>.self)
                out.storeBytes(of: _clamp16(a3, minV, maxV), toByteOffset: 192, as: SIMD16<Float>.self)
                ox &+= 64
                continue
              }
                var acc = SIMD16<Float>(repeating: q.bias)
                let ix0: Int = ox &* sw &- q.pad_left
                let inside = ix0 >= 0 && ix0 &+ span <= q.width
                for ky in 0..<kh {
                    let iy: Int = iy0 &+ ky &* dh
                    if iy < 0 || iy >= q.height { continue }
                    let source: UnsafePointer<Float> = q.input + iy &* q.width
                    var row: UnsafePointer<Float> = source + ix0
                    if !inside {
                        // Zeros, then the part of the row the block covers.
                        let first = Swift.max(0, -ix0), end = Swift.max(first, Swift.min(span, q.width &- ix0))
                        for t in 0..<span { edgeRow[t] = 0 }
                        for t in first..<end { edgeRow[t] = source[ix0 &+ t] }
                        row = UnsafePointer(edgeRow)
                    }
                    for kx in 0..<kw {
                        let w = SIMD16<Float>(repeating: q.weights[ky &* kw &+ kx])
                        let src = UnsafeRawPointer(row + kx &* dw)
                        let v: SIMD16<Float>
                        if sw == 1 {
                            v = src.loadUnaligned(as: SIMD16<Float>.self)
                        } else if sw == 2 {
                            v = _evenLanes(src.loadUnaligned(as: SIMD16<Float>.self),
                                           src.loadUnaligned(fromByteOffset: 64, as: SIMD16<Float>.self))
                        } else {
                            var g = SIMD16<Float>()
                            let f = src.assumingMemoryBound(to: Float.self)
                            for t in 0..<16 { g[t] = f[t &* sw] }
                            v = g
                        }
                        acc = acc.addingProduct(v, w)
                    }
                }
                let count = Swift.min(16, q.out_w &- ox)
                if count == 16 {
                    if let residualRow {
                        acc += UnsafeRawPointer(residualRow + ox).loadUnaligned(as: SIMD16<Float>.self)
                    }
                    UnsafeMutableRawPointer(outRow + ox).storeBytes(of: _clamp16(acc, minV, maxV),
                                                                    as: SIMD16<Float>.self)
                } else {
                    for t in 0..<count {
                        var v = acc[t]
                        if let residualRow { v += residualRow[ox &+ t] }
                        outRow[ox &+ t] = Swift.min(Swift.max(v, q.min), q.max)
                    }
                }
                ox &+= 16
            }
        }
    }
}

/// The plain loop, for kernels too wide for the border buffer.
func _f32DWConvScalar(_ q: CnnrtDWConvParams) {
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
                    if ix >= 0 && ix < q.width { acc += row[ix] * q.weights[ky &* q.kernel_w &+ kx] }
                }
            }
            if let residual = q.residual { acc += residual[oy &* q.out_w &+ ox] }
            q.output[oy &* q.out_w &+ ox] = Swift.min(Swift.max(acc, q.min), q.max)
        }
    }
}
