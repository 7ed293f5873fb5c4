/// f32-winograd43-weights-avx512: U = G g G^T for every 3x3 filter of an M x C x 3 x 3 weight tensor,
/// written into 36 packed GEMM A operands (`bases[xi]`: panels of `mr` output channels, k-major, as
/// `PackedGemmA` lays them out; rows past M are left to the caller). Eight filters at a time in double, each
/// U element rounded to float once.
public func f32_winograd43_weights__avx512(_ weight: UnsafePointer<Float>, _ channels: Int, _ outChannels: Int,
                                           _ mr: Int, _ bases: UnsafePointer<UnsafeMutablePointer<Float>>) {
    typealias V = SIMD8<Double>
    /// G x for columns of three values (G's rows: 1/4 0 0, -1/6 -1/6 -1/6, -1/6 1/6 -1/6, 1/24 1/12 1/6,
    /// 1/24 -1/12 1/6, 0 0 1). Multiplies by reciprocals: in double they differ from the divisions far below
    /// float's precision and cost a few cycles instead of tens.
    @inline(__always)
    func g(_ a: V, _ b: V, _ c: V) -> (V, V, V, V, V, V) {
        let sixth = 1.0 / 6, ac = a + c, outer = a * (1.0 / 24) + c * sixth, b12 = b * (1.0 / 12)
        return (a * 0.25, -(ac + b) * sixth, -(ac - b) * sixth, outer + b12, outer - b12, c)
    }
    // Lanes are 8 output channels of one panel: their U elements are neighbours in the packed panel, so
    // each is one vector store.
    for oc0 in stride(from: 0, to: outChannels, by: mr) {
        let panelBase = oc0 &* channels
        for r0 in stride(from: 0, to: min(mr, outChannels &- oc0), by: 8) {
            let lanes = min(8, outChannels &- oc0 &- r0, mr &- r0)
            for ic in 0..<channels {
                // Tap t of the filters (oc0 + r0 ..< + lanes, ic).
                let first = weight + ((oc0 &+ r0) &* channels &+ ic) &* 9
                let laneStride = channels &* 9
                @inline(__always) func tap(_ t: Int) -> V {
                    var v = V()
                    for l in 0..<lanes { v[l] = Double(first[l &* laneStride &+ t]) }
                    return v
                }
                // Columns first (G f, 6 x 3), then each row (U = (G f) G^T).
                let c0 = g(tap(0), tap(3), tap(6))
                let c1 = g(tap(1), tap(4), tap(7))
                let c2 = g(tap(2), tap(5), tap(8))
                let out = panelBase &+ ic &* mr &+ r0
                @inline(__always) func store(_ xi: Int, _ value: V) {
                    let target = bases[xi] + out
                    let rounded = SIMD8<Float>(value)
                    if lanes == 8 {
                        UnsafeMutableRawPointer(target).storeBytes(of: rounded, as: SIMD8<Float>.self)
                    } else {
                        for l in 0..<lanes { target[l] = rounded[l] }
                    }
                }
                @inline(__always) func row(_ i: Int, _ a: V, _ b: V, _ c: V) {
                    let r = g(a, b, c), xi = i &* 6
                    store(xi, r.0)
                    store(xi &+ 1, r.1)
                    store(xi &+ 2, r.2)
                    store(xi &+ 3, r.3)
                    store(xi &+ 4, r.4)
                    store(xi &+ 5, r.5)
                }
                row(0, c0.0, c1.0, c2.0)
                row(1, c0.1, c1.1, c2.1)
                row(2, c0.2, c1.2, c2.2)
                row(3, c0.3, c1.3, c2.3)
                row(4, c0.4, c1.4, c2.4)
                row(5, c0.5, c1.5, c2.5)
            }
        }
    }
}
