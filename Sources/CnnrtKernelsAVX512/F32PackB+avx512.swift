/// f32-packb-32-avx512: copies `rows` rows of 32 floats (row stride `ldb`) into a k-major GEMM B panel.
@Sendable public func f32_packb_32__avx512(_ source: UnsafePointer<Float>, _ ldb: Int, _ rows: Int,
                                 _ destination: UnsafeMutablePointer<Float>) {
    var src = UnsafeRawPointer(source)
    var dst = UnsafeMutableRawPointer(destination)
    let stride = ldb &* 4
    for _ in 0..<rows {
        let lo = src.loadUnaligned(as: SIMD16<Float>.self)
        let hi = src.loadUnaligned(fromByteOffset: 64, as: SIMD16<Float>.self)
        dst.storeBytes(of: lo, as: SIMD16<Float>.self)
        dst.storeBytes(of: hi, toByteOffset: 64, as: SIMD16<Float>.self)
        src += stride
        dst += 128
    }
}
