import CCnnrtCPU

/// The signature every GEMM microkernel shares (see `f32_gemm_1x32__avx512`).
public typealias F32GemmMicrokernel = @Sendable (
    _ nr: Int, _ kc: Int, _ a: UnsafePointer<Float>, _ aStride: Int, _ b: UnsafePointer<Float>,
    _ c: UnsafeMutablePointer<Float>, _ ldc: Int, _ e: UnsafePointer<CnnrtGemmEpilogue>
) -> Void

@inline(__always)
func _load16(_ p: UnsafePointer<Float>) -> SIMD16<Float> {
    UnsafeRawPointer(p).loadUnaligned(as: SIMD16<Float>.self)
}

@inline(__always)
func _store16(_ v: SIMD16<Float>, _ p: UnsafeMutablePointer<Float>) {
    UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD16<Float>.self)
}

/// max(min(v, hi), lo) lane by lane. Written with `replacing(with:where:)` because the stdlib's
/// `pointwiseMin` / `pointwiseMax` are not inlined: their specializations are weak symbols that the
/// linker may share with code built for another ISA.
@inline(__always)
func _clamp16(_ v: SIMD16<Float>, _ lo: SIMD16<Float>, _ hi: SIMD16<Float>) -> SIMD16<Float> {
    let below = v.replacing(with: lo, where: v .< lo)
    return below.replacing(with: hi, where: below .> hi)
}

@inline(__always)
func _max16(_ v: SIMD16<Float>, _ w: SIMD16<Float>) -> SIMD16<Float> {
    v.replacing(with: w, where: v .< w)
}

@inline(__always)
func _min16(_ v: SIMD16<Float>, _ w: SIMD16<Float>) -> SIMD16<Float> {
    v.replacing(with: w, where: v .> w)
}

/// Stores the `rows` x 32 accumulator tile at `tile` (row r's 32 floats at byte 128 * r; `nr` valid columns),
/// applying the epilogue.
@inline(never)
func _f32StoreTile32(_ tile: UnsafeRawPointer, _ rows: Int, _ nr: Int, _ c: UnsafeMutablePointer<Float>, _ ldc: Int,
                     _ e: UnsafePointer<CnnrtGemmEpilogue>) {
    _f32StoreTile(tile, rows, nr, 32, c, ldc, e)
}

/// Stores the `rows` x 16 accumulator tile at `tile` (row r's 16 floats at byte 64 * r; `nr` <= 16 valid
/// columns), applying the epilogue.
@inline(never)
func _f32StoreTile16(_ tile: UnsafeRawPointer, _ rows: Int, _ nr: Int, _ c: UnsafeMutablePointer<Float>, _ ldc: Int,
                     _ e: UnsafePointer<CnnrtGemmEpilogue>) {
    _f32StoreTile(tile, rows, nr, 16, c, ldc, e)
}

/// The tile store for tiles `width` (16 or 32) floats wide: C = clamp(tile [+ C] + bias + residual) over full
/// rows, `_f32StoreTail` for partial ones.
@inline(__always)
func _f32StoreTile(_ tile: UnsafeRawPointer, _ rows: Int, _ nr: Int, _ width: Int, _ c: UnsafeMutablePointer<Float>,
                   _ ldc: Int, _ e: UnsafePointer<CnnrtGemmEpilogue>) {
    let flags = e.pointee.flags
    if nr != width {
        for r in 0..<rows {
            _f32StoreTail((tile + r &* width &* 4).assumingMemoryBound(to: Float.self), r, nr, c + r &* ldc, e)
        }
        return
    }
    let accumulate = flags & CNNRT_GEMM_ACCUMULATE != 0
    let epilogue = flags & CNNRT_GEMM_EPILOGUE != 0
    let bias = epilogue ? e.pointee.bias : nil
    let biasPerColumn = flags & CNNRT_GEMM_BIAS_PER_COLUMN != 0
    let residual = epilogue ? e.pointee.residual : nil
    let residualStride = e.pointee.residual_stride
    let minV = SIMD16<Float>(repeating: e.pointee.min), maxV = SIMD16<Float>(repeating: e.pointee.max)
    for r in 0..<rows {
        let p = c + r &* ldc
        for half in stride(from: 0, to: width, by: 16) {
            var v = tile.loadUnaligned(fromByteOffset: (r &* width &+ half) &* 4, as: SIMD16<Float>.self)
            if accumulate { v += _load16(p + half) }
            if epilogue {
                if let bias { v += biasPerColumn ? _load16(bias + half) : SIMD16<Float>(repeating: bias[r]) }
                if let residual { v += _load16(residual + (r &* residualStride &+ half)) }
                v = _clamp16(v, minV, maxV)
            }
            _store16(v, p + half)
        }
    }
}

/// The scalar epilogue for the last columns of a row (fewer than 32).
@inline(never)
func _f32StoreTail(_ acc: UnsafePointer<Float>, _ row: Int, _ nr: Int, _ p: UnsafeMutablePointer<Float>,
                   _ e: UnsafePointer<CnnrtGemmEpilogue>) {
    let flags = e.pointee.flags
    let residual = e.pointee.residual.map { $0 + row &* e.pointee.residual_stride }
    for j in 0..<nr {
        var v = acc[j]
        if flags & CNNRT_GEMM_ACCUMULATE != 0 { v += p[j] }
        if flags & CNNRT_GEMM_EPILOGUE != 0 {
            if let bias = e.pointee.bias {
                v += flags & CNNRT_GEMM_BIAS_PER_COLUMN != 0 ? bias[j] : bias[row]
            }
            if let residual { v += residual[j] }
            v = Swift.min(Swift.max(v, e.pointee.min), e.pointee.max)
        }
        p[j] = v
    }
}
