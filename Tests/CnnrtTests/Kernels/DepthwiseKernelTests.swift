import Testing
@testable import Cnnrt

/// f32-dwconv2d-c16 (16 channels per vector) and the per-channel depthwise kernels against the reference Conv.
@Suite("Depthwise convolution kernels")
struct DepthwiseKernelTests {
    typealias Support = KernelTestSupport
    typealias Case = ConvKernelTests.Case

    /// The kernel sets and forced paths to compare: the channel-lanes kernel on every shape, the per-channel
    /// AVX-512 kernels, and the portable ones.
    enum Path: String, CaseIterable, Sendable {
        case lanes, perChannel, portable
    }

    static func kernel(_ node: Node, _ c: Case, _ w: Tensor, _ b: Tensor, _ activation: FusedActivation,
                       _ path: Path) throws -> Conv2DKernel? {
        var set = KernelSet.forISA(path == .portable ? .portable : .avx512)
        if path == .perChannel { set.dwconv2dLanes = nil }
        return try Conv2DKernel(node: node, input: c.input, weight: w, bias: b, activation: activation,
                                kernels: set, forceDepthwiseLanes: path == .lanes)
    }

    static var paths: [Path] { KernelISA.avx512.isSupported ? Path.allCases : [.portable] }

    static func dw(_ shape: [Int], _ k: Int = 3, stride: Int = 1, pads: [Int] = [1, 1, 1, 1],
                   dilation: Int? = nil) -> Case {
        Case(input: shape, outChannels: shape[1], kernel: [k, k], group: shape[1], strides: [stride, stride],
             dilations: dilation.map { [$0, $0] }, pads: pads)
    }

    /// Channels below, at and above 16 and not multiples of it; 7x7 and 14x14 planes (MobileNet's late
    /// layers); widths below, at and above 16 and primes; planes tall enough for several bands (and for the
    /// two-thread split of bands); pads 0, 1 and asymmetric; dilation 2; 5x5; a 1-D-like row; batch 2; stride-2
    /// outputs 16 or more wide with even and odd left pads (the deinterleaved 3x3 stride-2 strips).
    static let cases: [Case] = [1, 2].flatMap { s in
        [[1, 1, 7, 7], [1, 3, 14, 14], [1, 15, 7, 7], [1, 16, 7, 7], [1, 17, 14, 14], [1, 40, 7, 7],
         [1, 16, 5, 16], [1, 17, 13, 17], [1, 16, 3, 31], [2, 17, 9, 11], [1, 33, 61, 67], [1, 3, 40, 113],
         [1, 16, 1, 1], [1, 5, 2, 3]].map { dw($0, stride: s) }
        + [dw([1, 17, 14, 14], stride: s, pads: [0, 0, 0, 0]), dw([1, 19, 11, 13], stride: s, pads: [0, 1, 2, 1]),
           dw([1, 5, 20, 40], stride: s, pads: [0, 0, 0, 0]), dw([1, 6, 21, 47], stride: s, pads: [2, 2, 2, 2]),
           dw([1, 18, 12, 15], stride: s, pads: [2, 2, 2, 2], dilation: 2),
           dw([1, 20, 15, 9], 5, stride: s, pads: [2, 2, 2, 2]), dw([2, 21, 9, 17], 5, stride: s, pads: [1, 0, 3, 2])]
    } + [Case(input: [1, 18, 13, 11], outChannels: 18, kernel: [3, 5], group: 18, strides: [2, 1],
              dilations: [1, 2], pads: [1, 4, 1, 4])]

