import CCnnrtCPU

/// The signature every GEMM microkernel shares (the same as `CnnrtKernelsAVX512.F32GemmMicrokernel`).
public typealias F32GemmMicrokernelPortable = @Sendable (
    _ nr: Int, _ kc: Int, _ a: UnsafePointer<Float>, _ aStride: Int, _ b: UnsafePointer<Float>,
    _ c: UnsafeMutablePointer<Float>, _ ldc: Int, _ e: UnsafePointer<CnnrtGemmEpilogue>
) -> Void

/// f32-gemm-<mr>x32-portable: the fallback for CPUs without AVX-512, in baseline x86-64 (SSE2) code.
///
/// It computes one row at a time with separate multiply and add (no FMA in the baseline ISA), so its
/// results may differ from the AVX-512 kernels' in the last bits.
public func f32_gemm_x32__portable(
    _ mr: Int, _ nr: Int, _ kc: Int, _ a: UnsafePointer<Float>, _ aStride: Int, _ b: UnsafePointer<Float>,
    _ c: UnsafeMutablePointer<Float>, _ ldc: Int, _ e: UnsafePointer<CnnrtGemmEpilogue>
) {
    let flags = e.pointee.flags
    for row in 0..<mr {
        var acc0 = SIMD8<Float>(), acc1 = SIMD8<Float>(), acc2 = SIMD8<Float>(), acc3 = SIMD8<Float>()
        var ap = a + row
        var bp = UnsafeRawPointer(b)
        for _ in 0..<kc {
            let s = SIMD8<Float>(repeating: ap.pointee)
            acc0 += s * bp.loadUnaligned(as: SIMD8<Float>.self)
            acc1 += s * bp.loadUnaligned(fromByteOffset: 32, as: SIMD8<Float>.self)
            acc2 += s * bp.loadUnaligned(fromByteOffset: 64, as: SIMD8<Float>.self)
            acc3 += s * bp.loadUnaligned(fromByteOffset: 96, as: SIMD8<Float>.self)
            ap += aStride
            bp += 128
        }
        var tile = (acc0, acc1, acc2, acc3)
        let p = c + row &* ldc
        let residual = e.pointee.residual.map { $0 + row &* e.pointee.residual_stride }
        withUnsafeBytes(of: &tile) { raw in
            let acc = raw.baseAddress!.assumingMemoryBound(to: Float.self)
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
    }
}

/// The largest row count the portable GEMM kernels are asked for.
public let f32GemmMaxRowsPortable = 4

/// f32-gemm-<mr>x32-portable as a microkernel, or nil when mr is not in 1...f32GemmMaxRowsPortable.
public func f32GemmMicrokernelPortable(rows mr: Int) -> F32GemmMicrokernelPortable? {
    guard mr >= 1 && mr <= f32GemmMaxRowsPortable else { return nil }
    return { nr, kc, a, aStride, b, c, ldc, e in f32_gemm_x32__portable(mr, nr, kc, a, aStride, b, c, ldc, e) }
}
