import Testing
@testable import Cnnrt

/// One Conv configuration for the sweeps against the naive oracle.
struct ConvSweepCase: Sendable, CustomStringConvertible {
    var batch = 1
    var channels: Int
    var outChannels: Int
    var input: [Int]
    var kernel: [Int]
    var strides: [Int]? = nil
    var pads: [Int]? = nil
    var dilations: [Int]? = nil
    var group = 1
    var bias = false

    var description: String {
        "N\(batch) C\(channels) M\(outChannels) in\(input) k\(kernel) s\(strides ?? []) p\(pads ?? []) "
            + "d\(dilations ?? []) g\(group)\(bias ? " bias" : "")"
    }

    var rank: Int { input.count }
    var stridesOrOnes: [Int] { strides ?? [Int](repeating: 1, count: rank) }
    var dilationsOrOnes: [Int] { dilations ?? [Int](repeating: 1, count: rank) }
    var padsOrZeros: [Int] { pads ?? [Int](repeating: 0, count: 2 * rank) }

    var attributes: [Attribute] {
        var list: [Attribute] = []
        if let strides { list.append(ConvPoolTest.ints("strides", strides)) }
        if let pads { list.append(ConvPoolTest.ints("pads", pads)) }
        if let dilations { list.append(ConvPoolTest.ints("dilations", dilations)) }
        if group != 1 { list.append(ConvPoolTest.int("group", group)) }
        return list
    }
}

@Suite struct ConvTests {
    typealias T = ConvPoolTest

    static let sweep: [ConvSweepCase] = [
        ConvSweepCase(channels: 1, outChannels: 1, input: [7], kernel: [3]),
        ConvSweepCase(batch: 2, channels: 3, outChannels: 2, input: [9], kernel: [4], strides: [2], pads: [2, 1],
                      dilations: [2], bias: true),
        ConvSweepCase(channels: 1, outChannels: 1, input: [5, 5], kernel: [3, 3]),
        ConvSweepCase(channels: 2, outChannels: 3, input: [6, 7], kernel: [3, 2], strides: [2, 1],
                      pads: [1, 0, 2, 1], bias: true),
        ConvSweepCase(batch: 2, channels: 4, outChannels: 6, input: [7, 6], kernel: [3, 3], strides: [1, 2],
                      pads: [1, 1, 1, 1], dilations: [2, 1], group: 2, bias: true),
        ConvSweepCase(channels: 4, outChannels: 4, input: [6, 6], kernel: [3, 3], pads: [1, 1, 1, 1], group: 4),
        ConvSweepCase(channels: 3, outChannels: 6, input: [5, 8], kernel: [2, 3], strides: [3, 2],
                      pads: [0, 2, 3, 0], dilations: [1, 3], group: 3, bias: true),
        ConvSweepCase(channels: 2, outChannels: 2, input: [4, 5, 6], kernel: [2, 3, 2], strides: [1, 2, 2],
                      pads: [1, 0, 1, 0, 1, 1], bias: true),
        ConvSweepCase(batch: 2, channels: 2, outChannels: 4, input: [5, 4, 5], kernel: [3, 2, 2],
                      dilations: [2, 1, 2], group: 2),
        // A kernel as large as the padded input: one output element.
        ConvSweepCase(channels: 2, outChannels: 1, input: [3, 3], kernel: [5, 5], pads: [1, 1, 1, 1]),
    ]

    @Test(arguments: sweep.enumerated().map { $0 })
    func matchesNaiveDefinition(_ index: Int, _ c: ConvSweepCase) throws {
        let x = T.random([c.batch, c.channels] + c.input, seed: UInt64(index * 3 + 1))
        let w = T.random([c.outChannels, c.channels / c.group] + c.kernel, seed: UInt64(index * 3 + 2))
        let b = c.bias ? T.random([c.outChannels], seed: UInt64(index * 3 + 3)) : nil
        let y = try T.run("Conv", [x, w, b], c.attributes)[0]
        let pads = c.padsOrZeros
        let outSpatial = (0..<c.rank).map {
            T.outputSize(c.input[$0], k: c.kernel[$0], s: c.stridesOrOnes[$0], d: c.dilationsOrOnes[$0],
                         padBegin: pads[$0], padEnd: pads[c.rank + $0])
        }
        #expect(y.shape == [c.batch, c.outChannels] + outSpatial)
        let expected = T.naiveConv(x: x, w: w, b: b, strides: c.stridesOrOnes, padsBegin: Array(pads[0..<c.rank]),
                                   dilations: c.dilationsOrOnes, group: c.group, outSpatial: outSpatial)
        T.expectClose(y.doubles(), expected)
    }

