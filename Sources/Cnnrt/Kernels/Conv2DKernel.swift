import CCnnrtCPU
#if canImport(Glibc)
import Glibc
#endif

/// A 2-D (or 1-D) float convolution compiled for one input shape: weights packed once and one algorithm
/// chosen from the shape:
/// - `f32-conv-1x1-gemm`: 1x1, stride 1, no padding: the GEMM W[M, C] x X[C, H*W] straight on NCHW;
/// - `f32-dwconv2d`: depthwise (group = C = M): a direct kernel per channel over zero-padded strips of the
///   plane, 4 rows x 16 columns per step; outputs at most 8 wide take f32-dwconv2d-c16 (16 channels per vector);
/// - `f32-conv-winograd43`: 3x3, stride 1, one group, planes where it saves enough work: Winograd F(4x4, 3x3)
///   (see `Winograd43`; AVX-512 only, `CNNRT_CONV_NO_WINOGRAD=1` turns it off for comparisons);
/// - `f32-conv-direct`: small one-group convolutions (output rows of 8 columns or more, depth up to 1024, see
///   `directPays`: LeNet's 5x5 layers, first layers on RGB images): the image is copied into zero-padded planes
///   (stride phases when strided) and each output is summed straight from them, 8 channels x 32 columns at a
///   time, with bias and activation applied as they are stored (AVX-512 only; `CNNRT_CONV_NO_DIRECT=1` turns
///   it off for comparisons);
/// - `f32-conv-padded-gemm`: other stride-1 convolutions, and strided ones one tap wide (1x1 stride 2): the
///   image is copied once into zero-padded planes (split into stride phases when strided, see `PaddedRows`), so
///   each row of a B panel is one contiguous copy or a few (one per output row it touches); the output pixels
///   are the GEMM's columns and the GEMM stores them;
/// - `f32-conv-im2col-gemm`: everything else, a GEMM whose B panels are packed from the image as needed
///   (implicit im2col: the whole im2col matrix never exists); `CNNRT_CONV_NO_PADDED=1` sends every
///   convolution here, for comparisons.
/// Bias, residual (`Z` of FusedConv) and activation are applied as the results are stored.
public final class Conv2DKernel: @unchecked Sendable {
    public enum Algorithm: String, Sendable {
        case pointwise = "f32-conv-1x1-gemm"
        case depthwise = "f32-dwconv2d"
        case im2col = "f32-conv-im2col-gemm"
        case padded = "f32-conv-padded-gemm"
        case winograd = "f32-conv-winograd43"
        case direct = "f32-conv-direct"
    }

    public let algorithm: Algorithm
    let batch: Int, channels: Int, outChannels: Int, group: Int
    let geometry: Im2colGeometry
    let padBottom: Int, padRight: Int
    let activation: FusedActivation
    let gemm: F32Gemm
    let kernels: KernelSet
    /// Depthwise with a 3x3 filter, dilation 1, stride 1 or 2: runs f32-dwconv2d-3x3
    /// (`CNNRT_DW_GENERIC=1` keeps the generic kernel, for comparisons).
    let depthwise3x3: Bool
    /// Depthwise with 16 channels per vector (f32-dwconv2d-c16; `CNNRT_DW_NO_LANES=1` turns it off, for
    /// comparisons).
    let depthwiseLanes: Bool
    private let packed: [PackedGemmA]
    private let winograd: Winograd43?
    /// Bias (M floats, zero when absent) and, for depthwise, the raw weights (M x kh x kw); for direct, the
    /// weights in blocks of 8 output channels (`CnnrtConvDirectParams.weights`).
    private let bias: TensorBuffer
    private let weights: TensorBuffer?
    /// For direct: where each tap reads channel 0 of the padded planes (`CnnrtConvDirectParams.tap_offsets`).
    private let directTapOffsets: [Int]

    /// Multiply-adds x 2 per run.
    public var flops: Double {
        2 * Double(batch) * Double(outChannels) * Double(geometry.columns) * Double(geometry.depth)
    }

