import Testing
@testable import Cnnrt

@Suite("GEMM kernels")
struct F32GemmTests {
    typealias Support = KernelTestSupport

    /// Sizes below, at and above the 12 x 32 tile, multiples of it, and primes.
    static let shapes: [(Int, Int, Int)] = [
        (1, 1, 1), (1, 32, 7), (3, 5, 2), (12, 32, 16), (13, 33, 17), (24, 64, 32), (11, 31, 29),
        (37, 71, 53), (1, 100, 64), (64, 1, 40), (25, 97, 131),
    ]

    @Test("blocked GEMM matches the naive product", arguments: shapes)
    func matchesNaive(shape: (Int, Int, Int)) {
        let (m, n, k) = shape
        let a = Support.data(m * k, seed: 1), b = Support.data(k * n, seed: 2)
        let expected = Support.naiveGemm(a, b, m: m, n: n, k: k)
        for isa in Support.isas {
            for blocking in [Support.tinyBlocking, GemmBlocking(mr: KernelSet.forISA(isa).mr)] {
                for threads in [1, 2] {
                    let got = Self.run(a, b, m: m, n: n, k: k, isa: isa, blocking: blocking, threads: threads,
                                       packA: threads == 1, packB: blocking != Support.tinyBlocking)
                    #expect(Support.maxError(got, expected) < 1e-5, "\(isa) \(blocking) threads \(threads)")
                }
            }
        }
    }

    /// B from a matrix with shallow depth (a 1x1 convolution on few channels) is packed a group of panels
    /// at a time (as many as fill a 48 KB L1: 16 at depth 1 and 16, 14 at 27, 4 at 95, 2 at 192, 1 at 193) and
    /// the row panels store the group's tiles side by side: groups cut short by the last columns, a partial
    /// last panel, rows below, at and above the tile height, 1 and 2 threads.
    @Test("shallow B panels packed in groups", arguments: [1, 16, 27, 95, 192, 193])
    func shallowPanelGroups(k: Int) {
        for (m, n) in [(13, 549), (40, 1000), (5, 97)] {
            let a = Support.data(m * k, seed: 3), b = Support.data(k * n, seed: 4)
            let expected = Support.naiveGemm(a, b, m: m, n: n, k: k)
            for isa in Support.isas {
                for threads in [1, 2] {
                    let got = Self.run(a, b, m: m, n: n, k: k, isa: isa, blocking: GemmBlocking(mr: KernelSet.forISA(isa).mr),
                                       threads: threads, packA: true, packB: false)
                    #expect(Support.maxError(got, expected) < 1e-5, "\(isa) \(m)x\(n)x\(k) threads \(threads)")
                }
            }
        }
    }

    /// Tasks of a multi-threaded GEMM: columns first, about three per thread; between one and two column
    /// panels per task, one panel per task and the rows split per thread (equal tasks, a multiple of the
    /// threads); the product stays exact for those shapes.
    @Test func taskSplit() {
        #expect(F32Gemm.split(rowPanels: 32, columnPanels: 7, threads: 2) == (7, 2))
        #expect(F32Gemm.split(rowPanels: 1, columnPanels: 9, threads: 2) == (9, 1))
        #expect(F32Gemm.split(rowPanels: 80, columnPanels: 2, threads: 2) == (2, 3))
        #expect(F32Gemm.split(rowPanels: 12, columnPanels: 98, threads: 2) == (6, 1))
        #expect(F32Gemm.split(rowPanels: 12, columnPanels: 12, threads: 2) == (6, 1))
        #expect(F32Gemm.split(rowPanels: 5, columnPanels: 40, threads: 1) == (1, 1))
        // Row ranges started by their own task, which then helps with the others' columns: 2 ranges of 7
        // columns, 3 ranges (more than the threads) of 2, one range.
        for (m, n, k) in [(40, 200, 16), (7, 300, 33), (385, 196, 64), (200, 40, 24)] {
            let a = Support.data(m * k, seed: 5), b = Support.data(k * n, seed: 6)
            let expected = Support.naiveGemm(a, b, m: m, n: n, k: k)
            for isa in Support.isas {
                let got = Self.run(a, b, m: m, n: n, k: k, isa: isa, blocking: GemmBlocking(mr: KernelSet.forISA(isa).mr),
                                   threads: 2, packA: true, packB: false)
                #expect(Support.maxError(got, expected) < 1e-5, "\(isa) \(m)x\(n)x\(k)")
            }
        }
    }