    /// Channel slice [from, to) of an N x C x ... tensor.
    static func channels(_ t: Tensor, _ from: Int, _ to: Int) -> Tensor {
        let plane = t.shape[2...].reduce(1, *), values = t.floats
        var out: [Float] = []
        for n in 0..<t.shape[0] { out += values[(n * t.shape[1] + from) * plane..<(n * t.shape[1] + to) * plane] }
        return T.tensor([t.shape[0], to - from] + Array(t.shape[2...]), out)
    }

    /// Slice [from, to) of the first axis.
    static func leading(_ t: Tensor, _ from: Int, _ to: Int) -> Tensor {
        let block = t.shape[1...].reduce(1, *)
        return T.tensor([to - from] + Array(t.shape[1...]), Array(t.floats[from * block..<to * block]))
    }

    /// Concatenation along the channel axis.
    static func concatChannels(_ parts: [Tensor]) -> Tensor {
        let plane = parts[0].shape[2...].reduce(1, *)
        var out: [Float] = []
        for n in 0..<parts[0].shape[0] {
            for part in parts {
                let c = part.shape[1]
                out += part.floats[n * c * plane..<(n + 1) * c * plane]
            }
        }
        let channels = parts.reduce(0) { $0 + $1.shape[1] }
        return T.tensor([parts[0].shape[0], channels] + Array(parts[0].shape[2...]), out)
    }

    @Test(arguments: [(2, 4, 6), (3, 3, 3), (4, 4, 8), (1, 2, 2)])
    func groupedEqualsPerGroupComposition(_ group: Int, _ channels: Int, _ outChannels: Int) throws {
        let x = T.random([2, channels, 5, 6], seed: 40)
        let w = T.random([outChannels, channels / group, 3, 2], seed: 41)
        let b = T.random([outChannels], seed: 42)
        let attributes = [T.ints("pads", [1, 0, 1, 1]), T.ints("strides", [1, 2])]
        let grouped = try T.run("Conv", [x, w, b], attributes + [T.int("group", group)])[0]
        let cg = channels / group, mg = outChannels / group
        var parts: [Tensor] = []
        for g in 0..<group {
            let bias = T.tensor([mg], Array(b.floats[g * mg..<(g + 1) * mg]))
            parts.append(try T.run("Conv", [Self.channels(x, g * cg, (g + 1) * cg),
                                           Self.leading(w, g * mg, (g + 1) * mg), bias], attributes)[0])
        }
        let composed = Self.concatChannels(parts)
        #expect(grouped.shape == composed.shape)
        T.expectClose(grouped.floats, composed.floats)
    }

    @Test func depthwiseAppliesOneFilterPerChannel() throws {
        // Channel c is scaled by c + 1 (1x1 depthwise kernel).
        let x = T.iota([1, 3, 2, 2])
        let w = T.tensor([3, 1, 1, 1], [1, 2, 3])
        let y = try T.run("Conv", [x, w], [T.int("group", 3)])[0]
        #expect(y.floats == [0, 1, 2, 3, 8, 10, 12, 14, 24, 27, 30, 33])
    }

    @Test func dilationSpreadsTheKernel() throws {
        let y = try T.floats("Conv", [T.iota([1, 1, 4, 4]), T.tensor([1, 1, 2, 2], [1, 1, 1, 1])],
                             [T.ints("dilations", [2, 2])])
        #expect(y.shape == [1, 1, 2, 2])
        // Window (0, 0) reads X[0][0], X[0][2], X[2][0], X[2][2] = 0 + 2 + 8 + 10.
        #expect(y.values == [20, 24, 36, 40])
    }