    /// Compiles a convolution of `input` [N, C, (H,) W] with `weight` [M, C / group, (kh,) kw].
    /// Returns nil when the shapes are not 1-D or 2-D.
    init?(input: [Int], weight: Tensor, bias biasTensor: Tensor?, group: Int, strides: [Int], dilations: [Int],
          padBegin: [Int], padEnd: [Int], output: [Int], activation: FusedActivation, kernels: KernelSet,
          forceWinograd: Bool = false, forceDepthwiseLanes: Bool = false) {
        let rank = input.count - 2
        guard rank == 1 || rank == 2, weight.elementType == .float, weight.rank == input.count,
              biasTensor?.elementType ?? .float == .float else { return nil }
        // A 1-D convolution is a 2-D one with height 1.
        func hw(_ a: [Int], _ fill: Int) -> (Int, Int) { rank == 2 ? (a[0], a[1]) : (fill, a[0]) }
        let (h, w) = hw(Array(input[2...]), 1), (kh, kw) = hw(Array(weight.shape[2...]), 1)
        let (sh, sw) = hw(strides, 1), (dh, dw) = hw(dilations, 1)
        let (pt, pl) = hw(padBegin, 0), (pb, pr) = hw(padEnd, 0), (oh, ow) = hw(output, 1)
        batch = input[0]
        channels = input[1]
        outChannels = weight.shape[0]
        self.group = group
        self.activation = activation
        self.kernels = kernels
        gemm = F32Gemm(kernels: kernels)
        padBottom = pb
        padRight = pr
        let groupChannels = channels / group
        geometry = Im2colGeometry(channels: groupChannels, height: h, width: w, kernelH: kh, kernelW: kw,
                                  strideH: sh, strideW: sw, dilationH: dh, dilationW: dw, padTop: pt, padLeft: pl,
                                  outHeight: oh, outWidth: ow)
        depthwise3x3 = kh == 3 && kw == 3 && dh == 1 && dw == 1 && sh == sw && (sh == 1 || sh == 2)
            && getenv("CNNRT_DW_GENERIC") == nil
        let algorithm: Algorithm
        if group == input[1] && weight.shape[0] == input[1] && group > 1 {
            algorithm = .depthwise
        } else if kh == 1 && kw == 1 && sh == 1 && sw == 1 && pt == 0 && pl == 0 && pb == 0 && pr == 0 {
            algorithm = .pointwise
        } else if kh == 3 && kw == 3 && sh == 1 && sw == 1 && dh == 1 && dw == 1 && group == 1 && rank == 2
                    && kernels.hasWinograd43
                    && (forceWinograd || input[1] >= Winograd43.minimumChannels
                        && Winograd43.worthwhile(outHeight: oh, outWidth: ow)
                        && getenv("CNNRT_CONV_NO_WINOGRAD") == nil) {
            algorithm = .winograd
        } else if group == 1 && kernels.convDirect != nil && ow >= 8 && geometry.depth <= 1024
                    && Self.directPays(channels: input[1], outChannels: outChannels, depth: geometry.depth,
                                       strided: sh > 1 || sw > 1)
                    && getenv("CNNRT_CONV_NO_DIRECT") == nil {
            algorithm = .direct
        } else if getenv("CNNRT_CONV_NO_PADDED") == nil && (sh == 1 && sw == 1 || (kw - 1) * dw / sw == 0) {
            // Strided only when no column is padding (1x1 stride 2: 10-20 % faster than im2col). With 3x3 and 7x7
            // stride-2 layers the phase planes measured slower than im2col packing: compacting a padded-width
            // result, or filling the phases of a 3-channel image, costs more than the packing saves.
            algorithm = .padded
        } else {
            algorithm = .im2col
        }
        self.algorithm = algorithm
        // Channels in lanes only pays on narrow outputs (MobileNet's 7x7): the two 16x16 transposes cost more
        // than the lanes a per-channel row of 14 or more wastes (measured at 14x14, 28x28 and up).
        depthwiseLanes = algorithm == .depthwise && kernels.dwconv2dLanes != nil
            && (forceDepthwiseLanes || ow <= 8 && getenv("CNNRT_DW_NO_LANES") == nil)
        let geometry = self.geometry
        let m = outChannels / group, k = geometry.depth
        var packed: [PackedGemmA] = []
        var copied: TensorBuffer? = nil
        var winograd: Winograd43? = nil
        let (inChannels, outCount) = (channels, outChannels)
        weight.withUnsafeBufferPointer(as: Float.self) { wp in
            if algorithm == .winograd {
                winograd = Winograd43(weight: wp.baseAddress!, channels: inChannels, outChannels: outCount, height: h,
                                      width: w, padTop: pt, padLeft: pl, outHeight: oh, outWidth: ow, kernels: kernels)
            } else if algorithm == .depthwise {
                // The raw weights [M][taps], then for f32-dwconv2d-c16 [M / 16][taps][16] and the bias
                // [M / 16][16], zero past M.
                let taps = k, groups = (outCount + 15) / 16
                let rawFloats = (outCount * taps + 15) / 16 * 16
                let buffer = TensorBuffer(byteCount: (rawFloats + groups * (taps + 1) * 16) * 4)
                let out = buffer.pointer.assumingMemoryBound(to: Float.self)
                out.update(from: wp.baseAddress!, count: outCount * taps)
                let lanes = out + rawFloats
                for oc in 0..<outCount {
                    for tap in 0..<taps { lanes[((oc / 16) * taps + tap) * 16 + oc % 16] = wp[oc * taps + tap] }
                }
                if let biasTensor {
                    biasTensor.withUnsafeBufferPointer(as: Float.self) { bp in
                        for oc in 0..<outCount { lanes[groups * taps * 16 + oc] = bp[oc] }
                    }
                }
                copied = buffer
            } else if algorithm == .direct {
                // [M / 8 blocks][k taps][8 channels], zero past M.
                let blocks = (outCount + 7) / 8
                let buffer = TensorBuffer(byteCount: blocks * k * 8 * 4)
                let out = buffer.pointer.assumingMemoryBound(to: Float.self)
                for oc in 0..<outCount {
                    for tap in 0..<k { out[((oc / 8) * k + tap) * 8 + oc % 8] = wp[oc * k + tap] }
                }
                copied = buffer
            } else {
                for g in 0..<group {
                    packed.append(PackedGemmA(wp.baseAddress! + g * m * k, m: m, k: k, rowStride: k, colStride: 1,
                                              mr: kernels.mr))
                }
            }
        }
        self.packed = packed
        self.winograd = winograd
        weights = copied
        let rows = Self.paddedPlanes(geometry)
        directTapOffsets = algorithm != .direct ? [] : (0..<(kh * kw)).map {
            rows.rowOffset(c: 0, ky: $0 / kw, kx: $0 % kw)
        }
        bias = TensorBuffer(byteCount: outChannels * 4)
        if let biasTensor {
            biasTensor.withUnsafeBytes { bias.pointer.copyMemory(from: $0.baseAddress!, byteCount: outChannels * 4) }
        }
    }

