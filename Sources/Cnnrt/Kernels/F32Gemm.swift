import CCnnrtCPU

/// Where a GEMM reads its A operand (M x K).
public enum GemmA {
    /// Packed once (weights).
    case packed(PackedGemmA)
    /// Element (i, p) at `base[i * rowStride + p * colStride]`, packed block by block while running.
    case matrix(UnsafePointer<Float>, rowStride: Int, colStride: Int)
}

/// Where a GEMM reads its B operand (K x N).
public enum GemmB {
    /// Packed once (weights).
    case packed(PackedGemmB)
    /// Element (p, j) at `base[p * rowStride + j * colStride]`, packed block by block while running.
    case matrix(UnsafePointer<Float>, rowStride: Int, colStride: Int)
    /// The im2col matrix of an image, packed panel by panel straight from the image.
    case im2col(UnsafePointer<Float>, Im2colGeometry)
    /// im2col over a zero-padded image (stride phases when strided): row (c, ky, kx) of a panel is one or a few
    /// contiguous slices of the padded planes (see `PaddedRows`).
    case shiftedRows(UnsafePointer<Float>, PaddedRows)
}

/// What a GEMM does as it stores C: `C = activation(A * B + bias + residual)`.
public struct GemmEpilogue {
    /// One value per row of C (or per column with `biasPerColumn`), or nil.
    public var bias: UnsafePointer<Float>?
    public var biasPerColumn: Bool
    /// A matrix shaped like C added before the activation, or nil.
    public var residual: UnsafePointer<Float>?
    public var residualStride: Int
    public var activation: FusedActivation

    public init(bias: UnsafePointer<Float>? = nil, biasPerColumn: Bool = false, residual: UnsafePointer<Float>? = nil,
                residualStride: Int = 0, activation: FusedActivation = .none) {
        self.bias = bias
        self.biasPerColumn = biasPerColumn
        self.residual = residual
        self.residualStride = residualStride
        self.activation = activation
    }
}

/// Per-thread packing buffers for GEMMs; sized once for the largest GEMM a plan runs.
public final class GemmScratch: @unchecked Sendable {
    private let storage: TensorBuffer
    /// Floats per thread.
    public let floatsPerThread: Int
    public let threads: Int

    /// Floats one thread needs to pack A and B blocks with `blocking` and `kernels`.
    public static func floatsPerThread(blocking: GemmBlocking, mr: Int) -> Int {
        let kc = blocking.kc
        return kc * (blocking.nc + 32) + kc * (blocking.mc + mr) + 64
    }

    /// Floats of the region all threads share (e.g. a padded copy of a convolution's input).
    public let sharedFloats: Int

    public init(threads: Int, floatsPerThread: Int, sharedFloats: Int = 0) {
        self.threads = max(1, threads)
        // Round each thread's share to whole cache lines so threads never share a line.
        self.floatsPerThread = (floatsPerThread + 15) / 16 * 16
        self.sharedFloats = (sharedFloats + 15) / 16 * 16
        // Not zero-filled: every kernel writes the scratch it reads (several kernels share it within a run),
        // and untouched pages of a large scratch are then never faulted in.
        storage = TensorBuffer(uninitializedByteCount: (self.threads * self.floatsPerThread + self.sharedFloats) * 4)
    }

    /// The shared region, after the per-thread ones.
    var shared: UnsafeMutablePointer<Float> {
        storage.pointer.assumingMemoryBound(to: Float.self) + threads &* floatsPerThread
    }

    @inline(__always)
    func buffer(_ worker: Int) -> UnsafeMutablePointer<Float> {
        storage.pointer.assumingMemoryBound(to: Float.self) + worker &* floatsPerThread
    }
}

/// f32-gemm: cache-blocked, multi-threaded single-precision GEMM: C (M x N, row stride ldc) = epilogue(A * B).
public struct F32Gemm {
    public let kernels: KernelSet
    public let blocking: GemmBlocking

    public init(kernels: KernelSet = .active, blocking: GemmBlocking? = nil) {
        self.kernels = kernels
        self.blocking = blocking ?? GemmBlocking(mr: kernels.mr)
    }