    @Test func asymmetricPads() throws {
        // pads: top 1, left 0, bottom 0, right 1.
        let y = try T.floats("Conv", [T.iota([1, 1, 3, 3]), T.tensor([1, 1, 2, 2], [1, 1, 1, 1])],
                             [T.ints("pads", [1, 0, 0, 1])])
        #expect(y.shape == [1, 1, 3, 3])
        #expect(y.values == [1, 3, 2, 8, 12, 7, 20, 24, 13])
    }

    @Test func biasIsAddedPerOutputChannel() throws {
        let y = try T.floats("Conv", [T.iota([1, 1, 2, 2]), T.tensor([2, 1, 1, 1], [1, -1]), T.tensor([2], [10, 20])])
        #expect(y.values == [10, 11, 12, 13, 20, 19, 18, 17])
    }

    @Test func autoPadSameLowerWithStride() throws {
        // ONNX's conv_with_autopad_same: pad total 2 on each axis, split 1 / 1.
        let y = try T.floats("Conv", [T.iota([1, 1, 5, 5]), T.tensor([1, 1, 3, 3], [Float](repeating: 1, count: 9))],
                             [T.string("auto_pad", "SAME_LOWER"), T.ints("strides", [2, 2])])
        #expect(y.shape == [1, 1, 3, 3])
        #expect(y.values == [12, 27, 24, 63, 108, 81, 72, 117, 84])
    }

    /// With an odd total pad, SAME_UPPER puts the extra element at the end and SAME_LOWER at the beginning.
    @Test(arguments: [("SAME_UPPER", [0, 0, 1, 1]), ("SAME_LOWER", [1, 1, 0, 0])])
    func autoPadSameSplitsOddPadding(_ mode: String, _ explicit: [Int]) throws {
        let x = T.iota([1, 1, 4, 4]), w = T.tensor([1, 1, 2, 2], [1, 1, 1, 1])
        let same = try T.floats("Conv", [x, w], [T.string("auto_pad", mode)])
        let padded = try T.floats("Conv", [x, w], [T.ints("pads", explicit)])
        #expect(same.shape == [1, 1, 4, 4])
        #expect(same.values == padded.values)
        // Hand-checked corners.
        if mode == "SAME_UPPER" {
            #expect(same.values[0] == 10 && same.values[15] == 15)   // 0 + 1 + 4 + 5; 15 alone
        } else {
            #expect(same.values[0] == 0 && same.values[15] == 50)   // 0 alone; 10 + 11 + 14 + 15
        }
    }

    @Test func autoPadSameUsesTheDilatedKernel() throws {
        // Extent (3 - 1) * 2 + 1 = 5 on 6 inputs, stride 2: output 3, total pad (3 - 1) * 2 + 5 - 6 = 3.
        let x = T.random([1, 1, 6, 6], seed: 60), w = T.random([1, 1, 3, 3], seed: 61)
        let dilations = T.ints("dilations", [2, 2]), strides = T.ints("strides", [2, 2])
        let upper = try T.floats("Conv", [x, w], [T.string("auto_pad", "SAME_UPPER"), dilations, strides])
        let explicitUpper = try T.floats("Conv", [x, w], [T.ints("pads", [1, 1, 2, 2]), dilations, strides])
        #expect(upper.shape == [1, 1, 3, 3])
        #expect(upper.values == explicitUpper.values)
        let lower = try T.floats("Conv", [x, w], [T.string("auto_pad", "SAME_LOWER"), dilations, strides])
        let explicitLower = try T.floats("Conv", [x, w], [T.ints("pads", [2, 2, 1, 1]), dilations, strides])
        #expect(lower.values == explicitLower.values)
    }