    /// Floats of scratch one thread needs.
    var scratchFloatsPerThread: Int {
        switch algorithm {
        case .depthwise:
            if depthwiseLanes {
                // See f32_dwconv2d__c16: the band's input rows, its result, a 16x16 tile.
                let g = geometry, band = depthwiseBandRows
                let rowsIn = (band - 1) * g.strideH + (g.kernelH - 1) * g.dilationH + 1
                return (rowsIn * depthwisePaddedWidth + band * g.outWidth + 16) * 16
            }
            let (width, rows, _) = depthwisePlane
            return width * rows + 16
        case .pointwise, .im2col, .padded:
            return gemm.scratchFloatsPerThread
        case .direct:
            return 0
        case .winograd:
            return winograd!.scratchFloatsPerThread
        }
    }

    /// Whether f32-conv-direct beats the GEMMs: stride-1 layers of at most 32 output channels, and first layers
    /// (at most 4 input channels, up to 96 output channels), whose im2col packing costs about as much as their
    /// products (resnet18's 7x7 stride-2 conv1 about 20 % faster direct, squeezenet's 3x3 stride 2 about 25 %,
    /// the 1 -> 96 11x11 stride-4 AlexNet layer 15-35 %);
    /// strided ones need enough work per output pixel to pay for filling the stride phases (MobileNet's 3 -> 32,
    /// 3x3 stride 2 measured no faster).
    static func directPays(channels: Int, outChannels: Int, depth: Int, strided: Bool) -> Bool {
        if !strided && outChannels <= 32 { return true }
        return channels <= 4 && outChannels <= 96 && (!strided || outChannels * depth >= 64 * 27)
    }