    /// Scratch floats per thread this GEMM needs.
    public var scratchFloatsPerThread: Int { GemmScratch.floatsPerThread(blocking: blocking, mr: kernels.mr) }

    /// Runs C = epilogue(A * B).
    /// - Parameters:
    ///   - pool: worker threads, or nil to run on the calling thread.
    ///   - scratch: at least `pool.threads` threads of `scratchFloatsPerThread` floats.
    public func run(m: Int, n: Int, k: Int, a: GemmA, b: GemmB, c: UnsafeMutablePointer<Float>, ldc: Int,
                    epilogue: GemmEpilogue = GemmEpilogue(), pool: ThreadPool?, scratch: GemmScratch) {
        if m <= 0 || n <= 0 { return }
        let mr = kernels.mr
        let mPanels = (m + mr - 1) / mr
        let nPanels = (n + 31) / 32
        let threads = min(pool?.threads ?? 1, scratch.threads)
        let (nTasks, mTasks) = Self.split(rowPanels: mPanels, columnPanels: nPanels, threads: threads)
        let task = { (index: Int, worker: Int) in
            let jt = index % nTasks, it = index / nTasks
            let p0 = nPanels * jt / nTasks, p1 = nPanels * (jt + 1) / nTasks
            let r0 = mPanels * it / mTasks, r1 = mPanels * (it + 1) / mTasks
            runBlock(m: m, n: n, k: k, rows: r0 * mr..<min(m, r1 * mr), columns: p0 * 32..<min(n, p1 * 32),
                     a: a, b: b, c: c, ldc: ldc, epilogue: epilogue, scratch: scratch.buffer(worker))
        }
        if let pool, threads > 1, mTasks > 1 {
            // Each row range is started by its own task, which takes the range's column tasks first and then
            // helps with the others': a thread streams its own part of A (the weights) instead of all of it
            // (mobilenet_v2 GEMMs at 2 threads 3-4 % less time in two alternating runs; elsewhere within noise).
            withUnsafeTemporaryAllocation(of: Int.self, capacity: mTasks) { next in
                next.initialize(repeating: 0)
                let counters = next.baseAddress!
                pool.parallelFor(mTasks) { first, worker in
                    for step in 0..<mTasks {
                        let range = (first + step) % mTasks
                        while true {
                            let column = cnnrt_fetch_add(counters + range, 1)
                            if column >= nTasks { break }
                            task(range * nTasks + column, worker)
                        }
                    }
                }
            }
        } else if let pool, threads > 1, nTasks > 1 {
            pool.parallelFor(nTasks, task)
        } else {
            for index in 0..<(nTasks * mTasks) { task(index, 0) }
        }
    }

    /// Column ranges x row ranges for the tasks: columns first (each task packs only its own part of B), about
    /// three tasks per thread, rows split too when columns are few. Between one and two column panels per task
    /// the ranges come out uneven and leave a thread idle (MobileNet's 14x14 expansions, 7 panels: 6 tasks of
    /// 1, 1, 1, 1, 1 and 2 panels, 4 panels of work against 3 on two threads): then one panel per task and the
    /// rows halved per thread, so the tasks are equal and their number a multiple of the threads.
    static func split(rowPanels: Int, columnPanels: Int, threads: Int) -> (columns: Int, rows: Int) {
        guard threads > 1 else { return (1, 1) }
        let target = threads * 3
        if columnPanels > target && columnPanels < 2 * target {
            return (columnPanels, min(rowPanels, threads))
        }
        let columns = min(columnPanels, target)
        return (columns, min(rowPanels, (target + columns - 1) / columns))
    }

