#if canImport(Glibc)
import Glibc
#endif

/// f32-vactivation-portable: the scalar version of `f32_vactivation__avx512` (same `kind` codes).
@Sendable public func f32_vactivation__portable(_ kind: Int32, _ p0: Float, _ p1: Float,
                                                _ x: UnsafeMutablePointer<Float>, _ n: Int) {
    for i in 0..<n {
        let v = x[i]
        switch kind {
        case 1: x[i] = max(v, 0)
        case 2: x[i] = min(max(v, p0), p1)
        case 3: x[i] = v < 0 ? v * p0 : v
        case 4: x[i] = 1 / (1 + expf(-v))
        case 5: x[i] = min(max(v * p0 + p1, 0), 1)
        case 6: x[i] = v * min(max(v / 6 + 0.5, 0), 1)
        case 7: x[i] = v / (1 + expf(-v))
        default: break
        }
    }
}
