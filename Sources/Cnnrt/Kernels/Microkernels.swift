import CCnnrtCPU
import CnnrtKernelsAVX512
import CnnrtKernelsPortable

/// One GEMM microkernel: an XNNPACK-style name (`f32-gemm-8x32-avx512`), its tile and its code.
public struct GemmMicrokernel: Sendable {
    public let name: String
    public let isa: KernelISA
    /// Rows of C the kernel computes.
    public let mr: Int
    /// Columns of C the kernel computes (the packed B panel width).
    public let nr: Int
    let code: F32GemmMicrokernel
}

/// The kernels of one ISA: GEMM microkernels by row count (what a GEMM needs to cover any M), the
/// depthwise convolution, the in-place activation and pooling.
public struct KernelSet: Sendable {
    public let isa: KernelISA
    /// Kernels for 1...mr rows; `byRows[r - 1]` computes r rows.
    public let byRows: [GemmMicrokernel]
    /// Kernels for 1...mr rows of 16 columns (the low half of a 32-wide B panel); empty without AVX-512.
    public let byRows16: [GemmMicrokernel]
    /// The tallest kernel's row count: the panel height of packed A.
    public var mr: Int { byRows.count }
    /// The panel width of packed B.
    public let nr = 32
    /// f32-vactivation-<isa>: applies an activation in place (`Activation.kernelCode` selects it).
    /// f32-dwconv2d-<isa>: one channel of a depthwise convolution.
    let dwconv2d: @Sendable (_ params: UnsafePointer<CnnrtDWConvParams>) -> Void
    /// f32-dwconv2d-3x3-<isa>: the same for 3x3 filters, dilation 1, stride 1 or 2 (MobileNet's case).
    let dwconv2d3x3: @Sendable (_ params: UnsafePointer<CnnrtDWConvParams>) -> Void
    /// f32-packb-32-<isa>: copies rows of 32 floats into a B panel.
    let packB32: @Sendable (_ source: UnsafePointer<Float>, _ ldb: Int, _ rows: Int,
                            _ destination: UnsafeMutablePointer<Float>) -> Void
    let vactivation: @Sendable (_ kind: Int32, _ p0: Float, _ p1: Float, _ x: UnsafeMutablePointer<Float>, _ n: Int) -> Void
    /// f32-pool2d-<isa>: 2-D max or average pooling of whole planes.
    let pool2d: @Sendable (_ params: UnsafePointer<CnnrtPool2DParams>) -> Void
    /// f32-im2col-panel-<isa>: one 32-column panel of a convolution's implicit im2col matrix.
    let im2colPanel: @Sendable (_ params: UnsafePointer<CnnrtIm2colParams>) -> Void
    /// f32-gemv-<isa>: y = clamp(W x + bias) with W [rows, k] row-major, read in place.
    let gemv: @Sendable (_ w: UnsafePointer<Float>, _ k: Int, _ rows: Int, _ x: UnsafePointer<Float>,
                         _ y: UnsafeMutablePointer<Float>, _ bias: UnsafePointer<Float>?, _ lo: Float,
                         _ hi: Float) -> Void
    /// f32-winograd43-{input,output}-<isa> and f32-deinterleave4-<isa>: Winograd F(4x4, 3x3) transforms
    /// (AVX-512 only: without them 3x3 convolutions take the padded GEMM).
    var winograd43Input: (@Sendable (UnsafePointer<CnnrtWinogradInputParams>) -> Void)? = nil
    var winograd43Output: (@Sendable (UnsafePointer<CnnrtWinogradOutputParams>) -> Void)? = nil
    var deinterleave4: (@Sendable (UnsafePointer<Float>, Int, UnsafeMutablePointer<Float>) -> Void)? = nil
    /// f32-winograd43-weights-<isa>: the filters' transforms into 36 packed A operands (session creation).
    var winograd43Weights: (@Sendable (_ weight: UnsafePointer<Float>, _ channels: Int, _ outChannels: Int, _ mr: Int,
                                       _ bases: UnsafePointer<UnsafeMutablePointer<Float>>) -> Void)? = nil
    /// Whether all four Winograd kernels are there.
    var hasWinograd43: Bool {
        winograd43Input != nil && winograd43Output != nil && deinterleave4 != nil && winograd43Weights != nil
    }
    /// f32-conv-direct-<isa>: small stride-1 convolutions summed straight from a padded image (AVX-512 only:
    /// without it they take the padded GEMM).
    var convDirect: (@Sendable (UnsafePointer<CnnrtConvDirectParams>) -> Void)? = nil
    /// f32-gemv-packed-<isa>: one row times packed B with bias and clamp (AVX-512 only: batch-1 fully connected
    /// layers; without it they take the GEMM).
    var gemvPacked: (@Sendable (_ x: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ k: Int, _ n: Int,
                                _ bias: UnsafePointer<Float>?, _ min: Float, _ max: Float,
                                _ y: UnsafeMutablePointer<Float>) -> Void)? = nil
    /// f32-gemm-narrow-<isa>: 1-4 columns of up to mr rows with A's rows in the vector (AVX-512 only: the tails
    /// of GEMMs whose width is not a multiple of 16; without it they take the 32-wide kernels).
    var gemmNarrow: (@Sendable (_ columns: Int, _ rows: Int, _ kc: Int, _ a: UnsafePointer<Float>, _ aStride: Int,
                                _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>, _ ldc: Int,
                                _ e: UnsafePointer<CnnrtGemmEpilogue>) -> Void)? = nil
    /// f32-dwconv2d-c16-<isa>: depthwise convolution of 16 channels at a time, one channel per SIMD lane
    /// (AVX-512 only: without it every plane takes `dwconv2d`).
    var dwconv2dLanes: (@Sendable (UnsafePointer<CnnrtDWConvLanesParams>) -> Void)? = nil
    /// f32-dwconv2d-planes-<isa>: runs of planes through `dwconv2d3x3` / `dwconv2d`, each copied in strips into
    /// a zero-padded scratch (AVX-512 only: the portable kernels read the planes in place).
    var dwconv2dPlanes: (@Sendable (UnsafePointer<CnnrtDWConvPlanesParams>) -> Void)? = nil

