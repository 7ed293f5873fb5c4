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

/// Stores row `row` of a 32-wide accumulator tile (`nr` valid columns), applying the epilogue.
@inline(__always)
func _f32StoreRow32(_ lo: SIMD16<Float>, _ hi: SIMD16<Float>, _ row: Int, _ nr: Int,
                    _ c: UnsafeMutablePointer<Float>, _ ldc: Int, _ e: UnsafePointer<CnnrtGemmEpilogue>) {
    let flags = e.pointee.flags
    let p = c + row &* ldc
    if nr == 32 {
        var lo = lo, hi = hi
        if flags & CNNRT_GEMM_ACCUMULATE != 0 {
            lo += _load16(p)
            hi += _load16(p + 16)
        }
        if flags & CNNRT_GEMM_EPILOGUE != 0 {
            if let bias = e.pointee.bias {
                if flags & CNNRT_GEMM_BIAS_PER_COLUMN != 0 {
                    lo += _load16(bias)
                    hi += _load16(bias + 16)
                } else {
                    let v = SIMD16<Float>(repeating: bias[row])
                    lo += v
                    hi += v
                }
            }
            if let residual = e.pointee.residual {
                let rp = residual + row &* e.pointee.residual_stride
                lo += _load16(rp)
                hi += _load16(rp + 16)
            }
            let minV = SIMD16<Float>(repeating: e.pointee.min)
            let maxV = SIMD16<Float>(repeating: e.pointee.max)
            lo = _clamp16(lo, minV, maxV)
            hi = _clamp16(hi, minV, maxV)
        }
        _store16(lo, p)
        _store16(hi, p + 16)
        return
    }
    var tile = (lo, hi)
    withUnsafeBytes(of: &tile) { raw in
        let acc = raw.baseAddress!.assumingMemoryBound(to: Float.self)
        _f32StoreTail(acc, row, nr, p, e)
    }
}

/// Stores row `row` of a 16-wide accumulator tile (`nr` <= 16 valid columns), applying the epilogue.
@inline(__always)
func _f32StoreRow16(_ acc: SIMD16<Float>, _ row: Int, _ nr: Int, _ c: UnsafeMutablePointer<Float>, _ ldc: Int,
                    _ e: UnsafePointer<CnnrtGemmEpilogue>) {
    let flags = e.pointee.flags
    let p = c + row &* ldc
    if nr == 16 {
        var v = acc
        if flags & CNNRT_GEMM_ACCUMULATE != 0 { v += _load16(p) }
        if flags & CNNRT_GEMM_EPILOGUE != 0 {
            if let bias = e.pointee.bias {
                v += flags & CNNRT_GEMM_BIAS_PER_COLUMN != 0 ? _load16(bias) : SIMD16<Float>(repeating: bias[row])
            }
            if let residual = e.pointee.residual { v += _load16(residual + row &* e.pointee.residual_stride) }
            v = _clamp16(v, SIMD16<Float>(repeating: e.pointee.min), SIMD16<Float>(repeating: e.pointee.max))
        }
        _store16(v, p)
        return
    }
    var tile = acc
    withUnsafeBytes(of: &tile) { raw in
        _f32StoreTail(raw.baseAddress!.assumingMemoryBound(to: Float.self), row, nr, p, e)
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
