import CCnnrtCPU

/// f32-conv-winograd43: a 3x3, stride-1, dilation-1, single-group convolution by Winograd F(4x4, 3x3).
/// Every 4x4 block of outputs (a tile) comes from a 6x6 block of the zero-padded input d:
/// Y = A^T [U . (B^T d B)] A with U = G g G^T, which turns 9 x 16 multiplies per tile and channel pair into 36.
/// Per block of tiles: the input transform writes the 36 matrices V (channels x tiles, packed as GEMM B
/// panels), 36 GEMMs M = U V run on the f32-gemm microkernels (U packed once), and the output transform
/// writes the tiles, adding bias and residual and clamping as it stores.
///
/// Tiles travel 16 at a time, one per SIMD lane: 16 consecutive tiles of a tile row when the output is at
/// least 36 columns wide (`lanes` = 16), otherwise 16 / lanes tile rows of `lanes` tiles (lanes = 2, 4 or 8),
/// so that narrow planes do not leave lanes idle. Lanes past the plane's edge compute unused tiles.
final class Winograd43: @unchecked Sendable {
    let channels: Int, outChannels: Int
    let height: Int, width: Int, padTop: Int, padLeft: Int
    let outHeight: Int, outWidth: Int
    let tilesX: Int, tilesY: Int
    /// Tiles per lane chunk, groups of 16 lanes per tile row (lanes = 16) and groups in the image.
    let lanes: Int, groupsX: Int, groups: Int
    /// The phase-split padded image: `paddedRows` rows, each 4 phase rows of `q` floats, per channel.
    let q: Int, paddedRows: Int
    /// Groups per block (even, so blocks start on a 32-tile GEMM panel).
    let blockGroups: Int
    private let transformed: [PackedGemmA]
    private let kernels: KernelSet
    private let inputTransform: @Sendable (UnsafePointer<CnnrtWinogradInputParams>) -> Void
    private let outputTransform: @Sendable (UnsafePointer<CnnrtWinogradOutputParams>) -> Void
    private let deinterleave4: @Sendable (UnsafePointer<Float>, Int, UnsafeMutablePointer<Float>) -> Void

    /// Multiplies per output of the GEMMs relative to a direct convolution's, below which Winograd is
    /// used: transforms and idle lanes cost the rest (see `worthwhile`). Measured on ResNet-18 (1 thread):
    /// 2.0x faster at 56x56 (ratio 0.28), 1.6x at 28x28 (0.30), 0.9x at 14x14 with 32-column kernels (0.57;
    /// 0.29 with the 16-column ones).
    static let maximumWorkRatio = 0.5
    /// Fewer input channels make each of the 36 GEMMs too shallow (VGG's first layer, C = 3, ran at
    /// 6 GFLOP/s); the padded GEMM's depth is 9 C.
    static let minimumChannels = 16

    /// Whether Winograd beats the padded GEMM for this output plane: 36 multiplies per tile slot (slots
    /// rounded to the GEMM's 32 columns) against 9 per padded-width column.
    static func worthwhile(outHeight: Int, outWidth: Int) -> Bool {
        guard outHeight >= 4, outWidth >= 4 else { return false }
        let layout = Layout(outHeight: outHeight, outWidth: outWidth)
        // One group runs on the 16-column microkernels; more are rounded to the 32-column panels.
        let slots = layout.groups == 1 ? 16 : (layout.groups * 16 + 31) / 32 * 32
        let winograd = 36.0 * Double(slots), direct = 9.0 * Double(outHeight * (outWidth + 2))
        return winograd <= maximumWorkRatio * direct
    }

    /// How tiles map onto groups of 16 lanes.
    struct Layout {
        let tilesX: Int, tilesY: Int, lanes: Int, groupsX: Int, groups: Int, tileRows: Int

        init(outHeight: Int, outWidth: Int) {
            tilesX = (outWidth + 3) / 4
            tilesY = (outHeight + 3) / 4
            lanes = tilesX > 8 ? 16 : tilesX > 4 ? 8 : tilesX > 2 ? 4 : 2
            if lanes == 16 {
                groupsX = (tilesX + 15) / 16
                groups = tilesY * groupsX
                tileRows = tilesY
            } else {
                let rowsPerGroup = 16 / lanes
                groupsX = 1
                groups = (tilesY + rowsPerGroup - 1) / rowsPerGroup
                tileRows = groups * rowsPerGroup
            }
        }
    }