    @Test("transposed operands", arguments: [(5, 40, 9), (33, 17, 70)])
    func transposed(shape: (Int, Int, Int)) {
        let (m, n, k) = shape
        let a = Support.data(m * k, seed: 3), b = Support.data(k * n, seed: 4)
        let expected = Support.naiveGemm(a, b, m: m, n: n, k: k)
        // Store A as k x m and B as n x k, and read them through strides.
        var at = [Float](repeating: 0, count: m * k), bt = [Float](repeating: 0, count: k * n)
        for i in 0..<m { for p in 0..<k { at[p * m + i] = a[i * k + p] } }
        for p in 0..<k { for j in 0..<n { bt[j * k + p] = b[p * n + j] } }
        for isa in Support.isas {
            let gemm = F32Gemm(kernels: .forISA(isa), blocking: Support.tinyBlocking)
            let scratch = GemmScratch(threads: 1, floatsPerThread: gemm.scratchFloatsPerThread)
            var c = [Float](repeating: 0, count: m * n)
            at.withUnsafeBufferPointer { ap in
                bt.withUnsafeBufferPointer { bp in
                    c.withUnsafeMutableBufferPointer { cp in
                        let packedB = PackedGemmB(bp.baseAddress!, k: k, n: n, rowStride: 1, colStride: k)
                        gemm.run(m: m, n: n, k: k, a: .matrix(ap.baseAddress!, rowStride: 1, colStride: m),
                                 b: .packed(packedB), c: cp.baseAddress!, ldc: n, pool: nil, scratch: scratch)
                    }
                }
            }
            #expect(Support.maxError(c, expected) < 1e-5, "\(isa)")
        }
    }

    static let activations: [FusedActivation] = [
        .none, .relu, .clip(min: -0.5, max: 0.7), .leakyRelu(alpha: 0.1), .sigmoid,
        .hardSigmoid(alpha: 0.2, beta: 0.5), .hardSwish, .silu,
    ]

    @Test("epilogue: bias, residual and activation while storing", arguments: activations)
    func epilogue(activation: FusedActivation) {
        let (m, n, k) = (14, 45, 20)
        let a = Support.data(m * k, seed: 5), b = Support.data(k * n, seed: 6)
        let rowBias = Support.data(m, seed: 7), colBias = Support.data(n, seed: 8)
        let residual = Support.data(m * n, seed: 9).map { $0 * 3 }
        for isa in Support.isas {
            for perColumn in [false, true] {
                let gemm = F32Gemm(kernels: .forISA(isa), blocking: Support.tinyBlocking)
                let (got, expected) = Self.runWithEpilogue(a, b, m: m, n: n, k: k, bias: perColumn ? colBias : rowBias,
                                                           perColumn: perColumn, residual: residual,
                                                           activation: activation, gemm: gemm, packA: false, threads: 1)
                #expect(Support.maxError(got, expected) < 2e-5, "\(isa) perColumn \(perColumn)")
            }
        }
    }

    /// The last, partial column panel: over 24 columns the 32-wide kernel, 9-24 the 16-wide one first, the
    /// rest f32-gemm-narrow 4 columns at a time. Every width 1-40 (so each split: 16 + 1 ... 16 + 8, 1 ... 8,
    /// 9 ... 16, 25 ... 31, and past one full panel), rows below, at and above 12, several K blocks (the
    /// narrow tiles accumulate) and one, bias per row and per column, residual and clamp, 1 and 2 threads.
    @Test("partial panels: 16-wide and narrow tails", arguments: [5, 12, 13, 30])
    func partialPanels(m: Int) {
        let k = 37
        for n in 1...40 {
            let a = Support.data(m * k, seed: 12), b = Support.data(k * n, seed: 13)
            let rowBias = Support.data(m, seed: 14), colBias = Support.data(n, seed: 15)
            let residual = Support.data(m * n, seed: 16)
            for isa in Support.isas {
                for (blocking, perColumn, threads) in [(Support.tinyBlocking, false, 1),
                                                       (GemmBlocking(mr: KernelSet.forISA(isa).mr), true, 2)] {
                    let gemm = F32Gemm(kernels: .forISA(isa), blocking: blocking)
                    let (got, expected) = Self.runWithEpilogue(a, b, m: m, n: n, k: k,
                                                               bias: perColumn ? colBias : rowBias, perColumn: perColumn,
                                                               residual: residual, activation: .clip(min: -0.5, max: 0.7),
                                                               gemm: gemm, packA: true, threads: threads)
                    #expect(Support.maxError(got, expected) < 2e-5, "\(isa) \(m)x\(n) perColumn \(perColumn)")
                }
            }
        }
    }

    /// Runs activation(A x B + bias (per row, or per column) + residual) through `gemm` and returns it with the
    /// result expected from the naive product.
    static func runWithEpilogue(_ a: [Float], _ b: [Float], m: Int, n: Int, k: Int, bias: [Float], perColumn: Bool,
                                residual: [Float], activation: FusedActivation, gemm: F32Gemm, packA: Bool,
                                threads: Int) -> (got: [Float], expected: [Float]) {
        let product = Support.naiveGemm(a, b, m: m, n: n, k: k)
        var expected = product
        for i in 0..<m {
            for j in 0..<n {
                expected[i * n + j] = activation.apply(product[i * n + j] + (perColumn ? bias[j] : bias[i])
                                                       + residual[i * n + j])
            }
        }
        let pool = threads > 1 ? ThreadPool(threads: threads) : nil
        let scratch = GemmScratch(threads: threads, floatsPerThread: gemm.scratchFloatsPerThread)
        var c = [Float](repeating: .nan, count: m * n)
        a.withUnsafeBufferPointer { ap in
            b.withUnsafeBufferPointer { bp in
                bias.withUnsafeBufferPointer { biasp in
                    residual.withUnsafeBufferPointer { rp in
                        c.withUnsafeMutableBufferPointer { cp in
                            let operand: GemmA = packA
                                ? .packed(PackedGemmA(ap.baseAddress!, m: m, k: k, rowStride: k, colStride: 1,
                                                      mr: gemm.kernels.mr))
                                : .matrix(ap.baseAddress!, rowStride: k, colStride: 1)
                            let epilogue = GemmEpilogue(bias: biasp.baseAddress, biasPerColumn: perColumn,
                                                        residual: rp.baseAddress, residualStride: n,
                                                        activation: activation)
                            gemm.run(m: m, n: n, k: k, a: operand, b: .matrix(bp.baseAddress!, rowStride: n, colStride: 1),
                                     c: cp.baseAddress!, ldc: n, epilogue: epilogue, pool: pool, scratch: scratch)
                        }
                    }
                }
            }
        }
        return (c, expected)
    }

