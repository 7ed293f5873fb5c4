import Testing
@testable import Cnnrt

/// One ConvTranspose configuration for the sweep against the scatter-form oracle.
struct ConvTransposeSweepCase: Sendable, CustomStringConvertible {
    var batch = 1
    var channels: Int
    var groupOutChannels: Int
    var input: [Int]
    var kernel: [Int]
    var strides: [Int]? = nil
    var pads: [Int]? = nil
    var dilations: [Int]? = nil
    var outputPadding: [Int]? = nil
    var outputShape: [Int]? = nil
    var autoPad: String? = nil
    var group = 1
    var bias = false

    var description: String {
        "N\(batch) C\(channels) M/g\(groupOutChannels) in\(input) k\(kernel) s\(strides ?? []) p\(pads ?? []) "
            + "d\(dilations ?? []) op\(outputPadding ?? []) os\(outputShape ?? []) \(autoPad ?? "") g\(group)"
    }

    var rank: Int { input.count }

    var attributes: [Attribute] {
        var list: [Attribute] = []
        if let strides { list.append(ConvPoolTest.ints("strides", strides)) }
        if let pads { list.append(ConvPoolTest.ints("pads", pads)) }
        if let dilations { list.append(ConvPoolTest.ints("dilations", dilations)) }
        if let outputPadding { list.append(ConvPoolTest.ints("output_padding", outputPadding)) }
        if let outputShape { list.append(ConvPoolTest.ints("output_shape", outputShape)) }
        if let autoPad { list.append(ConvPoolTest.string("auto_pad", autoPad)) }
        if group != 1 { list.append(ConvPoolTest.int("group", group)) }
        return list
    }

    /// The spec's output size and begin padding, computed independently of the implementation.
    var expected: (output: [Int], padsBegin: [Int]) {
        var output: [Int] = [], begin: [Int] = []
        for axis in 0..<rank {
            let s = strides?[axis] ?? 1, d = dilations?[axis] ?? 1, op = outputPadding?[axis] ?? 0
            let full = s * (input[axis] - 1) + op + (kernel[axis] - 1) * d + 1
            let target: Int? = outputShape?[axis] ?? ((autoPad ?? "").hasPrefix("SAME") ? input[axis] * s : nil)
            if let target {
                let total = full - target
                let half = Int((Double(total) / 2).rounded(.down))
                begin.append(autoPad == "SAME_UPPER" ? half : total - half)
                output.append(target)
            } else {
                let p0 = pads?[axis] ?? 0, p1 = pads?[rank + axis] ?? 0
                begin.append(p0)
                output.append(full - p0 - p1)
            }
        }
        return (output, begin)
    }
}

@Suite struct ConvTransposeTests {
    typealias T = ConvPoolTest

    static let sweep: [ConvTransposeSweepCase] = [
        ConvTransposeSweepCase(channels: 1, groupOutChannels: 1, input: [4], kernel: [3]),
        ConvTransposeSweepCase(batch: 2, channels: 2, groupOutChannels: 3, input: [5], kernel: [3], strides: [2],
                               pads: [1, 2], dilations: [2], outputPadding: [1], bias: true),
        ConvTransposeSweepCase(channels: 2, groupOutChannels: 2, input: [3, 4], kernel: [3, 2], strides: [2, 3],
                               bias: true),
        ConvTransposeSweepCase(channels: 3, groupOutChannels: 2, input: [4, 3], kernel: [2, 3], strides: [2, 2],
                               pads: [1, 0, 0, 2], outputPadding: [1, 0]),
        ConvTransposeSweepCase(batch: 2, channels: 4, groupOutChannels: 3, input: [3, 4], kernel: [3, 3],
                               strides: [2, 1], dilations: [1, 2], group: 2, bias: true),
        ConvTransposeSweepCase(channels: 3, groupOutChannels: 1, input: [4, 4], kernel: [3, 3], strides: [2, 2],
                               pads: [1, 1, 1, 1], outputPadding: [1, 1], group: 3),
        ConvTransposeSweepCase(channels: 2, groupOutChannels: 2, input: [3, 3], kernel: [3, 3], strides: [3, 2],
                               outputShape: [10, 8]),
        ConvTransposeSweepCase(channels: 2, groupOutChannels: 2, input: [4, 3], kernel: [3, 2], strides: [2, 2],
                               outputShape: [6, 5], autoPad: "SAME_UPPER", bias: true),
        ConvTransposeSweepCase(channels: 2, groupOutChannels: 1, input: [4, 3], kernel: [3, 3], strides: [2, 3],
                               autoPad: "SAME_LOWER"),
        ConvTransposeSweepCase(channels: 1, groupOutChannels: 2, input: [3, 5], kernel: [4, 2], strides: [2, 3],
                               autoPad: "SAME_UPPER"),
        ConvTransposeSweepCase(channels: 2, groupOutChannels: 2, input: [2, 3, 2], kernel: [2, 2, 3],
                               strides: [2, 1, 2], pads: [0, 1, 1, 1, 0, 0], bias: true),
        ConvTransposeSweepCase(channels: 2, groupOutChannels: 1, input: [3, 2, 2], kernel: [2, 3, 2],
                               dilations: [2, 1, 1], outputShape: [4, 4, 4], group: 2),
    ]

