import Testing
@testable import Cnnrt

/// f32-conv-direct (small convolutions and first layers summed from a padded image) and f32-gemv-packed (batch-1
/// fully connected layers) against the reference operators, on every ISA (the portable set runs the padded
/// GEMM and the GEMM for the same shapes), 1 and 2 threads, with guard floats after the output.
@Suite("Direct convolution and GEMV kernels")
struct DirectConvTests {
    typealias Support = KernelTestSupport
    typealias Case = ConvKernelTests.Case

    /// Output widths below, at and above 16 and 32 (8 is the least the direct kernel takes), output channels
    /// below, at and above the 8-channel block, heights from 1, paddings, dilations, batch 2 and 1-D.
    static let cases: [Case] = [
        Case(input: [1, 1, 28, 28], outChannels: 6, kernel: [5, 5], pads: [2, 2, 2, 2]),       // LeNet conv 1
        Case(input: [1, 6, 14, 14], outChannels: 16, kernel: [5, 5]),                          // LeNet conv 2
        Case(input: [2, 3, 9, 20], outChannels: 9, kernel: [3, 3], pads: [1, 1, 1, 1]),
        Case(input: [1, 5, 12, 8], outChannels: 17, kernel: [3, 2], dilations: [2, 1], pads: [2, 0, 1, 1]),
        Case(input: [1, 2, 7, 13], outChannels: 32, kernel: [1, 4], pads: [0, 3, 0, 0]),
        Case(input: [1, 3, 5, 33], outChannels: 7, kernel: [5, 5], pads: [4, 1, 0, 2]),
        Case(input: [1, 4, 10, 17], outChannels: 8, kernel: [3, 3], dilations: [1, 2], pads: [1, 2, 1, 2]),
        Case(input: [1, 3, 1, 9], outChannels: 1, kernel: [1, 2]),                             // one row of 8
        Case(input: [1, 2, 3, 11], outChannels: 3, kernel: [3, 3], pads: [0, 1, 0, 1]),        // one row of 11
        Case(input: [1, 3, 40], outChannels: 5, kernel: [3], pads: [1, 1]),                    // 1-D
        Case(input: [1, 1, 19, 47], outChannels: 31, kernel: [3, 3], pads: [1, 1, 1, 1]),
        Case(input: [1, 2, 6, 31], outChannels: 15, kernel: [2, 2]),
        Case(input: [1, 1, 4, 16], outChannels: 2, kernel: [1, 1], pads: [1, 0, 1, 0]),
        Case(input: [2, 1, 9, 9], outChannels: 24, kernel: [2, 2]),                            // widths 8
        // First layers (at most 4 input channels, up to 64 output channels), strided ones through stride
        // phases: 7x7 stride 2, 3x3 stride 2, 11x11 stride 4, strides 2 x 3 with dilation, stride 1.
        Case(input: [1, 3, 23, 37], outChannels: 64, kernel: [7, 7], strides: [2, 2], pads: [3, 3, 3, 3]),
        Case(input: [2, 3, 19, 35], outChannels: 64, kernel: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1]),
        Case(input: [1, 3, 31, 47], outChannels: 17, kernel: [11, 11], strides: [4, 4], pads: [2, 2, 2, 2]),
        Case(input: [1, 2, 20, 30], outChannels: 50, kernel: [5, 5], strides: [2, 3], dilations: [2, 2],
             pads: [2, 2, 2, 2]),
        Case(input: [1, 3, 9, 20], outChannels: 64, kernel: [3, 3], pads: [1, 1, 1, 1]),
        Case(input: [1, 1, 30, 40], outChannels: 96, kernel: [11, 11], strides: [4, 4], pads: [1, 1, 1, 1]),
    ]

    @Test("direct convolution matches the reference Conv, with bias, residual and activations", arguments: cases)
    func direct(c: Case) throws {
        let weightShape = [c.outChannels, c.input[1]] + c.kernel
        let x = Tensor(shape: c.input, scalars: Support.data(c.input.reduce(1, *), seed: 51))
        let w = Tensor(shape: weightShape, scalars: Support.data(weightShape.reduce(1, *), seed: 52))
        let b = Tensor(shape: [c.outChannels], scalars: Support.data(c.outChannels, seed: 53))
        let plain = try Conv(node: ConvKernelTests.node(c, inputs: ["x", "w", "b"]), opset: 22).run([x, w, b])[0]
        let z = Tensor(shape: plain.shape, scalars: Support.data(plain.count, seed: 54))
        for activation in [FusedActivation.none, .relu, .sigmoid, .clip(min: -0.5, max: 0.5)] {
            for withResidual in [false, true] {
                let node = ConvKernelTests.node(c, opType: "FusedConv", domain: "ai.cnnrt",
                                                inputs: ["x", "w", "b"] + (withResidual ? ["z"] : []),
                                                extra: activation.attributes)
                let expected = try FusedConv(node: node, opset: 1).run([x, w, b] + (withResidual ? [z] : []))[0]
                for isa in Support.isas {
                    let kernel = try #require(try Conv2DKernel(node: node, input: c.input, weight: w, bias: b,
                                                               activation: activation, kernels: .forISA(isa)))
                    if isa == .avx512 { #expect(kernel.algorithm == .direct) }
                    for threads in [1, 2] {
                        let got = Self.runGuarded(kernel, x, outputShape: plain.shape,
                                                  residual: withResidual ? z : nil, threads: threads)
                        #expect(got.guardIntact, "\(isa) wrote past the output")
                        #expect(Support.maxError(got.output, expected.floats) < 2e-5,
                                "\(isa) \(kernel.algorithm) \(activation) residual \(withResidual) threads \(threads)")
                    }
                }
            }
        }
    }

    @Test("shapes the direct kernel does not take keep their algorithm")
    func selection() throws {
        guard KernelISA.avx512.isSupported else { return }
        let kernels = KernelSet.forISA(.avx512)
        func algorithm(_ c: Case) throws -> Conv2DKernel.Algorithm? {
            let w = Tensor(shape: [c.outChannels, c.input[1] / c.group] + c.kernel,
                           scalars: Support.data(c.outChannels * c.input[1] / c.group * c.kernel.reduce(1, *), seed: 1))
            return try Conv2DKernel(node: ConvKernelTests.node(c, inputs: ["x", "w"]), input: c.input, weight: w,
                                    bias: nil, activation: .none, kernels: kernels)?.algorithm
        }
        // Over 32 output channels only for first layers (at most 4 input channels, at most 96 outputs).
        #expect(try algorithm(Case(input: [1, 5, 12, 12], outChannels: 33, kernel: [3, 3])) != .direct)
        #expect(try algorithm(Case(input: [1, 4, 12, 12], outChannels: 97, kernel: [3, 3])) != .direct)
        #expect(try algorithm(Case(input: [1, 4, 12, 9], outChannels: 8, kernel: [3, 3])) != .direct)  // width 7
        #expect(try algorithm(Case(input: [1, 4, 12, 12], outChannels: 8, kernel: [3, 3], strides: [2, 2]))
            != .direct)
        #expect(try algorithm(Case(input: [1, 4, 12, 12], outChannels: 8, kernel: [3, 3], group: 2)) != .direct)
        #expect(try algorithm(Case(input: [1, 4, 12, 12], outChannels: 8, kernel: [3, 3])) == .direct)
        // Strided: only first layers with enough work to pay for the phase planes (MobileNet's 3 -> 32, 3x3
        // stride 2 measured no faster).
        #expect(try algorithm(Case(input: [1, 3, 32, 32], outChannels: 32, kernel: [3, 3], strides: [2, 2],
                                   pads: [1, 1, 1, 1])) != .direct)
        #expect(try algorithm(Case(input: [1, 3, 32, 32], outChannels: 64, kernel: [3, 3], strides: [2, 2],
                                   pads: [1, 1, 1, 1])) == .direct)
        #expect(try algorithm(Case(input: [1, 8, 32, 32], outChannels: 64, kernel: [7, 7], strides: [2, 2])) != .direct)
    }

    /// Runs `kernel` into an output followed by 64 guard floats; returns the output and whether the guard held.
    static func runGuarded(_ kernel: Conv2DKernel, _ x: Tensor, outputShape: [Int], residual: Tensor?,
                           threads: Int) -> (output: [Float], guardIntact: Bool) {
        let count = outputShape.reduce(1, *)
        let sentinel: Float = 12345.5
        var y = [Float](repeating: sentinel, count: count + 64)
        let pool = threads > 1 ? ThreadPool(threads: threads) : nil
        let scratch = GemmScratch(threads: threads, floatsPerThread: kernel.scratchFloatsPerThread,
                                  sharedFloats: kernel.sharedScratchFloats)
        // Garbage in the scratch: the kernels must not rely on it being zero.
        scratch.shared.initialize(repeating: .nan, count: kernel.sharedScratchFloats)
        x.withUnsafeBufferPointer(as: Float.self) { xp in
            y.withUnsafeMutableBufferPointer { yp in
                if let residual {
                    residual.withUnsafeBufferPointer(as: Float.self) { zp in
                        kernel.run(input: xp.baseAddress!, output: yp.baseAddress!, residual: zp.baseAddress!,
                                   pool: pool, scratch: scratch)
                    }
                } else {
                    kernel.run(input: xp.baseAddress!, output: yp.baseAddress!, residual: nil, pool: pool,
                               scratch: scratch)
                }
            }
        }
        return (Array(y[..<count]), y[count...].allSatisfy { $0 == sentinel })
    }

    @Test("f32-gemv-packed matches a naive product, with and without bias and clamp",
          arguments: [1, 3, 4, 5, 17, 64, 400])
    func gemv(k: Int) throws {
        guard let gemv = KernelSet.forISA(.avx512).gemvPacked, KernelISA.avx512.isSupported else { return }
        for n in [1, 10, 15, 16, 17, 31, 32, 33, 84, 100, 120, 127, 128, 129, 160, 200] {
            let x = Support.data(k, seed: 61), b = Support.data(k * n, seed: 62), bias = Support.data(n, seed: 63)
            let packed = b.withUnsafeBufferPointer { PackedGemmB($0.baseAddress!, k: k, n: n, rowStride: n, colStride: 1) }
            let product = Support.naiveGemm(x, b, m: 1, n: n, k: k)
            for (withBias, lo, hi) in [(false, -Float.infinity, Float.infinity), (true, Float(0), Float.infinity),
                                       (true, Float(-0.25), Float(0.5))] {
                let expected = (0..<n).map { min(max(product[$0] + (withBias ? bias[$0] : 0), lo), hi) }
                var y = [Float](repeating: 777, count: n + 40)
                x.withUnsafeBufferPointer { xp in
                    bias.withUnsafeBufferPointer { bp in
                        y.withUnsafeMutableBufferPointer { yp in
                            gemv(xp.baseAddress!, packed.panel(0), k, n, withBias ? bp.baseAddress! : nil, lo, hi,
                                 yp.baseAddress!)
                        }
                    }
                }
                #expect(Support.maxError(Array(y[..<n]), expected) < 1e-5, "k \(k) n \(n) bias \(withBias)")
                #expect(y[n...].allSatisfy { $0 == 777 }, "k \(k) n \(n) wrote past y")
            }
        }
    }
}