    @Test("every microkernel in the list computes its tile", arguments: Microkernels.gemm.map(\.name))
    func microkernel(name: String) throws {
        let kernel = try #require(Microkernels.gemm.first { $0.name == name })
        guard kernel.isa.isSupported else { return }
        let kc = 19
        var a = Support.data(kc * kernel.mr, seed: 10), b = Support.data(kc * 32, seed: 11)
        var c = [Float](repeating: 0, count: kernel.mr * 32)
        Microkernels.runForBenchmark(kernel, kc: kc, a: &a, b: &b, c: &c)
        // a is k-major (mr values per k): transpose it for the oracle.
        var am = [Float](repeating: 0, count: kernel.mr * kc)
        for p in 0..<kc { for r in 0..<kernel.mr { am[r * kc + p] = a[p * kernel.mr + r] } }
        var expected = Support.naiveGemm(am, b, m: kernel.mr, n: 32, k: kc)
        // A 16-column kernel reads the low half of each B row and leaves C's columns 16... alone.
        for r in 0..<kernel.mr { for j in kernel.nr..<32 { expected[r * 32 + j] = 0 } }
        #expect(Support.maxError(c, expected) < 1e-5)
    }

    static func run(_ a: [Float], _ b: [Float], m: Int, n: Int, k: Int, isa: KernelISA, blocking: GemmBlocking,
                    threads: Int, packA: Bool, packB: Bool) -> [Float] {
        let gemm = F32Gemm(kernels: .forISA(isa), blocking: blocking)
        let pool = threads > 1 ? ThreadPool(threads: threads) : nil
        let scratch = GemmScratch(threads: threads, floatsPerThread: gemm.scratchFloatsPerThread)
        var c = [Float](repeating: .nan, count: m * n)
        a.withUnsafeBufferPointer { ap in
            b.withUnsafeBufferPointer { bp in
                c.withUnsafeMutableBufferPointer { cp in
                    let aOperand: GemmA = packA
                        ? .packed(PackedGemmA(ap.baseAddress!, m: m, k: k, rowStride: k, colStride: 1, mr: gemm.kernels.mr))
                        : .matrix(ap.baseAddress!, rowStride: k, colStride: 1)
                    let bOperand: GemmB = packB
                        ? .packed(PackedGemmB(bp.baseAddress!, k: k, n: n, rowStride: n, colStride: 1))
                        : .matrix(bp.baseAddress!, rowStride: n, colStride: 1)
                    gemm.run(m: m, n: n, k: k, a: aOperand, b: bOperand, c: cp.baseAddress!, ldc: n, pool: pool,
                             scratch: scratch)
                }
            }
        }
        return c
    }
}

@Suite("Thread pool")
struct ThreadPoolTests {
    @Test("every task runs once, worker indices stay in range", arguments: [1, 2, 3])
    func coversTasks(threads: Int) {
        let pool = ThreadPool(threads: threads)
        for count in [0, 1, 2, 7, 100] {
            let hits = UnsafeMutablePointer<Int>.allocate(capacity: max(count, 1))
            hits.initialize(repeating: 0, count: max(count, 1))
            defer { hits.deallocate() }
            var badWorker = false
            pool.parallelFor(count) { task, worker in
                hits[task] += 1
                if worker < 0 || worker >= threads { badWorker = true }
            }
            #expect((0..<count).allSatisfy { hits[$0] == 1 })
            #expect(!badWorker)
        }
    }

    @Test("loops from several threads at once share one pool")
    func concurrentCallers() async {
        let pool = ThreadPool(threads: 2)
        await withTaskGroup(of: Int.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    var total = 0
                    for _ in 0..<50 {
                        let sums = UnsafeMutablePointer<Int>.allocate(capacity: 16)
                        sums.initialize(repeating: 0, count: 16)
                        pool.parallelFor(16) { task, _ in sums[task] = task }
                        total += (0..<16).reduce(0) { $0 + sums[$1] }
                        sums.deallocate()
                    }
                    return total
                }
            }
            for await total in group { #expect(total == 50 * 120) }
        }
    }
}
