/// f32-peak-probe-avx512: the FMA throughput this core delivers right now. Runs `iterations` rounds of
/// 16 independent zmm accumulators, each updated by one `vfmadd231ps` with register operands only
/// (16 x 16 lanes x 2 = 512 flops per round), so neither memory nor latency limits it: 16 chains
/// cover 2 FMA ports x 4 cycles of latency twice over. The shared VM's clock moves (a quiet core gave
/// ~235 GFLOP/s, a busy one ~175): benchmarks divide GEMM figures by this measurement.
/// Returns the sum of the accumulators, so the loop cannot be removed.
@inline(never)
public func f32_peak_probe__avx512(_ iterations: Int, _ seed: Float) -> Float {
    let a = SIMD16<Float>(repeating: 0.999_999), b = SIMD16<Float>(repeating: seed * 1e-7)
    var c0 = SIMD16<Float>(repeating: seed), c1 = c0 + 1, c2 = c0 + 2, c3 = c0 + 3
    var c4 = c0 + 4, c5 = c0 + 5, c6 = c0 + 6, c7 = c0 + 7
    var c8 = c0 + 8, c9 = c0 + 9, c10 = c0 + 10, c11 = c0 + 11
    var c12 = c0 + 12, c13 = c0 + 13, c14 = c0 + 14, c15 = c0 + 15
    var i = 0
    while i < iterations {
        c0 = c0.addingProduct(a, b); c1 = c1.addingProduct(a, b)
        c2 = c2.addingProduct(a, b); c3 = c3.addingProduct(a, b)
        c4 = c4.addingProduct(a, b); c5 = c5.addingProduct(a, b)
        c6 = c6.addingProduct(a, b); c7 = c7.addingProduct(a, b)
        c8 = c8.addingProduct(a, b); c9 = c9.addingProduct(a, b)
        c10 = c10.addingProduct(a, b); c11 = c11.addingProduct(a, b)
        c12 = c12.addingProduct(a, b); c13 = c13.addingProduct(a, b)
        c14 = c14.addingProduct(a, b); c15 = c15.addingProduct(a, b)
        i &+= 1
    }
    let s = ((c0 + c1) + (c2 + c3)) + ((c4 + c5) + (c6 + c7))
        + ((c8 + c9) + (c10 + c11)) + ((c12 + c13) + (c14 + c15))
    return s.sum()
}

/// Flops one round of `f32_peak_probe__avx512` performs.
public let f32_peak_probe_flops_per_iteration__avx512 = 512
