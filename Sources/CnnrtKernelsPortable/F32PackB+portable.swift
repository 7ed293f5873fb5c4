/// f32-packb-32-portable: the baseline version of `f32_packb_32__avx512`.
@Sendable public func f32_packb_32__portable(_ source: UnsafePointer<Float>, _ ldb: Int, _ rows: Int,
                                   _ destination: UnsafeMutablePointer<Float>) {
    var src = source
    var dst = destination
    for _ in 0..<rows {
        for j in 0..<32 { dst[j] = src[j] }
        src += ldb
        dst += 32
    }
}