    /// The layout of `.padded`: B's rows, with the output pixels as the GEMM's columns (`PaddedRows.compactWidth`),
    /// and the floats of the shared scratch (the padded image). Columns in padded-width coordinates, compacted
    /// after the GEMM, were 5-12 % slower on AlexNet's 26-wide 5x5 layer and 2-10 % slower on 7-wide layers
    /// (googlenet's inception5 3x3s), once the leftover column of 49 stopped waiting on FMA latency.
    private var paddedLayout: (rows: PaddedRows, imageFloats: Int) {
        let rows = Self.paddedPlanes(geometry, compactWidth: geometry.outWidth)
        return (rows, rows.imageFloats + rows.slack)
    }

    /// The zero-padded planes `.direct` reads (stride phases when strided), in padded-width coordinates, and the
    /// floats of the image with the 16 floats the kernel may read past it (rounded to whole vectors).
    private var directLayout: (rows: PaddedRows, floats: Int) {
        let rows = Self.paddedPlanes(geometry)
        return (rows, (rows.imageFloats + 16 + 15) / 16 * 16)
    }

    /// The zero-padded planes (stride phases when strided) of `g`'s image in padded-width coordinates.
    private static func paddedPlanes(_ g: Im2colGeometry, compactWidth: Int = 0) -> PaddedRows {
        PaddedRows(channels: g.channels, height: g.outHeight + (g.kernelH - 1) * g.dilationH / g.strideH,
                   width: g.outWidth + (g.kernelW - 1) * g.dilationW / g.strideW, kernelH: g.kernelH,
                   kernelW: g.kernelW, dilationH: g.dilationH, dilationW: g.dilationW, strideH: g.strideH,
                   strideW: g.strideW, compactWidth: compactWidth)
    }

    /// Fills the planes of `rows` that the taps read from the `groupChannels` channels at `source`, zero borders
    /// included, (phase, channel) planes spread over the pool.
    private func fillPlanes(_ rows: PaddedRows, into image: UnsafeMutablePointer<Float>,
                            from source: UnsafePointer<Float>, pool: ThreadPool?) {
        let g = geometry
        let phaseCount = g.strideH * g.strideW
        func isRead(_ phase: Int) -> Bool { rows.phaseIsRead(py: phase / g.strideW, px: phase % g.strideW) }
        /// The n-th phase some tap reads (no array: this runs every inference).
        func readPhase(_ n: Int) -> Int {
            var seen = 0
            for phase in 0..<phaseCount where isRead(phase) {
                if seen == n { return phase }
                seen += 1
            }
            return phaseCount - 1
        }
        var readCount = 0
        for phase in 0..<phaseCount where isRead(phase) { readCount += 1 }
        let planes = readCount * rows.channels
        let tasks = min(planes, pool.map { $0.threads * 2 } ?? 1)
        let fill = { (task: Int, _: Int) in
            for index in (planes * task / tasks)..<(planes * (task + 1) / tasks) {
                let phase = readPhase(index / rows.channels), c = index % rows.channels
                rows.fillPlane(image, py: phase / g.strideW, px: phase % g.strideW, channel: c,
                               from: source + c * g.height * g.width, h: g.height, w: g.width, padTop: g.padTop,
                               padLeft: g.padLeft)
            }
        }
        if let pool, tasks > 1 { pool.parallelFor(tasks, fill) } else { fill(0, 0) }
    }