    @Test(arguments: sweep.enumerated().map { $0 })
    func matchesScatterDefinition(_ index: Int, _ c: ConvTransposeSweepCase) throws {
        let x = T.random([c.batch, c.channels] + c.input, seed: UInt64(100 + index * 3))
        let w = T.random([c.channels, c.groupOutChannels] + c.kernel, seed: UInt64(101 + index * 3))
        let m = c.groupOutChannels * c.group
        let b = c.bias ? T.random([m], seed: UInt64(102 + index * 3)) : nil
        let y = try T.run("ConvTranspose", [x, w, b], c.attributes)[0]
        let (output, padsBegin) = c.expected
        #expect(y.shape == [c.batch, m] + output)
        let ones = [Int](repeating: 1, count: c.rank)
        let expected = T.naiveConvTranspose(x: x, w: w, b: b, strides: c.strides ?? ones, padsBegin: padsBegin,
                                            dilations: c.dilations ?? ones, group: c.group, outSpatial: output)
        T.expectClose(y.doubles(), expected)
    }

    @Test func fullOutputOfOnesKernel() throws {
        let y = try T.floats("ConvTranspose", [T.iota([1, 1, 3, 3]), T.tensor([1, 2, 3, 3], [Float](repeating: 1,
                                                                                                   count: 18))])
        #expect(y.shape == [1, 2, 5, 5])
        // Row r sums input rows max(0, r - 2)...min(2, r), each summed over the same column window.
        let channel: [Float] = [0, 1, 3, 3, 2, 3, 8, 15, 12, 7, 9, 21, 36, 27, 15, 9, 20, 33, 24, 13, 6, 13, 21, 15, 8]
        #expect(y.values == channel + channel)
    }

    @Test func oneDimensional() throws {
        let y = try T.floats("ConvTranspose", [T.iota([1, 1, 3]), T.tensor([1, 2, 3], [1, 1, 1, 1, 1, 1])])
        #expect(y.shape == [1, 2, 5])
        #expect(y.values == [0, 1, 3, 3, 2, 0, 1, 3, 3, 2])
    }

    /// x = [1, 2, 3], ones kernel of 3, stride 2: the full output is [1, 1, 3, 2, 5, 3, 3].
    static let strided: [([Attribute], [Float])] = [
        ([], [1, 1, 3, 2, 5, 3, 3]),
        ([T.string("auto_pad", "VALID")], [1, 1, 3, 2, 5, 3, 3]),
        ([T.ints("pads", [1, 2])], [1, 3, 2, 5]),
        ([T.ints("output_padding", [1])], [1, 1, 3, 2, 5, 3, 3, 0]),
        ([T.ints("output_padding", [1]), T.ints("pads", [2, 0])], [3, 2, 5, 3, 3, 0]),
        // output_shape 6: total padding 1, the larger half at the beginning unless SAME_UPPER.
        ([T.ints("output_shape", [6])], [1, 3, 2, 5, 3, 3]),
        ([T.ints("output_shape", [1, 1, 6])], [1, 3, 2, 5, 3, 3]),
        ([T.ints("output_shape", [6]), T.string("auto_pad", "SAME_LOWER")], [1, 3, 2, 5, 3, 3]),
        ([T.ints("output_shape", [6]), T.string("auto_pad", "SAME_UPPER")], [1, 1, 3, 2, 5, 3]),
        // output_shape overrides pads.
        ([T.ints("output_shape", [6]), T.ints("pads", [0, 3])], [1, 3, 2, 5, 3, 3]),
        // Larger than the full output: negative padding adds zeros (floor(-1 / 2) = -1 at the end).
        ([T.ints("output_shape", [8])], [1, 1, 3, 2, 5, 3, 3, 0]),
        ([T.ints("output_shape", [8]), T.string("auto_pad", "SAME_UPPER")], [0, 1, 1, 3, 2, 5, 3, 3]),
        ([T.ints("output_shape", [9])], [0, 1, 1, 3, 2, 5, 3, 3, 0]),
        // SAME without output_shape: output = input * stride = 6.
        ([T.string("auto_pad", "SAME_UPPER")], [1, 1, 3, 2, 5, 3]),
        ([T.string("auto_pad", "SAME_LOWER")], [1, 3, 2, 5, 3, 3]),
    ]