    @Test func autoPadValidMeansNoPadding() throws {
        let x = T.random([1, 2, 5, 6], seed: 62), w = T.random([3, 2, 2, 3], seed: 63)
        let valid = try T.floats("Conv", [x, w], [T.string("auto_pad", "VALID"), T.ints("strides", [2, 2])])
        let plain = try T.floats("Conv", [x, w], [T.ints("strides", [2, 2])])
        #expect(valid.shape == [1, 3, 2, 2])
        #expect(valid.values == plain.values)
        // Zero pads alongside auto_pad are tolerated.
        let zeroPads = try T.floats("Conv", [x, w], [T.string("auto_pad", "VALID"), T.ints("pads", [0, 0, 0, 0]),
                                                     T.ints("strides", [2, 2])])
        #expect(zeroPads.values == plain.values)
        let notSet = try T.floats("Conv", [x, w], [T.string("auto_pad", "NOTSET"), T.ints("strides", [2, 2])])
        #expect(notSet.values == plain.values)
    }

    @Test func kernelShapeAttributeMatchingTheWeights() throws {
        let y = try T.floats("Conv", [T.iota([1, 1, 3, 3]), T.tensor([1, 1, 2, 2], [0, 1, 2, 3])],
                             [T.ints("kernel_shape", [2, 2])])
        #expect(y.values == [19, 25, 37, 43])
    }

    @Test(arguments: [1, 11, 22, OperatorRegistry.newestOpset])
    func everyOpsetComputesTheSame(_ opset: Int) throws {
        let y = try T.floats("Conv", [T.iota([1, 1, 3, 3]), T.tensor([1, 1, 2, 2], [0, 1, 2, 3])], opset: opset)
        #expect(y.values == [19, 25, 37, 43])
    }

    @Test func float64() throws {
        let x = Tensor(shape: [1, 1, 3, 3], scalars: (0..<9).map { Double($0) })
        let w = Tensor(shape: [1, 1, 2, 2], scalars: [0.0, 1, 2, 3])
        let y = try T.run("Conv", [x, w, Tensor(shape: [1], scalars: [0.5])])[0]
        #expect(y.elementType == .double)
        #expect(y.scalars(as: Double.self) == [19.5, 25.5, 37.5, 43.5])
    }

    @Test func float16AndBFloat16RunThroughFloat32() throws {
        let x16 = Tensor(shape: [1, 1, 3, 3], scalars: (0..<9).map { Float16($0) })
        let w16 = Tensor(shape: [1, 1, 2, 2], scalars: [0, 1, 2, 3].map { Float16($0) })
        let y16 = try T.run("Conv", [x16, w16])[0]
        #expect(y16.elementType == .float16)
        #expect(y16.scalars(as: Float16.self) == [19, 25, 37, 43])
        let xb = Tensor(shape: [1, 1, 3, 3], scalars: (0..<9).map { BFloat16(Float($0)) })
        let wb = Tensor(shape: [1, 1, 2, 2], scalars: [0, 1, 2, 3].map { BFloat16(Float($0)) })
        let yb = try T.run("Conv", [xb, wb])[0]
        #expect(yb.elementType == .bfloat16)
        #expect(yb.doubles() == [19, 25, 37, 43])
    }

    @Test func emptyBatchGivesEmptyOutput() throws {
        let w = T.tensor([2, 1, 2, 2], [Float](repeating: 1, count: 8))
        let y = try T.run("Conv", [T.tensor([0, 1, 3, 3], []), w])
        #expect(y[0].shape == [0, 2, 2, 2])
    }

    // MARK: Rejected attributes and inputs

    static let badAttributes: [[Attribute]] = [
        [T.int("group", 0)],
        [T.int("group", -2)],
        [T.ints("pads", [0, -1, 0, 0])],
        [T.ints("pads", [1, 1, 1])],
        [T.ints("strides", [1, 0])],
        [T.ints("dilations", [0, 1])],
        [T.ints("kernel_shape", [2, 0])],
        [T.string("auto_pad", "SAME")],
        [T.string("auto_pad", "SAME_UPPER"), T.ints("pads", [1, 1, 1, 1])],
        [T.ints("strides", [1, 1]), T.ints("dilations", [1, 1, 1])],
        [T.ints("kernel_shape", [2, 2]), T.ints("pads", [0, 0])],
        [Attribute("strides", .floats([1, 1]))],
        [Attribute("group", .string("1"))],
    ]

    @Test(arguments: badAttributes)
    func rejectsBadAttributes(_ attributes: [Attribute]) {
        T.expectInvalid { _ = try T.make("Conv", inputs: 2, attributes) }
    }

