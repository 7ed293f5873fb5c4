import Testing
@testable import Cnnrt

@Suite("Convolution kernels")
struct ConvKernelTests {
    typealias Support = KernelTestSupport

    struct Case: CustomTestStringConvertible, Sendable {
        var input: [Int]          // N, C, (H,) W
        var outChannels: Int
        var kernel: [Int]
        var group = 1
        var strides: [Int]? = nil
        var dilations: [Int]? = nil
        var pads: [Int]? = nil
        var autoPad: String? = nil
        var testDescription: String {
            "x\(input) m\(outChannels) k\(kernel) g\(group) s\(strides ?? []) d\(dilations ?? []) p\(pads ?? [])"
                + (autoPad.map { " \($0)" } ?? "")
        }
    }

    static let cases: [Case] = [
        Case(input: [1, 8, 5, 7], outChannels: 13, kernel: [1, 1]),                                 // 1x1 GEMM
        Case(input: [2, 3, 9, 9], outChannels: 5, kernel: [3, 3], pads: [1, 1, 1, 1]),
        Case(input: [1, 7, 11, 13], outChannels: 17, kernel: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1]),
        Case(input: [1, 4, 12, 10], outChannels: 6, kernel: [3, 5], dilations: [2, 1], pads: [2, 0, 1, 3]),
        Case(input: [1, 6, 8, 8], outChannels: 9, kernel: [3, 3], group: 3, pads: [1, 1, 1, 1]),   // grouped
        Case(input: [1, 3, 23, 19], outChannels: 29, kernel: [7, 7], strides: [2, 2], pads: [3, 3, 3, 3]),
        Case(input: [1, 5, 9, 9], outChannels: 4, kernel: [1, 1], strides: [2, 2]),                 // strided 1x1
        Case(input: [1, 8, 17, 33], outChannels: 8, kernel: [3, 3], group: 8, pads: [1, 1, 1, 1]), // depthwise
        Case(input: [2, 5, 15, 37], outChannels: 5, kernel: [3, 3], group: 5, strides: [2, 2], pads: [1, 1, 1, 1]),
        Case(input: [1, 3, 14, 20], outChannels: 3, kernel: [5, 5], group: 3, strides: [3, 1], dilations: [1, 2],
             pads: [2, 4, 2, 4]),
        Case(input: [1, 4, 10, 10], outChannels: 4, kernel: [3, 3], group: 4, autoPad: "SAME_UPPER"),
        Case(input: [1, 3, 31], outChannels: 7, kernel: [5], strides: [2], pads: [2, 1]),          // 1-D
        Case(input: [1, 16, 6, 6], outChannels: 33, kernel: [3, 3], pads: [1, 1, 1, 1]),
        // f32-conv-padded-gemm with stride phases (one tap wide, so no padding column), and with the output
        // pixels as columns (outputs 16 or more wide, panels crossing output rows; more than 32 output
        // channels keep f32-conv-direct away).
        Case(input: [1, 6, 11, 9], outChannels: 7, kernel: [3, 1], strides: [2, 2], pads: [1, 0, 1, 0]),
        Case(input: [1, 4, 10, 12], outChannels: 5, kernel: [2, 2], strides: [2, 2]),
        Case(input: [1, 3, 4, 70], outChannels: 6, kernel: [1, 1], strides: [2, 2]),
        Case(input: [1, 3, 6, 37], outChannels: 40, kernel: [3, 5], pads: [1, 2, 1, 2]),
        Case(input: [2, 2, 5, 40], outChannels: 35, kernel: [3, 3], dilations: [1, 2], pads: [1, 2, 1, 2]),
        Case(input: [1, 5, 9, 20], outChannels: 33, kernel: [5, 5], pads: [2, 2, 2, 2]),     // 3 runs per panel
    ]

    static func node(_ c: Case, opType: String = "Conv", domain: String = "", inputs: [String],
                     extra: [Attribute] = []) -> Node {
        var attributes = [Attribute("group", .int(c.group))]
        if let s = c.strides { attributes.append(Attribute("strides", .ints(s))) }
        if let d = c.dilations { attributes.append(Attribute("dilations", .ints(d))) }
        if let p = c.pads { attributes.append(Attribute("pads", .ints(p))) }
        if let a = c.autoPad { attributes.append(Attribute("auto_pad", .string(a))) }
        return Node(name: "conv", opType: opType, domain: domain, inputs: inputs, outputs: ["y"],
                    attributes: attributes + extra)
    }

    @Test("fast convolution matches the reference Conv", arguments: cases)
    func matchesReference(c: Case) throws {
        let weightShape = [c.outChannels, c.input[1] / c.group] + c.kernel
        let x = Tensor(shape: c.input, scalars: Support.data(c.input.reduce(1, *), seed: 21))
        let w = Tensor(shape: weightShape, scalars: Support.data(weightShape.reduce(1, *), seed: 22))
        let b = Tensor(shape: [c.outChannels], scalars: Support.data(c.outChannels, seed: 23))
        let node = Self.node(c, inputs: ["x", "w", "b"])
        let expected = try Conv(node: node, opset: 22).run([x, w, b])[0]
        for isa in Support.isas {
            let kernel = try #require(try Conv2DKernel(node: node, input: c.input, weight: w, bias: b,
                                                       activation: .none, kernels: .forISA(isa)))
            for threads in [1, 2] {
                let got = Self.run(kernel, x, outputShape: expected.shape, residual: nil, threads: threads)
                #expect(Support.maxError(got.floats, expected.floats) < 1e-5,
                        "\(isa) \(kernel.algorithm) threads \(threads)")
            }
        }
    }

    @Test("FusedConv: residual and activation while storing",
          arguments: [(cases[1], FusedActivation.relu), (cases[7], .clip(min: 0, max: 6)), (cases[8], .silu),
                      (cases[0], .hardSwish), (cases[2], .leakyRelu(alpha: 0.1)), (cases[13], .relu),
                      (cases[16], .clip(min: -0.3, max: 0.4)), (cases[17], .silu)])
    func fused(c: Case, activation: FusedActivation) throws {
        let weightShape = [c.outChannels, c.input[1] / c.group] + c.kernel
        let x = Tensor(shape: c.input, scalars: Support.data(c.input.reduce(1, *), seed: 31))
        let w = Tensor(shape: weightShape, scalars: Support.data(weightShape.reduce(1, *), seed: 32))
        let b = Tensor(shape: [c.outChannels], scalars: Support.data(c.outChannels, seed: 33))
        let plain = try Conv(node: Self.node(c, inputs: ["x", "w", "b"]), opset: 22).run([x, w, b])[0]
        let z = Tensor(shape: plain.shape, scalars: Support.data(plain.count, seed: 34))
        let node = Self.node(c, opType: "FusedConv", domain: "ai.cnnrt", inputs: ["x", "w", "b", "z"],
                             extra: activation.attributes)
        let expected = try FusedConv(node: node, opset: 1).run([x, w, b, z])[0]
        for isa in Support.isas {
            let kernel = try #require(try Conv2DKernel(node: node, input: c.input, weight: w, bias: b,
                                                       activation: activation, kernels: .forISA(isa)))
            let got = Self.run(kernel, x, outputShape: plain.shape, residual: z, threads: 1)
            #expect(Support.maxError(got.floats, expected.floats) < 2e-5, "\(isa) \(kernel.algorithm)")
        }
    }

    /// f32-dwconv2d-3x3 (MobileNet's depthwise: 3x3, pad 1, stride 1 or 2): widths below, at, above and at
    /// multiples of 16 and primes; heights that leave 1-3 rows in the last 4-row block; small planes with
    /// many channels (MobileNet's late 14x14 and 7x7 layers: whole-vector stores that spill into later rows,
    /// loads at the end of each plane), odd sizes and batch 2.
    static let depthwise3x3Cases: [Case] = [1, 2].flatMap { stride in
        [(1, 1), (3, 7), (5, 15), (6, 16), (7, 17), (9, 31), (4, 32), (11, 47), (10, 64), (2, 97)].map { h, w in
            Case(input: [1, 3, h, w], outChannels: 3, kernel: [3, 3], group: 3, strides: [stride, stride],
                 pads: [1, 1, 1, 1])
        } + [[1, 40, 7, 7], [1, 24, 14, 14], [2, 9, 13, 5], [1, 12, 2, 3], [1, 6, 29, 28], [1, 5, 3, 18]].map {
            Case(input: $0, outChannels: $0[1], kernel: [3, 3], group: $0[1], strides: [stride, stride],
                 pads: [1, 1, 1, 1])
        }
    }

    @Test("3x3 depthwise matches the reference Conv, with bias, residual and activations",
          arguments: depthwise3x3Cases)
    func depthwise3x3(c: Case) throws {
        let weightShape = [c.outChannels, 1] + c.kernel
        let x = Tensor(shape: c.input, scalars: Support.data(c.input.reduce(1, *), seed: 41))
        let w = Tensor(shape: weightShape, scalars: Support.data(weightShape.reduce(1, *), seed: 42))
        let b = Tensor(shape: [c.outChannels], scalars: Support.data(c.outChannels, seed: 43))
        let conv = Self.node(c, inputs: ["x", "w", "b"])
        let plain = try Conv(node: conv, opset: 22).run([x, w, b])[0]
        let z = Tensor(shape: plain.shape, scalars: Support.data(plain.count, seed: 44))
        for activation in [FusedActivation.none, .relu, .clip(min: 0, max: 6)] {
            for withResidual in [false, true] {
                let node = Self.node(c, opType: "FusedConv", domain: "ai.cnnrt",
                                     inputs: ["x", "w", "b"] + (withResidual ? ["z"] : []),
                                     extra: activation.attributes)
                let expected = try FusedConv(node: node, opset: 1).run([x, w, b] + (withResidual ? [z] : []))[0]
                for isa in Support.isas {
                    let kernel = try #require(try Conv2DKernel(node: node, input: c.input, weight: w, bias: b,
                                                               activation: activation, kernels: .forISA(isa)))
                    #expect(kernel.algorithm == .depthwise && kernel.depthwise3x3)
                    for threads in [1, 2] {
                        let got = Self.run(kernel, x, outputShape: plain.shape, residual: withResidual ? z : nil,
                                           threads: threads)
                        #expect(Support.maxError(got.floats, expected.floats) < 2e-5,
                                "\(isa) \(activation) residual \(withResidual) threads \(threads)")
                    }
                }
            }
        }
    }

    static func run(_ kernel: Conv2DKernel, _ x: Tensor, outputShape: [Int], residual: Tensor?,
                    threads: Int) -> Tensor {
        var y = Tensor(zeros: .float, shape: outputShape)
        let pool = threads > 1 ? ThreadPool(threads: threads) : nil
        let scratch = GemmScratch(threads: threads, floatsPerThread: kernel.scratchFloatsPerThread,
                                  sharedFloats: kernel.sharedScratchFloats)
        x.withUnsafeBufferPointer(as: Float.self) { xp in
            y.withUnsafeMutableBufferPointer(as: Float.self) { yp in
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
        return y
    }
}
