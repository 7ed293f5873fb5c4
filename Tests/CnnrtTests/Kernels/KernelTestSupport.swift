@testable import Cnnrt

/// Helpers shared by the kernel tests: deterministic data, naive oracles and tolerant comparison.
enum KernelTestSupport {
    /// The ISAs this machine can run (the portable kernels always).
    static var isas: [KernelISA] { KernelISA.allCases.filter(\.isSupported) }

    /// Deterministic pseudo-random floats in [-1, 1).
    static func data(_ count: Int, seed: UInt64) -> [Float] {
        var state = seed &* 0x9E3779B97F4A7C15 &+ 1
        return (0..<count).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Float(Int64(bitPattern: state >> 11) % 2_000_000) / 1_000_000 - 1
        }
    }

    /// C = A * B with A (m x k) and B (k x n) row-major, accumulated in Double.
    static func naiveGemm(_ a: [Float], _ b: [Float], m: Int, n: Int, k: Int) -> [Float] {
        var c = [Float](repeating: 0, count: m * n)
        for i in 0..<m {
            for j in 0..<n {
                var sum = 0.0
                for p in 0..<k { sum += Double(a[i * k + p]) * Double(b[p * n + j]) }
                c[i * n + j] = Float(sum)
            }
        }
        return c
    }

    /// The largest |x - y| / (1 + |y|) over the elements, or infinity when counts differ.
    static func maxError(_ x: [Float], _ y: [Float]) -> Float {
        guard x.count == y.count else { return .infinity }
        var worst: Float = 0
        for (u, v) in zip(x, y) {
            if u.isNaN != v.isNaN { return .infinity }
            worst = max(worst, abs(u - v) / (1 + abs(v)))
        }
        return worst
    }

    /// A small blocking that splits K, M and N even for small matrices, to test the block edges.
    static let tinyBlocking = GemmBlocking(kc: 16, mc: 24, nc: 64)
}