    /// Pixels in one padded input row of f32-dwconv2d-c16: what the outputs of a row read.
    private var depthwisePaddedWidth: Int {
        (geometry.outWidth - 1) * geometry.strideW + (geometry.kernelW - 1) * geometry.dilationW + 1
    }

    /// Output rows per band of f32-dwconv2d-c16: one band's input rows and result (16 channels each) take
    /// about `budget` bytes, so they stay in L2 between the transposes and the sums.
    private var depthwiseBandRows: Int {
        let g = geometry
        let budget = 96 * 1024
        let perRow = (g.strideH * depthwisePaddedWidth + g.outWidth) * 64
        return max(1, min(g.outHeight, budget / perRow))
    }

    /// The zero-padded strip of input rows the AVX-512 per-channel depthwise kernel reads for `strip` output
    /// rows at a time (a multiple of 4), with the slack it needs: whole 16-column blocks (stride 2 reads 32
    /// floats per block) and whole 4-row groups. Strips keep the copy and the kernel's reads in L1 (a whole
    /// 112x112 plane did not fit).
    private var depthwisePlane: (width: Int, rows: Int, strip: Int) {
        let g = geometry
        let columns = (g.outWidth + 15) / 16 * 16
        // Even: a stride-2 3x3 strip holds its rows as even columns, then odd ones, half a row each.
        let width = (max(g.width + g.padLeft + padRight, columns * g.strideW + (g.kernelW - 1) * g.dilationW + 32) + 1)
            / 2 * 2
        let halo = (g.kernelH - 1) * g.dilationH + 1
        let fit = (depthwiseStripBytes / (width * 4) - halo) / g.strideH + 1
        let strip = min((g.outHeight + 3) / 4 * 4, max(4, fit / 4 * 4))
        return (width, (strip - 1) * g.strideH + halo, strip)
    }

    /// Bytes of one strip (16 KB was as fast; 8 KB and 40 KB or more were slower on 56x56 and 112x112 planes).
    private var depthwiseStripBytes: Int { 24 * 1024 }

    /// Floats of scratch shared by all threads.
    var sharedScratchFloats: Int {
        if let winograd { return winograd.sharedScratchFloats }
        if algorithm == .direct { return directLayout.floats }
        guard algorithm == .padded else { return 0 }
        return paddedLayout.imageFloats + 16
    }

    /// Computes the output [N, M, OH, OW] from the input [N, C, H, W].
    func run(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, residual: UnsafePointer<Float>?,
             pool: ThreadPool?, scratch: GemmScratch) {
        let biasPointer = UnsafePointer(bias.pointer.assumingMemoryBound(to: Float.self))
        let inPlane = geometry.height * geometry.width, outPlane = geometry.columns
        if algorithm == .depthwise {
            runDepthwise(input: input, output: output, residual: residual, bias: biasPointer, pool: pool,
                         scratch: scratch)
            return
        }
        if let winograd {
            let bounds = activation.clampBounds
            let pass = activation.needsPass ? activation.kernelCode : nil
            for n in 0..<batch {
                let offset = n * outChannels * outPlane
                winograd.run(input: input + n * channels * inPlane, output: output + offset,
                             residual: residual.map { $0 + offset }, bias: biasPointer, bounds: bounds, pool: pool,
                             scratch: scratch)
                if let pass {
                    kernels.vactivation(pass.kind, pass.p0, pass.p1, output + offset, outChannels * outPlane)
                }
            }
            return
        }
        if algorithm == .direct {
            runDirect(input: input, output: output, residual: residual, bias: biasPointer, pool: pool,
                      scratch: scratch)
            return
        }
        if algorithm == .padded {
            runPadded(input: input, output: output, residual: residual, bias: biasPointer, pool: pool,
                      scratch: scratch)
            return
        }
        let m = outChannels / group, groupChannels = channels / group
        for n in 0..<batch {
            for g in 0..<group {
                let image = input + (n * channels + g * groupChannels) * inPlane
                let offset = (n * outChannels + g * m) * outPlane
                let b: GemmB = algorithm == .pointwise
                    ? .matrix(image, rowStride: inPlane, colStride: 1) : .im2col(image, geometry)
                let epilogue = GemmEpilogue(bias: biasPointer + g * m, residual: residual.map { $0 + offset },
                                            residualStride: outPlane, activation: activation)
                gemm.run(m: m, n: outPlane, k: geometry.depth, a: .packed(packed[g]), b: b, c: output + offset,
                         ldc: outPlane, epilogue: epilogue, pool: pool, scratch: scratch)
            }
        }
    }