    @Test func rejectsWrongArity() {
        T.expectInvalid { _ = try T.make("Conv", inputs: 1) }
        T.expectInvalid { _ = try T.make("Conv", inputs: 4) }
        T.expectInvalid { _ = try T.make("Conv", inputs: 2, outputs: 2) }
    }

    /// (X shape, W shape, B shape, attributes) that are inconsistent.
    static let badShapes: [([Int], [Int], [Int]?, [Attribute])] = [
        ([1, 3], [1, 3], nil, []),                                      // no spatial axis
        ([1, 1, 3, 3], [1, 1, 2], nil, []),                             // W rank differs
        ([1, 3, 4, 4], [2, 2, 2, 2], nil, []),                          // channels differ
        ([1, 4, 4, 4], [3, 2, 2, 2], nil, [T.int("group", 2)]),         // M not divisible by group
        ([1, 3, 4, 4], [2, 1, 2, 2], nil, [T.int("group", 2)]),         // group does not divide C
        ([1, 1, 4, 4], [2, 1, 2, 2], [3], []),                          // bias length
        ([1, 1, 4, 4], [2, 1, 2, 2], [1, 2], []),                       // bias rank
        ([1, 1, 4, 4], [1, 1, 2, 2], nil, [T.ints("kernel_shape", [3, 3])]),
        ([1, 1, 2, 2], [1, 1, 3, 3], nil, []),                          // kernel larger than input
        ([1, 1, 4, 4], [1, 1, 2, 2], nil, [T.ints("strides", [1, 1, 1])]),
        ([1, 1, 4, 4], [1, 1, 2, 2], nil, [T.ints("pads", [1, 1])]),
        ([1, 1, 4, 4], [1, 1, 2, 2], nil, [T.ints("dilations", [1 << 62, 1 << 62])]),
        ([1, 1, 4, 4], [1, 1, 0, 2], nil, []),                          // empty kernel
    ]

    @Test(arguments: badShapes)
    func rejectsInconsistentShapes(_ x: [Int], _ w: [Int], _ b: [Int]?, _ attributes: [Attribute]) throws {
        let op = try T.make("Conv", inputs: b == nil ? 2 : 3, attributes)
        let infos: [TensorInfo?] = [TensorInfo(elementType: .float, shape: x),
                                    TensorInfo(elementType: .float, shape: w),
                                    b.map { TensorInfo(elementType: .float, shape: $0) }]
        T.expectInvalid { _ = try op.inferOutputs(infos) }
        let tensors: [Tensor?] = [Tensor(zeros: .float, shape: x), Tensor(zeros: .float, shape: w),
                                  b.map { Tensor(zeros: .float, shape: $0) }]
        T.expectInvalid { _ = try op.run(tensors) }
    }

    @Test func rejectsBadElementTypes() throws {
        let op = try T.make("Conv", inputs: 3)
        let x = Tensor(zeros: .float, shape: [1, 1, 3, 3]), w = Tensor(zeros: .float, shape: [1, 1, 2, 2])
        T.expectInvalid { _ = try op.run([Tensor(zeros: .int32, shape: [1, 1, 3, 3]), w, nil]) }
        T.expectInvalid { _ = try op.run([x, Tensor(zeros: .double, shape: [1, 1, 2, 2]), nil]) }
        T.expectInvalid { _ = try op.run([x, w, Tensor(zeros: .float16, shape: [1])]) }
        T.expectInvalid {
            _ = try op.inferOutputs([TensorInfo(elementType: .int64, shape: [1, 1, 3, 3]), TensorInfo(w), nil])
        }
    }

    @Test func rejectsOverflowingOutput() throws {
        let op = try T.make("Conv", inputs: 2, [T.ints("pads", [0, 0, Int.max / 2, Int.max / 2])])
        T.expectInvalid {
            _ = try op.inferOutputs([TensorInfo(elementType: .float, shape: [1, 1, 4, 4]),
                                     TensorInfo(elementType: .float, shape: [1, 1, 2, 2])])
        }
    }
}
