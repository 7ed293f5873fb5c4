import CCnnrtCPU

// f32-gemm-narrow: the last few columns of a GEMM whose width is not a multiple of 16. A row-broadcast
// microkernel spends its time on the broadcasts of A whatever the tile's width, so a 12-row tile of one column
// costs what a tile of 16 costs (and a 32-wide kernel what 32 cost): 49 pixels of a 7x7 plane took the time of
// 64. Here the 12 rows of the A panel are the vector and the columns of B the broadcasts: 1-4 FMAs per step
// of two loads, and a 7x7 plane costs 32 + 16 + 1 columns.

/// C[rows x columns] = epilogue(A[rows x kc] * B[kc x columns]) for columns in 1...4 and rows <= 12: A is a
/// packed panel of `aStride` >= 12 floats per step (rows past `rows` may hold anything), B a packed panel of
/// 32 floats per step whose first `columns` are read, C row-major with row stride `ldc`. The epilogue is
/// `f32_gemm_1x32__avx512`'s (accumulate, bias per row or per column, residual, clamp).
@Sendable public func f32_gemm_narrow__avx512(
    _ columns: Int, _ rows: Int, _ kc: Int, _ a: UnsafePointer<Float>, _ aStride: Int, _ b: UnsafePointer<Float>,
    _ c: UnsafeMutablePointer<Float>, _ ldc: Int, _ e: UnsafePointer<CnnrtGemmEpilogue>
) {
    switch columns {
    case 1: _gemmNarrow1(rows, kc, a, aStride, b, c, ldc, e)
    case 2: _gemmNarrow2(rows, kc, a, aStride, b, c, ldc, e)
    case 3: _gemmNarrow3(rows, kc, a, aStride, b, c, ldc, e)
    default: _gemmNarrow4(rows, kc, a, aStride, b, c, ldc, e)
    }
}

@inline(never) func _gemmNarrow1(_ rows: Int, _ kc: Int, _ a: UnsafePointer<Float>, _ aStride: Int,
                                 _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>, _ ldc: Int,
                                 _ e: UnsafePointer<CnnrtGemmEpilogue>) {
    _gemmNarrow(1, rows, kc, a, aStride, b, c, ldc, e)
}

@inline(never) func _gemmNarrow2(_ rows: Int, _ kc: Int, _ a: UnsafePointer<Float>, _ aStride: Int,
                                 _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>, _ ldc: Int,
                                 _ e: UnsafePointer<CnnrtGemmEpilogue>) {
    _gemmNarrow(2, rows, kc, a, aStride, b, c, ldc, e)
}

@inline(never) func _gemmNarrow3(_ rows: Int, _ kc: Int, _ a: UnsafePointer<Float>, _ aStride: Int,
                                 _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>, _ ldc: Int,
                                 _ e: UnsafePointer<CnnrtGemmEpilogue>) {
    _gemmNarrow(3, rows, kc, a, aStride, b, c, ldc, e)
}

@inline(never) func _gemmNarrow4(_ rows: Int, _ kc: Int, _ a: UnsafePointer<Float>, _ aStride: Int,
                                 _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>, _ ldc: Int,
                                 _ e: UnsafePointer<CnnrtGemmEpilogue>) {
    _gemmNarrow(4, rows, kc, a, aStride, b, c, ldc, e)
}

/// `columns` is a constant at each call site, so the unused accumulators and their FMAs fold away. Each
/// column's sum is split over independent accumulators for successive steps (4 for one column, 2 for more), so
/// at least 4 FMA chains are in flight: with one chain per column a step waited on the FMA latency (4 cycles),
/// and the one leftover column of a 7x7 plane took two thirds of the time of the 16 columns before it.
@inline(__always)
func _gemmNarrow(_ columns: Int, _ rows: Int, _ kc: Int, _ a: UnsafePointer<Float>, _ aStride: Int,
                 _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>, _ ldc: Int,
                 _ e: UnsafePointer<CnnrtGemmEpilogue>) {
    let sets = columns == 1 ? 4 : 2
    // Slot `set * columns + j` holds the partial sum of column j over the steps of that set.
    var s0 = SIMD16<Float>(), s1 = SIMD16<Float>(), s2 = SIMD16<Float>(), s3 = SIMD16<Float>()
    var s4 = SIMD16<Float>(), s5 = SIMD16<Float>(), s6 = SIMD16<Float>(), s7 = SIMD16<Float>()
    @inline(__always) func add(_ slot: Int, _ x: SIMD16<Float>, _ y: SIMD16<Float>) {
        switch slot {
        case 0: s0 = s0.addingProduct(x, y)
        case 1: s1 = s1.addingProduct(x, y)
        case 2: s2 = s2.addingProduct(x, y)
        case 3: s3 = s3.addingProduct(x, y)
        case 4: s4 = s4.addingProduct(x, y)
        case 5: s5 = s5.addingProduct(x, y)
        case 6: s6 = s6.addingProduct(x, y)
        default: s7 = s7.addingProduct(x, y)
        }
    }
    var ap = a
    var bp = b
    @inline(__always) func step(_ av: SIMD16<Float>, _ set: Int) {
        for j in 0..<columns { add(set &* columns &+ j, av, SIMD16(repeating: bp[j])) }
        ap += aStride
        bp += 32
    }
    @inline(__always) func load() -> SIMD16<Float> { UnsafeRawPointer(ap).loadUnaligned(as: SIMD16<Float>.self) }
    // 16 floats of A per step (the 4 past the panel's 12 rows belong to the next step and are never stored),
    // except in the last step, which may end the buffer.
    var k = kc
    while k > sets {
        step(load(), 0)
        step(load(), 1)
        if sets > 2 {
            step(load(), 2)
            step(load(), 3)
        }
        k &-= sets
    }
    while k > 1 {
        step(load(), 0)
        k &-= 1
    }
    if k == 1 {
        let low = UnsafeRawPointer(ap).loadUnaligned(as: SIMD8<Float>.self)
        let high = UnsafeRawPointer(ap + 8).loadUnaligned(as: SIMD4<Float>.self)
        step(SIMD16(lowHalf: low, highHalf: SIMD8(lowHalf: high, highHalf: SIMD4())), 0)
    }
    var acc: (SIMD16<Float>, SIMD16<Float>, SIMD16<Float>, SIMD16<Float>)
    switch columns {
    case 1: acc = ((s0 + s1) + (s2 + s3), SIMD16(), SIMD16(), SIMD16())
    case 2: acc = (s0 + s2, s1 + s3, SIMD16(), SIMD16())
    case 3: acc = (s0 + s3, s1 + s4, s2 + s5, SIMD16())
    default: acc = (s0 + s4, s1 + s5, s2 + s6, s3 + s7)
    }
    let q = e.pointee
    withUnsafeBytes(of: &acc) { raw in
        let sums = raw.baseAddress!.assumingMemoryBound(to: Float.self)
        for r in 0..<rows {
            let row = c + r &* ldc
            for j in 0..<columns {
                var v = sums[j &* 16 &+ r]
                if q.flags & CNNRT_GEMM_ACCUMULATE != 0 { v += row[j] }
                if q.flags & CNNRT_GEMM_EPILOGUE != 0 {
                    if let bias = q.bias { v += q.flags & CNNRT_GEMM_BIAS_PER_COLUMN != 0 ? bias[j] : bias[r] }
                    if let residual = q.residual { v += residual[r &* q.residual_stride &+ j] }
                    if v < q.min { v = q.min }
                    if v > q.max { v = q.max }
                }
                row[j] = v
            }
        }
    }
}