    /// Computes C[rows, columns] (rows start on a panel boundary) with Goto's loop nest.
    private func runBlock(m: Int, n: Int, k: Int, rows: Range<Int>, columns: Range<Int>, a: GemmA, b: GemmB,
                          c: UnsafeMutablePointer<Float>, ldc: Int, epilogue: GemmEpilogue,
                          scratch: UnsafeMutablePointer<Float>) {
        if rows.isEmpty || columns.isEmpty { return }
        let mr = kernels.mr
        let (kcMax, mcMax, ncMax) = (blocking.kc, blocking.mc, blocking.nc)
        let bPack = scratch
        let aPack = scratch + kcMax * (ncMax + 32)
        let bounds = epilogue.activation.clampBounds
        let pass = epilogue.activation.needsPass ? epilogue.activation.kernelCode : nil
        var params = CnnrtGemmEpilogue()
        params.min = bounds.min
        params.max = bounds.max
        params.residual_stride = epilogue.residualStride
        let biasFlag = epilogue.biasPerColumn ? CNNRT_GEMM_BIAS_PER_COLUMN : 0

        // Equal K blocks (576 = 2 x 288, not 512 + 64): a short last block would reload every C tile for
        // little work.
        let kBlocks = (k + kcMax - 1) / kcMax
        var kcEven = min(kcMax, ((k + kBlocks - 1) / kBlocks + 7) / 8 * 8)
        // Deep and narrow (a late convolution layer: weights from memory, a few hundred columns): when all of
        // packed B fits in part of L2, take the whole depth in one block and run row panels outermost, so each
        // C tile stays in registers for the whole depth and each A panel streams from memory once, front to
        // back, while B stays in L2 (512 x 64 x 4608 with A from memory: 70 -> see BENCHMARKS.md).
        let bFloats = k * ((min(ncMax, columns.count) + 31) / 32 * 32)
        var rowsOuter = false
        if case .packed = a, kBlocks > 1, bFloats * 4 <= CacheSizes.host.l2 * 5 / 8,
           bFloats <= kcMax * (ncMax + 32) {
            kcEven = k
            rowsOuter = true
        }
        // When one block of A covers the rows, each B panel is packed right before the kernels use it
        // (still in L1); otherwise the whole nc-wide block of B is packed first and reused per row block.
        let panelAtATime = rows.count <= mcMax && !rowsOuter
        var isPackedB = false
        if case .packed = b { isPackedB = true }
        // B panels packed (and used) together when they are packed one group at a time: as many as fill L1
        // (and fit the packing buffer; filling all of L1 measured 2-3 % faster than half on MobileNet's 1x1s).
        let panelGroup = isPackedB ? 1 : max(1, min(16, ncMax / 32 + 1, CacheSizes.host.l1 / (kcEven * 32 * 4)))
        var jc = columns.lowerBound
        while jc < columns.upperBound {
            let nc = min(ncMax, columns.upperBound - jc)
            let panels = (nc + 31) / 32
            var pc = 0
            while pc < k {
                let kc = min(kcEven, k - pc)
                let last = pc + kc == k
                params.flags = (pc > 0 ? CNNRT_GEMM_ACCUMULATE : 0) | (last ? CNNRT_GEMM_EPILOGUE | biasFlag : 0)
                if !panelAtATime {
                    for j in 0..<panels { packB(b, panel: j, jc: jc, nc: nc, pc: pc, kc: kc, into: bPack + j * kc * 32) }
                }
                var ic = rows.lowerBound
                while ic < rows.upperBound {
                    let mc = min(mcMax, rows.upperBound - ic)
                    let aPanel0: UnsafePointer<Float>
                    let aPanelStride: Int
                    switch a {
                    case .packed(let packed):
                        aPanel0 = packed.panel(ic / mr) + pc * mr
                        aPanelStride = k * mr
                    case .matrix(let base, let rowStride, let colStride):
                        GemmPacking.packA(base + ic * rowStride + pc * colStride, rowStride: rowStride,
                                          colStride: colStride, rows: mc, depth: kc, mr: mr, into: aPack)
                        aPanel0 = UnsafePointer(aPack)
                        aPanelStride = kc * mr
                    }
                    /// The B panel `j` of this block (packing it now when panels are packed one at a time).
                    func bPanel(_ j: Int) -> UnsafePointer<Float> {
                        if case .packed(let packed) = b { return packed.panel((jc + j * 32) / 32) + pc * 32 }
                        if panelAtATime {
                            let slot = j % panelGroup
                            packB(b, panel: j, jc: jc, nc: nc, pc: pc, kc: kc, into: bPack + slot * kc * 32)
                            return UnsafePointer(bPack + slot * kc * 32)
                        }
                        return UnsafePointer(bPack + j * kc * 32)
                    }
                    /// C tile (row panel i of the block, column panel j) = A panel x B panel.
                    func tile(_ i: Int, _ j: Int, _ b: UnsafePointer<Float>) {
                        let row = ic + i, col = jc + j * 32
                        let width = min(32, columns.upperBound - col)
                        let height = min(mr, m - row)
                        let tile = c + row * ldc + col
                        let aPanel = aPanel0 + (i / mr) * aPanelStride
                        /// The epilogue's pointers for the columns from `col + offset` on.
                        func pointTo(_ offset: Int) {
                            guard last else { return }
                            if let bias = epilogue.bias {
                                params.bias = bias + (epilogue.biasPerColumn ? col + offset : row)
                            }
                            if let residual = epilogue.residual {
                                params.residual = residual + row * epilogue.residualStride + col + offset
                            }
                        }
                        if width <= 24, let narrow = kernels.gemmNarrow, !kernels.byRows16.isEmpty {
                            // A partial panel: up to 16 columns by the 16-wide kernel (over 8 of them), the rest
                            // 4 at a time with A's rows in the vector, instead of all 32 lanes' worth of work.
                            var done = 0
                            if width > 8 {
                                done = min(16, width)
                                pointTo(0)
                                kernels.byRows16[height - 1].code(done, kc, aPanel, mr, b, tile, ldc, &params)
                            }
                            while done < width {
                                let columns = min(4, width - done)
                                pointTo(done)
                                narrow(columns, height, kc, aPanel, mr, b + done, tile + done, ldc, &params)
                                done += columns
                            }
                        } else {
                            pointTo(0)
                            kernels.byRows[height - 1].code(width, kc, aPanel, mr, b, tile, ldc, &params)
                        }
                        if last, let pass {
                            for r in 0..<height { kernels.vactivation(pass.kind, pass.p0, pass.p1, tile + r * ldc, width) }
                        }
                    }
                    if rowsOuter {
                        for i in stride(from: 0, to: mc, by: mr) {
                            for j in 0..<panels { tile(i, j, bPanel(j)) }
                        }
                    } else if panelAtATime && panelGroup > 1 {
                        // Shallow B panels: pack a group of them (still within L1), then store each row
                        // panel's tiles of the group side by side, so C is written in runs of
                        // 32 * panelGroup columns instead of one 32-column slab of every row at a time.
                        for j0 in stride(from: 0, to: panels, by: panelGroup) {
                            let group = min(panelGroup, panels - j0)
                            var packedGroup = UnsafePointer(bPack)
                            for j in j0..<(j0 + group) { packedGroup = bPanel(j) - (j - j0) * kc * 32 }
                            for i in stride(from: 0, to: mc, by: mr) {
                                for j in j0..<(j0 + group) { tile(i, j, packedGroup + (j - j0) * kc * 32) }
                            }
                        }
                    } else {
                        for j in 0..<panels {
                            let panel = bPanel(j)
                            for i in stride(from: 0, to: mc, by: mr) { tile(i, j, panel) }
                        }
                    }
                    ic += mc
                }
                pc += kc
            }
            jc += nc
        }
    }

    /// Packs panel `panel` (columns jc + 32 * panel ..< +32, depth pc ..< pc + kc) of a B that is not
    /// packed already.
    @inline(__always)
    private func packB(_ b: GemmB, panel: Int, jc: Int, nc: Int, pc: Int, kc: Int,
                       into destination: UnsafeMutablePointer<Float>) {
        let col = jc + panel * 32
        let width = min(32, jc + nc - col)
        switch b {
        case .packed:
            break
        case .matrix(let base, let rowStride, let colStride):
            if colStride == 1 && width == 32 {
                kernels.packB32(base + pc * rowStride + col, rowStride, kc, destination)
            } else {
                GemmPacking.packBPanel(base + pc * rowStride + col * colStride, rowStride: rowStride,
                                       colStride: colStride, depth: kc, columns: width, into: destination)
            }
        case .im2col(let image, let geometry):
            geometry.packPanel(image, k0: pc, depth: kc, j0: col, count: width, kernels: kernels, into: destination)
        case .shiftedRows(let image, let rows):
            rows.packPanel(image, k0: pc, depth: kc, j0: col, count: width, packB32: kernels.packB32,
                           into: destination)
        }
    }
}