    /// - Parameter weight: M x C x 3 x 3 floats.
    init?(weight: UnsafePointer<Float>, channels: Int, outChannels: Int, height: Int, width: Int, padTop: Int,
          padLeft: Int, outHeight: Int, outWidth: Int, kernels: KernelSet) {
        guard let input = kernels.winograd43Input, let output = kernels.winograd43Output,
              let split = kernels.deinterleave4, kernels.winograd43Weights != nil else { return nil }
        inputTransform = input
        outputTransform = output
        deinterleave4 = split
        self.kernels = kernels
        self.channels = channels
        self.outChannels = outChannels
        self.height = height
        self.width = width
        self.padTop = padTop
        self.padLeft = padLeft
        self.outHeight = outHeight
        self.outWidth = outWidth
        let layout = Layout(outHeight: outHeight, outWidth: outWidth)
        (tilesX, tilesY, lanes, groupsX, groups) = (layout.tilesX, layout.tilesY, layout.lanes, layout.groupsX,
                                                    layout.groups)
        // Loads of tile column j read phase j % 4 from tile tx + j / 4: one float past the last tile.
        q = lanes == 16 ? groupsX * 16 + 1 : lanes + 1
        paddedRows = 4 * layout.tileRows + 2
        // V and M of a block (36 x (C + M) floats per tile) in about 1.5 MB, so they stay in L2 while the
        // GEMMs stream U.
        let bytesPerTile = 36 * (channels + outChannels) * 4
        let slots = max(32, (3 << 19) / bytesPerTile / 32 * 32)
        blockGroups = min(slots / 16, (groups + 1) / 2 * 2)
        transformed = Self.transformWeights(weight, channels: channels, outChannels: outChannels, kernels: kernels)
    }

    /// U = G g G^T for every filter, as 36 packed M x C matrices (one per transform point), written straight
    /// into the packed panels by the ISA's kernel (no M x C x 36 intermediate: GoogLeNet's would be 50 MB).
    private static func transformWeights(_ weight: UnsafePointer<Float>, channels: Int, outChannels: Int,
                                         kernels: KernelSet) -> [PackedGemmA] {
        let mr = kernels.mr
        let packed = (0..<36).map { _ in PackedGemmA(uninitializedM: outChannels, k: channels, mr: mr) }
        let bases = packed.map { $0.mutableBase }
        // Rows past M in the last panel are zero.
        let panels = (outChannels + mr - 1) / mr
        if panels * mr > outChannels {
            for base in bases {
                for ic in 0..<channels {
                    let slot = base + ((panels - 1) * channels + ic) * mr
                    for r in (outChannels - (panels - 1) * mr)..<mr { slot[r] = 0 }
                }
            }
        }
        bases.withUnsafeBufferPointer { kernels.winograd43Weights!(weight, channels, outChannels, mr, $0.baseAddress!) }
        return packed
    }

    private var blockSlots: Int { blockGroups * 16 }
    private var blocks: Int { (groups + blockGroups - 1) / blockGroups }
    private var phaseFloats: Int { (channels * paddedRows * 4 * q + 15) / 16 * 16 }
    private var vFloats: Int { 36 * channels * blockSlots }
    private var mFloats: Int { 36 * outChannels * blockSlots }
    /// A thread's transform scratch and padded row, before its V and M.
    private var transformFloats: Int { 36 * 16 + (4 * q + 15) / 16 * 16 }

    /// Floats shared by all threads: the phase-split image.
    var sharedScratchFloats: Int { phaseFloats }

    /// Floats one thread needs: the transforms' scratch, one padded row, and V and M of one block (with
    /// several threads each runs its own blocks; with one block, all threads share thread 0's V and M).
    var scratchFloatsPerThread: Int { transformFloats + vFloats + mFloats }