    @Test("depthwise matches the reference Conv, with bias, residual and activations", arguments: cases)
    func matchesReference(c: Case) throws {
        let weightShape = [c.outChannels, 1] + c.kernel
        let x = Tensor(shape: c.input, scalars: Support.data(c.input.reduce(1, *), seed: 61))
        let w = Tensor(shape: weightShape, scalars: Support.data(weightShape.reduce(1, *), seed: 62))
        let b = Tensor(shape: [c.outChannels], scalars: Support.data(c.outChannels, seed: 63))
        let conv = ConvKernelTests.node(c, inputs: ["x", "w", "b"])
        let plain = try Conv(node: conv, opset: 22).run([x, w, b])[0]
        let z = Tensor(shape: plain.shape, scalars: Support.data(plain.count, seed: 64))
        for activation in [FusedActivation.none, .relu, .clip(min: 0, max: 6), .hardSwish] {
            for withResidual in [false, true] {
                let node = ConvKernelTests.node(c, opType: "FusedConv", domain: "ai.cnnrt",
                                                inputs: ["x", "w", "b"] + (withResidual ? ["z"] : []),
                                                extra: activation.attributes)
                let expected = try FusedConv(node: node, opset: 1).run([x, w, b] + (withResidual ? [z] : []))[0]
                for path in Self.paths {
                    let kernel = try #require(try Self.kernel(node, c, w, b, activation, path))
                    // One channel is group 1: an ordinary convolution, only checked for its values.
                    #expect(c.group == 1
                            || kernel.algorithm == .depthwise && kernel.depthwiseLanes == (path == .lanes))
                    for threads in [1, 2] {
                        let got = ConvKernelTests.run(kernel, x, outputShape: plain.shape,
                                                      residual: withResidual ? z : nil, threads: threads)
                        #expect(Support.maxError(got.floats, expected.floats) < 2e-5,
                                "\(path) \(activation) residual \(withResidual) threads \(threads)")
                    }
                }
            }
        }
    }

    /// The residual may be the output buffer itself: each chunk reads its residual before storing over it, and
    /// narrow blocks are stored without spilling into outputs whose residual is not read yet.
    @Test("depthwise with the residual in the output buffer",
          arguments: [[1, 16, 7, 7], [1, 8, 14, 14], [1, 17, 14, 14], [1, 4, 9, 20], [1, 40, 9, 20],
                      [1, 3, 61, 67]].flatMap { shape in
              [1, 2].map { dw(shape, stride: $0) }
          })
    func residualInPlace(c: Case) throws {
        let weightShape = [c.outChannels, 1] + c.kernel
        let x = Tensor(shape: c.input, scalars: Support.data(c.input.reduce(1, *), seed: 71))
        let w = Tensor(shape: weightShape, scalars: Support.data(weightShape.reduce(1, *), seed: 72))
        let b = Tensor(shape: [c.outChannels], scalars: Support.data(c.outChannels, seed: 73))
        let plain = try Conv(node: ConvKernelTests.node(c, inputs: ["x", "w", "b"]), opset: 22).run([x, w, b])[0]
        let z = Tensor(shape: plain.shape, scalars: Support.data(plain.count, seed: 74))
        let node = ConvKernelTests.node(c, opType: "FusedConv", domain: "ai.cnnrt", inputs: ["x", "w", "b", "z"],
                                        extra: FusedActivation.relu.attributes)
        let expected = try FusedConv(node: node, opset: 1).run([x, w, b, z])[0]
        for path in Self.paths {
            let kernel = try #require(try Self.kernel(node, c, w, b, .relu, path))
            for threads in [1, 2] {
                var y = Tensor(shape: plain.shape, scalars: z.floats)
                let pool = threads > 1 ? ThreadPool(threads: threads) : nil
                let scratch = GemmScratch(threads: threads, floatsPerThread: kernel.scratchFloatsPerThread,
                                          sharedFloats: kernel.sharedScratchFloats)
                x.withUnsafeBufferPointer(as: Float.self) { xp in
                    y.withUnsafeMutableBufferPointer(as: Float.self) { yp in
                        kernel.run(input: xp.baseAddress!, output: yp.baseAddress!,
                                   residual: UnsafePointer(yp.baseAddress!), pool: pool, scratch: scratch)
                    }
                }
                #expect(Support.maxError(y.floats, expected.floats) < 2e-5, "\(path) threads \(threads)")
            }
        }
    }
}