    @Test(arguments: strided)
    func stridedPaddingRules(_ attributes: [Attribute], _ expected: [Float]) throws {
        let y = try T.floats("ConvTranspose", [T.tensor([1, 1, 3], [1, 2, 3]), T.tensor([1, 1, 3], [1, 1, 1])],
                             attributes + [T.ints("strides", [2])])
        #expect(y.shape == [1, 1, expected.count])
        #expect(y.values == expected)
    }

    @Test func dilatedOneDimensional() throws {
        // o = i + 2k: k = 0 places 1, 2, 3 at 0, 1, 2; k = 1 places 10, 20, 30 at 2, 3, 4.
        let y = try T.floats("ConvTranspose", [T.tensor([1, 1, 3], [1, 2, 3]), T.tensor([1, 1, 2], [1, 10])],
                             [T.ints("dilations", [2])])
        #expect(y.values == [1, 2, 13, 20, 30])
    }

    @Test func dilatedTwoDimensional() throws {
        let x = T.tensor([1, 1, 3, 3], [3, 8, 1, 9, 5, 7, 3, 2, 6])
        let w = T.tensor([1, 1, 2, 2], [7, 2, 1, 9])
        let y = try T.floats("ConvTranspose", [x, w], [T.ints("dilations", [2, 2])])
        #expect(y.shape == [1, 1, 5, 5])
        #expect(y.values == [21, 56, 13, 16, 2, 63, 35, 67, 10, 14, 24, 22, 76, 76, 21, 9, 5, 88, 45, 63,
                             3, 2, 33, 18, 54])
    }

    @Test func outputPaddingEqualsMatchingOutputShape() throws {
        let x = T.iota([1, 1, 3, 3]), w = T.tensor([1, 2, 3, 3], [Float](repeating: 1, count: 18))
        let strides = T.ints("strides", [3, 2])
        let padded = try T.floats("ConvTranspose", [x, w], [strides, T.ints("output_padding", [1, 1])])
        let shaped = try T.floats("ConvTranspose", [x, w], [strides, T.ints("output_shape", [10, 8])])
        #expect(padded.shape == [1, 2, 10, 8] && shaped.shape == [1, 2, 10, 8])
        #expect(padded.values == shaped.values)
        // First row of a channel: columns 2j + k; the last column and row receive nothing.
        #expect(Array(padded.values[0..<8]) == [0, 0, 1, 1, 3, 2, 2, 0])
        #expect(Array(padded.values[72..<80]) == [Float](repeating: 0, count: 8))
    }

    @Test func groupsKeepChannelsApart() throws {
        // Two groups, one channel each, 1x1 kernels: channel g is scaled by its own weight.
        let y = try T.floats("ConvTranspose", [T.iota([1, 2, 2]), T.tensor([2, 1, 1], [2, 3])],
                             [T.int("group", 2)])
        #expect(y.values == [0, 2, 6, 9])
    }

    @Test func biasAndKernelShape() throws {
        let y = try T.floats("ConvTranspose", [T.iota([1, 1, 3]), T.tensor([1, 1, 3], [1, 1, 1]),
                                               T.tensor([1], [0.5])], [T.ints("kernel_shape", [3])])
        #expect(y.values == [0.5, 1.5, 3.5, 3.5, 2.5])
    }

    @Test(arguments: [1, 11, 22, OperatorRegistry.newestOpset])
    func everyOpset(_ opset: Int) throws {
        let y = try T.floats("ConvTranspose", [T.iota([1, 1, 3]), T.tensor([1, 1, 3], [1, 1, 1])], opset: opset)
        #expect(y.values == [0, 1, 3, 3, 2])
    }

    @Test func float64AndFloat16() throws {
        let x = Tensor(shape: [1, 1, 3], scalars: [0.0, 1, 2]), w = Tensor(shape: [1, 1, 3], scalars: [1.0, 1, 1])
        let y = try T.run("ConvTranspose", [x, w])[0]
        #expect(y.scalars(as: Double.self) == [0, 1, 3, 3, 2])
        let x16 = Tensor(shape: [1, 1, 3], scalars: [0, 1, 2].map { Float16($0) })
        let w16 = Tensor(shape: [1, 1, 3], scalars: [1, 1, 1].map { Float16($0) })
        let y16 = try T.run("ConvTranspose", [x16, w16])[0]
        #expect(y16.scalars(as: Float16.self) == [0, 1, 3, 3, 2])
    }

    // MARK: Rejected attributes and inputs

    static let badAttributes: [[Attribute]] = [
        [T.int("group", 0)],
        [T.ints("output_padding", [-1])],
        [T.ints("output_shape", [0])],
        [T.ints("output_shape", [-3])],
        [T.ints("pads", [-1, 0])],
        [T.ints("strides", [0])],
        [T.string("auto_pad", "SAME_UPPER"), T.ints("pads", [1, 0])],
        [T.string("auto_pad", "same_upper")],
    ]

    @Test(arguments: badAttributes)
    func rejectsBadAttributes(_ attributes: [Attribute]) {
        T.expectInvalid { _ = try T.make("ConvTranspose", inputs: 2, attributes) }
    }

    static let badShapes: [([Int], [Int], [Int]?, [Attribute])] = [
        ([1, 2], [2, 1], nil, []),                                            // no spatial axis
        ([1, 2, 3], [3, 1, 2], nil, []),                                      // W.shape[0] != C
        ([1, 3, 3], [3, 1, 2], nil, [T.int("group", 2)]),                     // group does not divide C
        ([1, 2, 3], [2, 1, 2], [1], [T.int("group", 2)]),                     // bias must have M = 2
        ([1, 2, 3], [2, 1, 2, 2], nil, []),                                   // W rank
        ([1, 1, 3], [1, 1, 2], nil, [T.ints("kernel_shape", [3])]),
        ([1, 1, 3], [1, 1, 2], nil, [T.ints("output_shape", [4, 4])]),
        ([1, 1, 3], [1, 1, 2], nil, [T.ints("output_padding", [1, 1])]),
        ([1, 1, 3], [1, 1, 2], nil, [T.ints("pads", [2, 2])]),                // output 4 - 4 = 0
        ([1, 1, 3], [1, 1, 2], nil, [T.ints("strides", [Int.max])]),
    ]

    @Test(arguments: badShapes)
    func rejectsInconsistentShapes(_ x: [Int], _ w: [Int], _ b: [Int]?, _ attributes: [Attribute]) throws {
        let op = try T.make("ConvTranspose", inputs: b == nil ? 2 : 3, attributes)
        let infos: [TensorInfo?] = [TensorInfo(elementType: .float, shape: x),
                                    TensorInfo(elementType: .float, shape: w),
                                    b.map { TensorInfo(elementType: .float, shape: $0) }]
        T.expectInvalid { _ = try op.inferOutputs(infos) }
        let tensors: [Tensor?] = [Tensor(zeros: .float, shape: x), Tensor(zeros: .float, shape: w),
                                  b.map { Tensor(zeros: .float, shape: $0) }]
        T.expectInvalid { _ = try op.run(tensors) }
    }

    @Test func rejectsBadElementTypes() throws {
        let op = try T.make("ConvTranspose", inputs: 2)
        T.expectInvalid {
            _ = try op.run([Tensor(zeros: .int8, shape: [1, 1, 3]), Tensor(zeros: .int8, shape: [1, 1, 2])])
        }
        T.expectInvalid {
            _ = try op.run([Tensor(zeros: .float, shape: [1, 1, 3]), Tensor(zeros: .double, shape: [1, 1, 2])])
        }
    }
}