    /// Computes one image: output [M, OH, OW] = clamp(conv(input [C, H, W]) + bias + residual).
    func run(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, residual: UnsafePointer<Float>?,
             bias: UnsafePointer<Float>, bounds: (min: Float, max: Float), pool: ThreadPool?, scratch: GemmScratch) {
        let phase = scratch.shared
        let threads = min(pool?.threads ?? 1, scratch.threads)
        let pool = threads > 1 ? pool : nil

        // The phase-split zero-padded image.
        let plane = height * width, rowFloats = 4 * q
        Self.forEach(channels, pool: pool, worker: 0) { c, worker in
            let row = scratch.buffer(worker) + 36 * 16
            for y in 0..<paddedRows {
                row.initialize(repeating: 0, count: rowFloats)
                let iy = y - padTop
                if iy >= 0 && iy < height {
                    Im2colGeometry.copy(row + padLeft, input + c * plane + iy * width, min(width, rowFloats - padLeft))
                }
                deinterleave4(row, q, phase + (c * paddedRows + y) * rowFloats)
            }
        }
        let step = Step(phase: phase, output: output, residual: residual, bias: bias, bounds: bounds)
        if let pool, blocks >= threads && (blocks % threads == 0 || blocks >= 2 * threads) {
            // Whole blocks per thread: V and M never move between cores.
            Self.forEach(blocks, pool: pool, worker: 0) { block, worker in
                runBlock(block, step, scratch: scratch, worker: worker, pool: nil)
            }
        } else {
            for block in 0..<blocks { runBlock(block, step, scratch: scratch, worker: 0, pool: pool) }
        }
    }

    /// Runs `body(index, worker)` for every index below `count`: in up to 4 tasks per thread of `pool`, or on
    /// the calling thread as `worker` without one.
    @inline(__always)
    private static func forEach(_ count: Int, pool: ThreadPool?, worker: Int, _ body: (Int, Int) -> Void) {
        let tasks = min(count, (pool?.threads ?? 1) * 4)
        if let pool, tasks > 1 {
            pool.parallelFor(tasks) { task, worker in
                for index in (count * task / tasks)..<(count * (task + 1) / tasks) { body(index, worker) }
            }
        } else {
            for index in 0..<count { body(index, worker) }
        }
    }

    /// What every block of one run reads and writes.
    private struct Step {
        let phase: UnsafeMutablePointer<Float>
        let output: UnsafeMutablePointer<Float>
        let residual: UnsafePointer<Float>?
        let bias: UnsafePointer<Float>
        let bounds: (min: Float, max: Float)
    }

    /// Transforms, multiplies and writes the tiles of block `block`, with V and M in thread `worker`'s
    /// scratch; each phase is split over `pool` when there is one.
    private func runBlock(_ block: Int, _ step: Step, scratch: GemmScratch, worker: Int, pool: ThreadPool?) {
        let v = scratch.buffer(worker) + transformFloats, m = v + vFloats
        let vPoint = channels * blockSlots, mPoint = outChannels * blockSlots
        let mr = kernels.mr, rowPanels = (outChannels + mr - 1) / mr
        let outPlane = outHeight * outWidth, rowFloats = 4 * q
        let first = block * blockGroups, count = min(blockGroups, groups - first)
        let slots = count * 16, panels = (slots + 31) / 32
        Self.forEach(channels, pool: pool, worker: worker) { c, w in
            var params = CnnrtWinogradInputParams(
                phase: step.phase + c * paddedRows * rowFloats, q: q, lanes: lanes, groups_x: groupsX,
                group_begin: first, group_count: count, v: v + c * 32, v_xi_stride: vPoint,
                v_panel_stride: channels * 32, scratch: scratch.buffer(w))
            inputTransform(&params)
        }
        Self.forEach(36, pool: pool, worker: worker) { xi, _ in
            var params = CnnrtGemmEpilogue()
            let u = transformed[xi]
            for j in 0..<panels {
                let b = UnsafePointer(v + xi * vPoint + j * channels * 32)
                let width = min(32, slots - j * 32)
                let microkernels = width <= 16 && !kernels.byRows16.isEmpty ? kernels.byRows16 : kernels.byRows
                for i in 0..<rowPanels {
                    let rows = min(mr, outChannels - i * mr)
                    microkernels[rows - 1].code(width, channels, u.panel(i), mr, b,
                                                m + xi * mPoint + i * mr * blockSlots + j * 32, blockSlots, &params)
                }
            }
        }
        Self.forEach(outChannels, pool: pool, worker: worker) { channel, w in
            var params = CnnrtWinogradOutputParams(
                m: m + channel * blockSlots, m_xi_stride: mPoint, lanes: lanes, groups_x: groupsX,
                group_begin: first, group_count: count, output: step.output + channel * outPlane,
                residual: step.residual.map { $0 + channel * outPlane }, out_h: outHeight, out_w: outWidth,
                bias: step.bias[channel], min: step.bounds.min, max: step.bounds.max, scratch: scratch.buffer(w))
            outputTransform(&params)
        }
    }
}