    private func runPadded(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>,
                           residual: UnsafePointer<Float>?, bias: UnsafePointer<Float>, pool: ThreadPool?,
                           scratch: GemmScratch) {
        let g = geometry
        let (rows, imageFloats) = paddedLayout
        let image = scratch.shared
        let m = outChannels / group, groupChannels = channels / group
        let inPlane = g.height * g.width, outPlane = g.columns
        for n in 0..<batch {
            for grp in 0..<group {
                // The zero-padded image of this group, and zero slack past its planes.
                fillPlanes(rows, into: image, from: input + (n * channels + grp * groupChannels) * inPlane, pool: pool)
                Im2colGeometry.zero(image + rows.imageFloats, imageFloats - rows.imageFloats)
                let offset = (n * outChannels + grp * m) * outPlane
                let epilogue = GemmEpilogue(bias: bias + grp * m, residual: residual.map { $0 + offset },
                                            residualStride: outPlane, activation: activation)
                gemm.run(m: m, n: outPlane, k: g.depth, a: .packed(packed[grp]),
                         b: .shiftedRows(UnsafePointer(image), rows), c: output + offset, ldc: outPlane,
                         epilogue: epilogue, pool: pool, scratch: scratch)
            }
        }
    }

    private func runDirect(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>,
                           residual: UnsafePointer<Float>?, bias: UnsafePointer<Float>, pool: ThreadPool?,
                           scratch: GemmScratch) {
        let g = geometry
        let (rows, floats) = directLayout
        let image = scratch.shared
        let inPlane = g.height * g.width, outPlane = g.columns
        let bounds = residual == nil ? activation.clampBounds : (min: -Float.infinity, max: Float.infinity)
        let code = activation.needsPass && residual == nil ? activation.kernelCode : (kind: 0, p0: 0, p1: 0)
        let blocks = (outChannels + 7) / 8
        let threads = min(pool?.threads ?? 1, blocks)
        let convDirect = kernels.convDirect!
        let weightBase = UnsafePointer(weights!.pointer.assumingMemoryBound(to: Float.self))
        for n in 0..<batch {
            fillPlanes(rows, into: image, from: input + n * channels * inPlane, pool: pool)
            Im2colGeometry.zero(image + rows.imageFloats, floats - rows.imageFloats)
            let out = output + n * outChannels * outPlane
            directTapOffsets.withUnsafeBufferPointer { offsets in
                let body = { (task: Int, _: Int) in
                    var args = CnnrtConvDirectParams(
                        input: UnsafePointer(image), channels: g.channels, in_plane: rows.plane, in_width: rows.width,
                        taps: offsets.count, tap_offsets: offsets.baseAddress!, weights: weightBase, bias: bias,
                        out_channels: self.outChannels, output: out, out_h: g.outHeight, out_w: g.outWidth,
                        block0: blocks * task / threads, block1: blocks * (task + 1) / threads, min: bounds.min,
                        max: bounds.max, kind: code.kind, p0: code.p0, p1: code.p1)
                    convDirect(&args)
                }
                if let pool, threads > 1 { pool.parallelFor(threads, body) } else { body(0, 0) }
            }
            if let residual {
                // Residual, then the activation, over the stored sums.
                let z = residual + n * outChannels * outPlane
                let count = outChannels * outPlane
                let clamp = activation.clampBounds
                for i in 0..<count { out[i] = min(max(out[i] + z[i], clamp.min), clamp.max) }
                if activation.needsPass {
                    let pass = activation.kernelCode
                    kernels.vactivation(pass.kind, pass.p0, pass.p1, out, count)
                }
            }
        }
    }

