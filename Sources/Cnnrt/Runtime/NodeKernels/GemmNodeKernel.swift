/// Gemm, FusedGemm and 2-D MatMul whose B is a constant: B (times alpha) is packed once; C (times beta)
/// becomes a per-column bias when it is a row vector or a scalar. A fully connected layer on one row
/// (batch 1, B transposed as PyTorch exports it, alpha 1) runs f32-gemv on the weights as they are: no
/// packed copy (VGG-11's first classifier layer is 411 MB), one sequential stream per output.
final class GemmNodeKernel: NodeKernel, @unchecked Sendable {
    /// B as packed panels, or the [n, k] weight tensor itself for f32-gemv.
    enum Weights {
        case packed(PackedGemmB)
        case rows(Tensor)
    }
    let gemm: F32Gemm
    let weights: Weights
    let bias: TensorBuffer?
    let m: Int, k: Int, n: Int
    let transA: Bool
    let activation: FusedActivation

    var kernelName: String {
        switch weights {
        case .rows: return "f32-gemv-" + gemm.kernels.isa.rawValue
        case .packed: return (gemvPacked ? "f32-gemv-packed-" : "f32-gemm-packed-b-") + gemm.kernels.isa.rawValue
        }
    }
    /// One row of A (batch 1) with packed B (not transposed, or scaled by alpha): f32-gemv-packed straight
    /// on A, when the kernel set has it.
    var gemvPacked: Bool { m == 1 && gemm.kernels.gemvPacked != nil }
    var flops: Double { 2 * Double(m) * Double(n) * Double(k) }
    var scratchFloatsPerThread: Int {
        if case .rows = weights { return 0 }
        return gemvPacked ? 0 : gemm.scratchFloatsPerThread
    }

    private init(gemm: F32Gemm, weights: Weights, bias: TensorBuffer?, m: Int, k: Int, n: Int, transA: Bool,
                 activation: FusedActivation) {
        self.gemm = gemm
        self.weights = weights
        self.bias = bias
        self.m = m
        self.k = k
        self.n = n
        self.transA = transA
        self.activation = activation
    }

    static func make(_ c: NodeKernelContext) throws -> NodeKernel? {
        guard c.allFloat, let a = c.floatInput(0), a.value == nil, a.shape.count == 2,
              let b = c.floatInput(1)?.value, b.rank == 2 else { return nil }
        let node = c.node
        let isMatMul = node.opType == "MatMul"
        let alpha = isMatMul ? 1 : try node.float("alpha", default: 1)
        let beta = isMatMul ? 1 : try node.float("beta", default: 1)
        let transA = isMatMul ? false : try node.int("transA", default: 0) != 0
        let transB = isMatMul ? false : try node.int("transB", default: 0) != 0
        let activation = node.domain == "ai.cnnrt" ? try FusedActivation(node: node) : .none
        let (m, k) = transA ? (a.shape[1], a.shape[0]) : (a.shape[0], a.shape[1])
        let (kb, n) = transB ? (b.shape[1], b.shape[0]) : (b.shape[0], b.shape[1])
        guard k == kb, c.outputs.first?.shape == [m, n] else { return nil }
        let weights: Weights
        if m == 1 && transB && alpha == 1 {
            weights = .rows(b)
        } else {
            var scaled = b
            if alpha != 1 {
                scaled.withUnsafeMutableBufferPointer(as: Float.self) { p in for i in p.indices { p[i] *= alpha } }
            }
            weights = .packed(scaled.withUnsafeBufferPointer(as: Float.self) { p in
                PackedGemmB(p.baseAddress!, k: k, n: n, rowStride: transB ? 1 : n, colStride: transB ? k : 1)
            })
        }
        var bias: TensorBuffer? = nil
        if !isMatMul && !c.isAbsent(2) && beta != 0 {
            guard let cValue = c.floatInput(2)?.value else { return nil }
            let values = cValue.floats
            let shape = cValue.shape
            let buffer = TensorBuffer(byteCount: n * 4)
            let out = buffer.pointer.assumingMemoryBound(to: Float.self)
            if values.count == 1 {
                for j in 0..<n { out[j] = beta * values[0] }
            } else if values.count == n && (shape.count == 1 || shape.first == 1) {
                for j in 0..<n { out[j] = beta * values[j] }
            } else {
                return nil
            }
            bias = buffer
        }
        return GemmNodeKernel(gemm: F32Gemm(kernels: c.kernels), weights: weights, bias: bias, m: m, k: k, n: n,
                              transA: transA, activation: activation)
    }

    func run(_ io: NodeIO, pool: ThreadPool?, scratch: GemmScratch) {
        let a = io.input(0)!
        if case .rows(let w) = weights {
            runGemv(w, x: a, y: io.output(0), pool: pool)
            return
        }
        guard case .packed(let packedB) = weights else { return }
        if gemvPacked {
            // A's single row is contiguous whether or not it is transposed.
            let bounds = activation.clampBounds
            let y = io.output(0)
            gemm.kernels.gemvPacked!(a, packedB.panel(0), k, n,
                                     bias.map { UnsafePointer($0.pointer.assumingMemoryBound(to: Float.self)) },
                                     bounds.min, bounds.max, y)
            if activation.needsPass {
                let code = activation.kernelCode
                gemm.kernels.vactivation(code.kind, code.p0, code.p1, y, n)
            }
            return
        }
        let epilogue = GemmEpilogue(bias: bias.map { UnsafePointer($0.pointer.assumingMemoryBound(to: Float.self)) },
                                    biasPerColumn: true, activation: activation)
        gemm.run(m: m, n: n, k: k, a: .matrix(a, rowStride: transA ? 1 : k, colStride: transA ? m : 1),
                 b: .packed(packedB), c: io.output(0), ldc: n, epilogue: epilogue, pool: pool, scratch: scratch)
    }

    /// y = activation(W x + bias), output rows split over the threads in chunks of at least 64.
    private func runGemv(_ w: Tensor, x: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>, pool: ThreadPool?) {
        let bounds = activation.clampBounds
        let pass = activation.needsPass ? activation.kernelCode : nil
        let biasPointer = bias.map { UnsafePointer($0.pointer.assumingMemoryBound(to: Float.self)) }
        let kernels = gemm.kernels, n = n, k = k
        w.withUnsafeBufferPointer(as: Float.self) { wp in
            let base = wp.baseAddress!
            let tasks = min(max(1, n / 64), (pool?.threads ?? 1) > 1 ? pool!.threads * 2 : 1)
            let body = { (task: Int, _: Int) in
                let r0 = n * task / tasks, r1 = n * (task + 1) / tasks
                kernels.gemv(base + r0 * k, k, r1 - r0, x, y + r0, biasPointer.map { $0 + r0 }, bounds.min, bounds.max)
            }
            if let pool, tasks > 1 { pool.parallelFor(tasks, body) } else { for t in 0..<tasks { body(t, 0) } }
        }
        if let pass { kernels.vactivation(pass.kind, pass.p0, pass.p1, y, n) }
    }
}
