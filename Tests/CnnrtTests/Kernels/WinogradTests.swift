import Testing
@testable import Cnnrt

/// f32-conv-winograd43 against the reference Conv. Winograd rounds differently from a direct sum, so the
/// tolerance is relative to the convolution's peak: |got - expected| <= 1e-4 x max |conv + bias| (the
/// fixtures' metric; the activations are 1-Lipschitz, so they do not enlarge the error but can shrink the
/// output's own peak), on inputs and weights uniform in [-1, 1).
@Suite("Winograd F(4x4, 3x3)")
struct WinogradTests {
    typealias Support = KernelTestSupport

    struct Case: CustomTestStringConvertible, Sendable {
        var channels: Int, outChannels: Int
        var height: Int, width: Int
        var pads = [1, 1, 1, 1]
        var batch = 1
        var testDescription: String { "n\(batch) c\(channels) m\(outChannels) \(height)x\(width) p\(pads)" }
    }

    /// Output widths for every lane layout (tiles across 1-2 -> 2 lanes, 3-4 -> 4, 5-8 -> 8, more -> 16, and
    /// two groups per tile row), heights that cut the last tile, primes, channel counts below, at and above
    /// the microkernel's 12 rows and 32 columns, and C + M large enough to split the tiles into blocks.
    static let cases: [Case] = [
        Case(channels: 1, outChannels: 1, height: 4, width: 4),
        Case(channels: 3, outChannels: 5, height: 5, width: 7),
        Case(channels: 16, outChannels: 12, height: 9, width: 13),
        Case(channels: 17, outChannels: 13, height: 13, width: 17),
        Case(channels: 8, outChannels: 33, height: 16, width: 32),
        Case(channels: 5, outChannels: 7, height: 7, width: 33),
        Case(channels: 4, outChannels: 24, height: 20, width: 64),
        Case(channels: 6, outChannels: 3, height: 6, width: 65),
        Case(channels: 2, outChannels: 2, height: 31, width: 31),
        Case(channels: 3, outChannels: 4, height: 10, width: 12, pads: [0, 0, 0, 0]),
        Case(channels: 3, outChannels: 4, height: 11, width: 14, pads: [0, 1, 2, 1]),
        Case(channels: 200, outChannels: 200, height: 30, width: 20),
        Case(channels: 64, outChannels: 40, height: 14, width: 14),
        Case(channels: 7, outChannels: 9, height: 12, width: 12, batch: 2),
    ]

    static func node(_ c: Case, opType: String = "Conv", domain: String = "", inputs: [String],
                     extra: [Attribute] = []) -> Node {
        Node(name: "conv", opType: opType, domain: domain, inputs: inputs, outputs: ["y"],
             attributes: [Attribute("pads", .ints(c.pads))] + extra)
    }

    /// Input shape giving a `height x width` output with the case's pads.
    static func inputShape(_ c: Case) -> [Int] {
        [c.batch, c.channels, c.height + 2 - c.pads[0] - c.pads[2], c.width + 2 - c.pads[1] - c.pads[3]]
    }

    static func peakError(_ got: [Float], _ expected: [Float], peakOf reference: [Float]) -> Float {
        let peak = reference.reduce(Float(0)) { max($0, abs($1)) }
        return zip(got, expected).reduce(Float(0)) { max($0, abs($1.0 - $1.1)) } / max(peak, 1e-30)
    }

    @Test("Winograd43 matches the reference Conv, with bias, residual and activations", arguments: cases)
    func matchesReference(c: Case) throws {
        guard KernelISA.avx512.isSupported else { return }
        let shape = Self.inputShape(c), weightShape = [c.outChannels, c.channels, 3, 3]
        let x = Tensor(shape: shape, scalars: Support.data(shape.reduce(1, *), seed: 51))
        let w = Tensor(shape: weightShape, scalars: Support.data(weightShape.reduce(1, *), seed: 52))
        let b = Tensor(shape: [c.outChannels], scalars: Support.data(c.outChannels, seed: 53))
        let plain = try Conv(node: Self.node(c, inputs: ["x", "w", "b"]), opset: 22).run([x, w, b])[0]
        #expect(plain.shape == [c.batch, c.outChannels, c.height, c.width])
        let z = Tensor(shape: plain.shape, scalars: Support.data(plain.count, seed: 54))
        for (activation, withResidual) in [(FusedActivation.none, false), (.relu, true), (.clip(min: -1, max: 2), false),
                                           (.sigmoid, true)] {
            let node = Self.node(c, opType: "FusedConv", domain: "ai.cnnrt",
                                 inputs: ["x", "w", "b"] + (withResidual ? ["z"] : []), extra: activation.attributes)
            let expected = try FusedConv(node: node, opset: 1).run([x, w, b] + (withResidual ? [z] : []))[0]
            let kernel = try #require(try Conv2DKernel(node: node, input: shape, weight: w, bias: b,
                                                       activation: activation, kernels: .forISA(.avx512),
                                                       forceWinograd: true))
            #expect(kernel.algorithm == .winograd)
            for threads in [1, 2] {
                let got = ConvKernelTests.run(kernel, x, outputShape: plain.shape, residual: withResidual ? z : nil,
                                              threads: threads)
                #expect(Self.peakError(got.floats, expected.floats, peakOf: plain.floats) <= 1e-4,
                        "\(activation) residual \(withResidual) threads \(threads)")
            }
        }
    }

    /// The planes of ResNet / VGG / AlexNet: Winograd where it saves enough work (56 down to 12), the padded GEMM
    /// at 8x8 and 7x7.
    @Test("Winograd is chosen for 3x3 stride-1 convolutions on planes where it pays")
    func selection() throws {
        guard KernelISA.avx512.isSupported else { return }
        for (size, expected) in [(56, true), (28, true), (14, true), (13, true), (12, true), (8, false), (7, false), (3, false)] {
            #expect(Winograd43.worthwhile(outHeight: size, outWidth: size) == expected, "\(size)")
        }
        let c = Case(channels: 16, outChannels: 16, height: 28, width: 28)
        let w = Tensor(shape: [16, 16, 3, 3], scalars: Support.data(16 * 16 * 9, seed: 1))
        let conv = try #require(try Conv2DKernel(node: Self.node(c, inputs: ["x", "w"]), input: Self.inputShape(c),
                                                 weight: w, bias: nil, activation: .none, kernels: .forISA(.avx512)))
        #expect(conv.algorithm == .winograd)
        let strided = Node(name: "conv", opType: "Conv", inputs: ["x", "w"], outputs: ["y"],
                           attributes: [Attribute("pads", .ints([1, 1, 1, 1])), Attribute("strides", .ints([2, 2]))])
        let other = try #require(try Conv2DKernel(node: strided, input: [1, 16, 28, 28], weight: w, bias: nil,
                                                  activation: .none, kernels: .forISA(.avx512)))
        #expect(other.algorithm != .winograd)
        let portable = try #require(try Conv2DKernel(node: Self.node(c, inputs: ["x", "w"]),
                                                     input: Self.inputShape(c), weight: w, bias: nil,
                                                     activation: .none, kernels: .forISA(.portable)))
        #expect(portable.algorithm == .padded)
        let rgb = try #require(try Conv2DKernel(node: Self.node(c, inputs: ["x", "w"]), input: [1, 3, 28, 28],
                                                weight: Tensor(shape: [16, 3, 3, 3], scalars: Support.data(432, seed: 2)),
                                                bias: nil, activation: .none, kernels: .forISA(.avx512)))
        #expect(rgb.algorithm == .direct)  // small: f32-conv-direct, not Winograd
    }
}