    private func runDepthwise(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>,
                              residual: UnsafePointer<Float>?, bias: UnsafePointer<Float>, pool: ThreadPool?,
                              scratch: GemmScratch) {
        let g = geometry
        let inPlane = g.height * g.width, outPlane = g.columns
        let taps = g.kernelH * g.kernelW
        let planes = batch * channels
        let threads = min(pool?.threads ?? 1, scratch.threads)
        let tasks = min(planes, threads > 1 ? threads * 4 : 1)
        let weightBase = UnsafePointer(weights!.pointer.assumingMemoryBound(to: Float.self))
        let bounds = activation.clampBounds
        let pass = activation.needsPass ? activation.kernelCode : nil
        if depthwiseLanes, let lanes = kernels.dwconv2dLanes {
            let groups = (channels + 15) / 16, items = batch * groups
            let band = depthwiseBandRows, bands = (g.outHeight + band - 1) / band
            // Bands split over the tasks too when there are fewer channel groups than tasks.
            let splits = threads > 1 ? min(bands, max(1, (threads * 4 + items - 1) / items)) : 1
            let lanesWeights = weightBase + (channels * taps + 15) / 16 * 16
            let lanesBias = lanesWeights + groups * taps * 16
            let body = { (task: Int, worker: Int) in
                let item = task / splits, split = task % splits
                let n = item / groups, grp = item % groups
                let c0 = grp * 16, count = min(16, self.channels - c0)
                let r0 = bands * split / splits * band, r1 = min(g.outHeight, bands * (split + 1) / splits * band)
                let offset = (n * self.channels + c0) * outPlane
                var params = CnnrtDWConvLanesParams(
                    input: input + (n * self.channels + c0) * inPlane, channels: count, height: g.height,
                    width: g.width, pad_top: g.padTop, pad_left: g.padLeft, weights: lanesWeights + grp * taps * 16,
                    bias: lanesBias + grp * 16, kernel_h: g.kernelH, kernel_w: g.kernelW, stride_h: g.strideH,
                    stride_w: g.strideW, dilation_h: g.dilationH, dilation_w: g.dilationW, output: output + offset,
                    out_h: g.outHeight, out_w: g.outWidth, row_begin: r0, row_end: r1, band_rows: band,
                    residual: residual.map { $0 + offset }, min: bounds.min, max: bounds.max,
                    scratch: scratch.buffer(worker))
                lanes(&params)
                if let pass, r1 > r0 {
                    for c in 0..<count {
                        self.kernels.vactivation(pass.kind, pass.p0, pass.p1, output + offset + c * outPlane
                                                    + r0 * g.outWidth, (r1 - r0) * g.outWidth)
                    }
                }
            }
            let tasks = items * splits
            if let pool, threads > 1, tasks > 1 {
                pool.parallelFor(tasks, body)
            } else {
                for task in 0..<tasks { body(task, 0) }
            }
            return
        }
        if let planesKernel = kernels.dwconv2dPlanes {
            let (width, rows, strip) = depthwisePlane
            let body = { (task: Int, worker: Int) in
                let p0 = planes * task / tasks, p1 = planes * (task + 1) / tasks
                guard p1 > p0 else { return }
                let plane0 = scratch.buffer(worker)
                plane0.initialize(repeating: 0, count: width * rows)
                let conv = CnnrtDWConvParams(
                    input: input + p0 * inPlane, height: g.height, width: g.width, pad_top: g.padTop,
                    pad_left: g.padLeft, weights: weightBase, bias: 0, kernel_h: g.kernelH, kernel_w: g.kernelW,
                    stride_h: g.strideH, stride_w: g.strideW, dilation_h: g.dilationH, dilation_w: g.dilationW,
                    output: output + p0 * outPlane, out_h: g.outHeight, out_w: g.outWidth,
                    residual: residual.map { $0 + p0 * outPlane }, min: bounds.min, max: bounds.max)
                var params = CnnrtDWConvPlanesParams(
                    conv: conv, planes: p1 - p0, in_plane: inPlane, out_plane: outPlane, bias: bias,
                    first_channel: p0 % self.channels, channels: self.channels, scratch: plane0,
                    scratch_width: width, scratch_rows: rows, strip_rows: strip, kernel_3x3: self.depthwise3x3 ? 1 : 0)
                planesKernel(&params)
                if let pass {
                    self.kernels.vactivation(pass.kind, pass.p0, pass.p1, output + p0 * outPlane, (p1 - p0) * outPlane)
                }
            }
            if let pool, tasks > 1 {
                pool.parallelFor(tasks, body)
            } else {
                for task in 0..<tasks { body(task, 0) }
            }
            return
        }
        // The portable kernels read each plane in place (taps outside read zero).
        let dwconv2d = depthwise3x3 ? kernels.dwconv2d3x3 : kernels.dwconv2d
        let body = { (task: Int, _: Int) in
            for plane in (planes * task / tasks)..<(planes * (task + 1) / tasks) {
                let c = plane % self.channels
                var params = CnnrtDWConvParams(
                    input: input + plane * inPlane, height: g.height, width: g.width, pad_top: g.padTop,
                    pad_left: g.padLeft, weights: weightBase + c * taps, bias: bias[c],
                    kernel_h: g.kernelH, kernel_w: g.kernelW, stride_h: g.strideH, stride_w: g.strideW,
                    dilation_h: g.dilationH, dilation_w: g.dilationW, output: output + plane * outPlane,
                    out_h: g.outHeight, out_w: g.outWidth, residual: residual.map { $0 + plane * outPlane },
                    min: bounds.min, max: bounds.max)
                dwconv2d(&params)
                if let pass {
                    self.kernels.vactivation(pass.kind, pass.p0, pass.p1, output + plane * outPlane, outPlane)
                }
            }
        }
        if let pool, tasks > 1 {
            pool.parallelFor(tasks, body)
        } else {
            for task in 0..<tasks { body(task, 0) }
        }
    }
}