    /// The kernel set of `isa`.
    public static func forISA(_ isa: KernelISA) -> KernelSet {
        let byRows = Microkernels.gemm.filter { $0.isa == isa && $0.nr == 32 }.sorted { $0.mr < $1.mr }
        let byRows16 = Microkernels.gemm.filter { $0.isa == isa && $0.nr == 16 }.sorted { $0.mr < $1.mr }
        switch isa {
        case .avx512:
            return KernelSet(isa: isa, byRows: byRows, byRows16: byRows16, dwconv2d: f32_dwconv2d__avx512,
                             dwconv2d3x3: f32_dwconv2d_3x3__avx512, packB32: f32_packb_32__avx512,
                             vactivation: f32_vactivation__avx512, pool2d: f32_pool2d__avx512,
                             im2colPanel: f32_im2col_panel__avx512, gemv: f32_gemv__avx512,
                             winograd43Input: f32_winograd43_input__avx512,
                             winograd43Output: f32_winograd43_output__avx512,
                             deinterleave4: f32_deinterleave4__avx512,
                             winograd43Weights: f32_winograd43_weights__avx512, convDirect: f32_conv_direct__avx512,
                             gemvPacked: f32_gemv_packed__avx512, gemmNarrow: f32_gemm_narrow__avx512,
                             dwconv2dLanes: f32_dwconv2d_c16__avx512,
                             dwconv2dPlanes: f32_dwconv2d_planes__avx512)
        case .portable:
            return KernelSet(isa: isa, byRows: byRows, byRows16: byRows16, dwconv2d: f32_dwconv2d__portable,
                             dwconv2d3x3: f32_dwconv2d_3x3__portable, packB32: f32_packb_32__portable,
                             vactivation: f32_vactivation__portable, pool2d: f32_pool2d__portable,
                             im2colPanel: f32_im2col_panel__portable, gemv: f32_gemv__portable)
        }
    }

    /// The kernel set of the process's ISA.
    public static let active = forISA(KernelISA.active)

    /// The same kernels without the Winograd transforms (convolutions then sum products directly).
    public var withoutWinograd: KernelSet {
        var set = self
        set.winograd43Input = nil
        set.winograd43Output = nil
        set.deinterleave4 = nil
        set.winograd43Weights = nil
        return set
    }
}

/// The one list of microkernels: it feeds the dispatcher, the tests and the benchmarks.
public enum Microkernels {
    public static let gemm: [GemmMicrokernel] = {
        var list: [GemmMicrokernel] = []
        for mr in 1...f32GemmMaxRowsAVX512 {
            if let code = f32GemmMicrokernelAVX512(rows: mr) {
                list.append(GemmMicrokernel(name: "f32-gemm-\(mr)x32-avx512", isa: .avx512, mr: mr, nr: 32, code: code))
            }
            if let code = f32GemmMicrokernel16AVX512(rows: mr) {
                list.append(GemmMicrokernel(name: "f32-gemm-\(mr)x16-avx512", isa: .avx512, mr: mr, nr: 16, code: code))
            }
        }
        for mr in 1...f32GemmMaxRowsPortable {
            if let code = f32GemmMicrokernelPortable(rows: mr) {
                list.append(GemmMicrokernel(name: "f32-gemm-\(mr)x32-portable", isa: .portable, mr: mr, nr: 32,
                                            code: code))
            }
        }
        return list
    }()
}

extension Microkernels {
    /// Runs `kernel` once on an mr x kc A panel and a kc x 32 B panel, storing a plain mr x nr C tile (row stride 32)
    /// (for benchmarks and tests of single microkernels).
    public static func runForBenchmark(_ kernel: GemmMicrokernel, kc: Int, a: inout [Float], b: inout [Float],
                                       c: inout [Float], aStride: Int? = nil, aOffset: Int = 0) {
        var params = CnnrtGemmEpilogue()
        params.min = -.infinity
        params.max = .infinity
        a.withUnsafeBufferPointer { ap in
            b.withUnsafeBufferPointer { bp in
                c.withUnsafeMutableBufferPointer { cp in
                    kernel.code(kernel.nr, kc, ap.baseAddress! + aOffset, aStride ?? kernel.mr, bp.baseAddress!, cp.baseAddress!, 32,
                                &params)
                }
            }
        }
    }
}
