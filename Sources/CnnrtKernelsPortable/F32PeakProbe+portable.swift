/// f32-peak-probe-portable: the twin of `f32_peak_probe__avx512` in baseline x86-64 code (SSE2 has no
/// FMA, so each update is a multiply and an add: the probe measures what the portable kernels can reach).
/// 16 accumulators of 4 lanes, register operands only; 16 x 4 x 2 = 128 flops per round.
@inline(never)
public func f32_peak_probe__portable(_ iterations: Int, _ seed: Float) -> Float {
    let a = SIMD4<Float>(repeating: 0.999_999), b = SIMD4<Float>(repeating: seed * 1e-7)
    var c0 = SIMD4<Float>(repeating: seed), c1 = c0 + 1, c2 = c0 + 2, c3 = c0 + 3
    var c4 = c0 + 4, c5 = c0 + 5, c6 = c0 + 6, c7 = c0 + 7
    var c8 = c0 + 8, c9 = c0 + 9, c10 = c0 + 10, c11 = c0 + 11
    var c12 = c0 + 12, c13 = c0 + 13, c14 = c0 + 14, c15 = c0 + 15
    var i = 0
    while i < iterations {
        c0 = c0 * a + b; c1 = c1 * a + b; c2 = c2 * a + b; c3 = c3 * a + b
        c4 = c4 * a + b; c5 = c5 * a + b; c6 = c6 * a + b; c7 = c7 * a + b
        c8 = c8 * a + b; c9 = c9 * a + b; c10 = c10 * a + b; c11 = c11 * a + b
        c12 = c12 * a + b; c13 = c13 * a + b; c14 = c14 * a + b; c15 = c15 * a + b
        i &+= 1
    }
    let s = ((c0 + c1) + (c2 + c3)) + ((c4 + c5) + (c6 + c7))
        + ((c8 + c9) + (c10 + c11)) + ((c12 + c13) + (c14 + c15))
    return s.sum()
}

/// Flops one round of `f32_peak_probe__portable` performs.
public let f32_peak_probe_flops_per_iteration__portable = 128