extension Conv2DKernel {
    /// Compiles the Conv or FusedConv `node` for an input of shape `input`, with constant weights and bias.
    /// Returns nil when no fast kernel fits (3-D, non-float); throws when the attributes are invalid.
    /// `forceWinograd` picks Winograd for every 3x3 stride-1 shape it can run, `forceDepthwiseLanes`
    /// f32-dwconv2d-c16 for every depthwise shape (tests).
    convenience init?(node: Node, input: [Int], weight: Tensor, bias: Tensor?, activation: FusedActivation,
                      kernels: KernelSet = .active, forceWinograd: Bool = false,
                      forceDepthwiseLanes: Bool = false) throws {
        let g = try ConvAttributes(node: node).geometry(input: input, weight: weight.shape)
        // The padding the last window actually reaches (ONNX pads beyond it are never read).
        var padEnd: [Int] = []
        for axis in 0..<g.input.count {
            let span = (g.kernel[axis] - 1) * g.dilations[axis] + 1
            padEnd.append(max(0, (g.output[axis] - 1) * g.strides[axis] + span - g.input[axis] - g.padBegin[axis]))
        }
        self.init(input: input, weight: weight, bias: bias, group: g.group, strides: g.strides,
                  dilations: g.dilations, padBegin: g.padBegin, padEnd: padEnd, output: g.output,
                  activation: activation, kernels: kernels, forceWinograd: forceWinograd,
                  forceDepthwiseLanes: forceDepthwiseLanes)
    }
}
