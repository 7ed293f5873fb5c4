import Testing
@testable import Cnnrt

/// One pooling configuration for the sweeps against the naive oracle (explicit padding).
struct PoolSweepCase: Sendable, CustomStringConvertible {
    var input: [Int]
    var kernel: [Int]
    var strides: [Int]? = nil
    var pads: [Int]? = nil
    var dilations: [Int]? = nil
    var ceil = false
    var countIncludePad = false

    var description: String {
        "in\(input) k\(kernel) s\(strides ?? []) p\(pads ?? []) d\(dilations ?? [])\(ceil ? " ceil" : "")"
            + (countIncludePad ? " include-pad" : "")
    }

    var rank: Int { input.count }
    var stridesOrOnes: [Int] { strides ?? [Int](repeating: 1, count: rank) }
    var dilationsOrOnes: [Int] { dilations ?? [Int](repeating: 1, count: rank) }
    var padsOrZeros: [Int] { pads ?? [Int](repeating: 0, count: 2 * rank) }

    func attributes(max: Bool) -> [Attribute] {
        var list = [ConvPoolTest.ints("kernel_shape", kernel)]
        if let strides { list.append(ConvPoolTest.ints("strides", strides)) }
        if let pads { list.append(ConvPoolTest.ints("pads", pads)) }
        if let dilations { list.append(ConvPoolTest.ints("dilations", dilations)) }
        if ceil { list.append(ConvPoolTest.int("ceil_mode", 1)) }
        if countIncludePad && !max { list.append(ConvPoolTest.int("count_include_pad", 1)) }
        return list
    }

    /// Output sizes by the spec: floor, or ceil without windows that start in the end padding.
    var outputSizes: [Int] {
        (0..<rank).map { axis in
            let s = stridesOrOnes[axis], begin = padsOrZeros[axis], end = padsOrZeros[rank + axis]
            let span = input[axis] + begin + end - ((kernel[axis] - 1) * dilationsOrOnes[axis] + 1)
            var out = span / s + 1
            if ceil && span % s != 0 {
                out += 1
                if (out - 1) * s >= input[axis] + begin { out -= 1 }
            }
            return out
        }
    }
}

@Suite struct PoolTests {
    typealias T = ConvPoolTest

    static let sweep: [PoolSweepCase] = [
        PoolSweepCase(input: [9], kernel: [3]),
        PoolSweepCase(input: [10], kernel: [3], strides: [2], pads: [1, 2], ceil: true),
        PoolSweepCase(input: [11], kernel: [2], strides: [3], dilations: [3], ceil: true, countIncludePad: true),
        PoolSweepCase(input: [6, 7], kernel: [3, 2], strides: [2, 2]),
        PoolSweepCase(input: [6, 6], kernel: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1], ceil: true,
                      countIncludePad: true),
        PoolSweepCase(input: [7, 5], kernel: [3, 2], strides: [2, 3], pads: [2, 0, 1, 1], countIncludePad: true),
        PoolSweepCase(input: [7, 8], kernel: [2, 3], strides: [3, 2], pads: [0, 1, 1, 0], dilations: [2, 2],
                      ceil: true),
        PoolSweepCase(input: [5, 5], kernel: [3, 3], strides: [3, 3], pads: [1, 1, 1, 1], ceil: true,
                      countIncludePad: true),
        PoolSweepCase(input: [4, 5, 6], kernel: [2, 3, 2], strides: [2, 1, 2], pads: [1, 1, 0, 0, 1, 1]),
        PoolSweepCase(input: [5, 4, 5], kernel: [2, 2, 3], strides: [2, 2, 2], dilations: [2, 1, 1], ceil: true,
                      countIncludePad: true),
    ]

    @Test(arguments: sweep.enumerated().map { $0 })
    func maxPoolMatchesNaiveDefinition(_ index: Int, _ c: PoolSweepCase) throws {
        let x = T.random([2, 3] + c.input, seed: UInt64(200 + index))
        let y = try T.run("MaxPool", [x], c.attributes(max: true))[0]
        #expect(y.shape == [2, 3] + c.outputSizes)
        let pads = c.padsOrZeros
        let expected = T.naivePool(x: x, max: true, kernel: c.kernel, strides: c.stridesOrOnes,
                                   padsBegin: Array(pads[0..<c.rank]), padsEnd: Array(pads[c.rank...]),
                                   dilations: c.dilationsOrOnes, countIncludePad: false, outSpatial: c.outputSizes)
        #expect(y.doubles() == expected)
    }

    @Test(arguments: sweep.enumerated().map { $0 })
    func averagePoolMatchesNaiveDefinition(_ index: Int, _ c: PoolSweepCase) throws {
        let x = T.random([2, 3] + c.input, seed: UInt64(300 + index))
        let y = try T.run("AveragePool", [x], c.attributes(max: false))[0]
        #expect(y.shape == [2, 3] + c.outputSizes)
        let pads = c.padsOrZeros
        let expected = T.naivePool(x: x, max: false, kernel: c.kernel, strides: c.stridesOrOnes,
                                   padsBegin: Array(pads[0..<c.rank]), padsEnd: Array(pads[c.rank...]),
                                   dilations: c.dilationsOrOnes, countIncludePad: c.countIncludePad,
                                   outSpatial: c.outputSizes)
        T.expectClose(y.doubles(), expected)
    }

    // MARK: MaxPool

    @Test func maxPoolCeilMode() throws {
        let x = T.iota([1, 1, 4, 4], from: 1)
        let attributes = [T.ints("kernel_shape", [3, 3]), T.ints("strides", [2, 2])]
        let floor = try T.floats("MaxPool", [x], attributes)
        #expect(floor.shape == [1, 1, 1, 1] && floor.values == [11])
        let ceil = try T.floats("MaxPool", [x], attributes + [T.int("ceil_mode", 1)])
        #expect(ceil.shape == [1, 1, 2, 2])
        #expect(ceil.values == [11, 12, 15, 16])
    }

    @Test func ceilModeNeverStartsAWindowInTheEndPadding() throws {
        // 2x2 input, kernel 3, stride 3, pads 1: ceil((2 + 2 - 3) / 3) + 1 = 2, but the second window would
        // start at 3 - 1 = 2, in the end padding, so it is dropped.
        let x = T.tensor([1, 1, 2, 2], [4, 1, 2, 3])
        let attributes = [T.ints("kernel_shape", [3, 3]), T.ints("strides", [3, 3]), T.ints("pads", [1, 1, 1, 1]),
                          T.int("ceil_mode", 1)]
        let max = try T.floats("MaxPool", [x], attributes)
        #expect(max.shape == [1, 1, 1, 1] && max.values == [4])
        let average = try T.floats("AveragePool", [x], attributes)
        #expect(average.shape == [1, 1, 1, 1] && average.values == [2.5])
        let counted = try T.floats("AveragePool", [x], attributes + [T.int("count_include_pad", 1)])
        #expect(counted.values == [10.0 / 9])
    }

    @Test func ceilModeKeepsAWindowStartingInTheInput() throws {
        // Length 5, kernel 2, stride 2: windows start at 0, 2 and 4 (the last covers only element 4).
        let y = try T.floats("MaxPool", [T.tensor([1, 1, 5], [1, 5, 2, 4, 3])],
                             [T.ints("kernel_shape", [2]), T.ints("strides", [2]), T.int("ceil_mode", 1)])
        #expect(y.values == [5, 4, 3])
    }

    @Test func maxPoolDilations() throws {
        let y = try T.floats("MaxPool", [T.iota([1, 1, 4, 4], from: 1)],
                             [T.ints("kernel_shape", [2, 2]), T.ints("dilations", [2, 2])])
        #expect(y.shape == [1, 1, 2, 2])
        #expect(y.values == [11, 12, 15, 16])
    }

    @Test func maxPoolIndicesRowMajor() throws {
        // 5x5 of 1...25, kernel 5, pads 2: window (r, c) covers rows r-2...r+2 and columns c-2...c+2.
        let results = try T.run("MaxPool", [T.iota([1, 1, 5, 5], from: 1)],
                                [T.ints("kernel_shape", [5, 5]), T.ints("pads", [2, 2, 2, 2])], outputs: 2)
        let rows: [Float] = [13, 14, 15, 15, 15, 18, 19, 20, 20, 20]
        #expect(results[0].floats == rows + [23, 24, 25, 25, 25] + [23, 24, 25, 25, 25] + [23, 24, 25, 25, 25])
        #expect(results[1].elementType == .int64)
        let indices = results[1].scalars(as: Int64.self)
        let last: [Int64] = [22, 23, 24, 24, 24]
        #expect(indices == [12, 13, 14, 14, 14, 17, 18, 19, 19, 19] + last + last + last)
    }

    @Test func maxPoolIndicesColumnMajor() throws {
        // 5x5 of 1...25, kernel 2, stride 2: maxima 7, 9, 17, 19 at (1,1), (1,3), (3,1), (3,3).
        let attributes = [T.ints("kernel_shape", [2, 2]), T.ints("strides", [2, 2])]
        let rowMajor = try T.run("MaxPool", [T.iota([1, 1, 5, 5], from: 1)], attributes, outputs: 2)
        #expect(rowMajor[0].floats == [7, 9, 17, 19])
        #expect(rowMajor[1].scalars(as: Int64.self) == [6, 8, 16, 18])
        let columnMajor = try T.run("MaxPool", [T.iota([1, 1, 5, 5], from: 1)],
                                    attributes + [T.int("storage_order", 1)], outputs: 2)
        #expect(columnMajor[1].scalars(as: Int64.self) == [6, 16, 8, 18])   // w * 5 + h
    }

    @Test func maxPoolIndicesCountBatchAndChannel() throws {
        // N = 2, C = 2, planes of 3 (1-D): the index is flat over the whole tensor.
        let x = T.tensor([2, 2, 3], [0, 9, 1, 5, 2, 3, 7, 7, 0, 1, 2, 8])
        let results = try T.run("MaxPool", [x], [T.ints("kernel_shape", [3])], outputs: 2)
        #expect(results[0].floats == [9, 5, 7, 8])
        // Ties take the first maximum: 7 at index 6.
        #expect(results[1].scalars(as: Int64.self) == [1, 3, 6, 11])
    }

    @Test func maxPoolIndicesColumnMajorThreeDimensional() throws {
        // A 2x3x2 plane, one window over all of it: the maximum at (h, w, d) = (1, 2, 0).
        var values = [Float](repeating: 0, count: 12)
        values[1 * 6 + 2 * 2 + 0] = 5
        let results = try T.run("MaxPool", [T.tensor([1, 1, 2, 3, 2], values)],
                                [T.ints("kernel_shape", [2, 3, 2]), T.int("storage_order", 1)], outputs: 2)
        #expect(results[1].scalars(as: Int64.self) == [5])   // h + w * H + d * H * W = 1 + 2 * 2 + 0 * 6
    }

    @Test func maxPoolSkipsNaNAndPadding() throws {
        let x = T.tensor([1, 1, 4], [.nan, -3, .nan, -5])
        let results = try T.run("MaxPool", [x], [T.ints("kernel_shape", [2]), T.ints("pads", [1, 1]),
                                                 T.ints("strides", [2])], outputs: 2)
        // Windows: [pad, NaN] -> nothing valid, [-3, NaN] -> -3, [-5, pad] -> -5.
        #expect(results[0].floats == [-.infinity, -3, -5])
        #expect(results[1].scalars(as: Int64.self) == [-1, 1, 3])
    }

    @Test func maxPoolEmptyWindowFromDilation() throws {
        // Kernel 2, dilation 3, pads 1 on 2 elements: the only window reads positions -1 and 2.
        let results = try T.run("MaxPool", [T.tensor([1, 1, 2], [1, 2])],
                                [T.ints("kernel_shape", [2]), T.ints("dilations", [3]), T.ints("pads", [1, 1])],
                                outputs: 2)
        #expect(results[0].floats == [-.infinity])
        #expect(results[1].scalars(as: Int64.self) == [-1])
    }

    @Test func maxPoolAutoPadSameUpperWithStride() throws {
        let y = try T.floats("MaxPool", [T.iota([1, 1, 5, 5], from: 1)],
                             [T.ints("kernel_shape", [3, 3]), T.ints("strides", [2, 2]),
                              T.string("auto_pad", "SAME_UPPER")])
        #expect(y.shape == [1, 1, 3, 3])
        #expect(y.values == [7, 9, 10, 17, 19, 20, 22, 24, 25])
    }

    @Test(arguments: ["MaxPool", "AveragePool"])
    func autoPadModesEqualExplicitPads(_ opType: String) throws {
        // 4x4, kernel 2, stride 1: total pad 1 per axis, at the end for SAME_UPPER, the beginning for SAME_LOWER.
        let x = T.random([1, 2, 4, 4], seed: 400)
        let kernel = T.ints("kernel_shape", [2, 2])
        let cases: [(String, [Int])] = [("SAME_UPPER", [0, 0, 1, 1]), ("SAME_LOWER", [1, 1, 0, 0]),
                                        ("VALID", [0, 0, 0, 0]), ("NOTSET", [0, 0, 0, 0])]
        for (mode, pads) in cases {
            let automatic = try T.floats(opType, [x], [kernel, T.string("auto_pad", mode)])
            let explicit = try T.floats(opType, [x], [kernel, T.ints("pads", pads)])
            #expect(automatic.shape == explicit.shape, "\(mode)")
            #expect(automatic.values == explicit.values, "\(mode)")
        }
        // Stride 2, dilation 2 (extent 3): ceil(4 / 2) = 2 windows need (2 - 1) * 2 + 3 - 4 = 1 pad (upper: end).
        let strided = [kernel, T.ints("strides", [2, 2]), T.ints("dilations", [2, 2])]
        let same = try T.floats(opType, [x], strided + [T.string("auto_pad", "SAME_UPPER")])
        let explicit = try T.floats(opType, [x], strided + [T.ints("pads", [0, 0, 1, 1])])
        #expect(same.shape == [1, 2, 2, 2])
        #expect(same.values == explicit.values)
    }

    @Test func maxPoolOneAndThreeDimensional() throws {
        let y1 = try T.floats("MaxPool", [T.tensor([1, 1, 5], [3, 1, 4, 1, 5])], [T.ints("kernel_shape", [2])])
        #expect(y1.values == [3, 4, 4, 5])
        let y3 = try T.floats("MaxPool", [T.iota([1, 1, 2, 2, 2])], [T.ints("kernel_shape", [2, 2, 2])])
        #expect(y3.shape == [1, 1, 1, 1, 1] && y3.values == [7])
    }

    @Test func maxPoolEightBitIntegersFromOpset12() throws {
        let x = Tensor(shape: [1, 1, 4], scalars: [Int8(-5), -2, -7, 3])
        let y = try T.run("MaxPool", [x], [T.ints("kernel_shape", [2])], opset: 12)[0]
        #expect(y.scalars(as: Int8.self) == [-2, -2, 3])
        let u = Tensor(shape: [1, 1, 3], scalars: [UInt8(200), 7, 255])
        #expect(try T.run("MaxPool", [u], [T.ints("kernel_shape", [2])])[0].scalars(as: UInt8.self) == [200, 255])
        let op = try T.make("MaxPool", [T.ints("kernel_shape", [2])], opset: 11)
        T.expectInvalid { _ = try op.run([x]) }
    }

    @Test func maxPoolFloat64AndFloat16() throws {
        let d = try T.run("MaxPool", [Tensor(shape: [1, 1, 3], scalars: [1.5, -2, 0.25])],
                          [T.ints("kernel_shape", [2])])[0]
        #expect(d.scalars(as: Double.self) == [1.5, 0.25])
        let h = try T.run("MaxPool", [Tensor(shape: [1, 1, 3], scalars: [1.5, -2, 0.25].map { Float16($0) })],
                          [T.ints("kernel_shape", [2])], outputs: 2)
        #expect(h[0].scalars(as: Float16.self) == [1.5, 0.25])
        #expect(h[1].scalars(as: Int64.self) == [0, 2])
    }

    @Test func maxPoolOpsetBranches() throws {
        let kernel = T.ints("kernel_shape", [2])
        // Opset 1-7: one output, no storage_order, ceil_mode or dilations.
        T.expectInvalid { _ = try T.make("MaxPool", outputs: 2, [kernel], opset: 7) }
        T.expectInvalid { _ = try T.make("MaxPool", [kernel, T.int("storage_order", 1)], opset: 7) }
        T.expectInvalid { _ = try T.make("MaxPool", [kernel, T.int("ceil_mode", 1)], opset: 9) }
        T.expectInvalid { _ = try T.make("MaxPool", [kernel, T.ints("dilations", [2])], opset: 9) }
        // Defaults written out are harmless.
        _ = try T.make("MaxPool", [kernel, T.int("ceil_mode", 0), T.ints("dilations", [1])], opset: 1)
        let y = try T.floats("MaxPool", [T.tensor([1, 1, 3], [1, 3, 2])], [kernel], opset: 1)
        #expect(y.values == [3, 3])
        _ = try T.make("MaxPool", outputs: 2, [kernel, T.int("storage_order", 1)], opset: 8)
        _ = try T.make("MaxPool", [kernel, T.int("ceil_mode", 1), T.ints("dilations", [2])], opset: 10)
    }

    // MARK: AveragePool

    @Test func averagePoolCeilMode() throws {
        let y = try T.floats("AveragePool", [T.iota([1, 1, 4, 4], from: 1)],
                             [T.ints("kernel_shape", [3, 3]), T.ints("strides", [2, 2]), T.int("ceil_mode", 1)])
        #expect(y.shape == [1, 1, 2, 2])
        // Window (0, 1) covers rows 0-2, columns 2-3: (3 + 4 + 7 + 8 + 11 + 12) / 6.
        #expect(y.values == [6, 7.5, 12, 13.5])
    }

    @Test func countIncludePadIgnoresTheCeilModeOverhang() throws {
        // No padding: the last window covers only 5 and is divided by 1, not by the kernel size.
        let attributes = [T.ints("kernel_shape", [2]), T.ints("strides", [2]), T.int("ceil_mode", 1)]
        let x = T.tensor([1, 1, 5], [1, 2, 3, 4, 5])
        let counted = try T.floats("AveragePool", [x], attributes + [T.int("count_include_pad", 1)])
        #expect(counted.values == [1.5, 3.5, 5])
        // With pads 1: windows start at -1, 1 and 3; a fourth would start at 5, in the end padding.
        let padded = try T.floats("AveragePool", [x], attributes + [T.int("count_include_pad", 1),
                                                                    T.ints("pads", [1, 1])])
        #expect(padded.values == [0.5, 2.5, 4.5])
        let excluded = try T.floats("AveragePool", [x], attributes + [T.ints("pads", [1, 1])])
        #expect(excluded.values == [1, 2.5, 4.5])
    }

    @Test func averageOfOnlyPaddingIsNaNUnlessPaddingCounts() throws {
        // Kernel 2, dilation 3, pads 1 on 2 elements: the only window reads padding positions -1 and 2.
        let attributes = [T.ints("kernel_shape", [2]), T.ints("dilations", [3]), T.ints("pads", [1, 1])]
        let x = T.tensor([1, 1, 2], [1, 2])
        let excluded = try T.floats("AveragePool", [x], attributes)
        #expect(excluded.shape == [1, 1, 1] && excluded.values[0].isNaN)
        let counted = try T.floats("AveragePool", [x], attributes + [T.int("count_include_pad", 1)])
        #expect(counted.values == [0])
    }

    @Test func averagePoolCountIncludePadWithPrecomputedPads() throws {
        // 5x5 of 1...25, kernel 5, pads 2: window (0, 0) holds 1+2+3+6+7+8+11+12+13 = 63.
        let attributes = [T.ints("kernel_shape", [5, 5]), T.ints("pads", [2, 2, 2, 2])]
        let counted = try T.floats("AveragePool", [T.iota([1, 1, 5, 5], from: 1)],
                                   attributes + [T.int("count_include_pad", 1)])
        #expect(abs(counted.values[0] - 63.0 / 25) < 1e-6)
        #expect(abs(counted.values[12] - 13) < 1e-6)
        let excluded = try T.floats("AveragePool", [T.iota([1, 1, 5, 5], from: 1)], attributes)
        #expect(excluded.values[0] == 7 && excluded.values[1] == 7.5)
    }

    @Test func averagePoolSameUpper() throws {
        let x = T.iota([1, 1, 5, 5], from: 1)
        let attributes = [T.ints("kernel_shape", [3, 3]), T.ints("strides", [2, 2]),
                          T.string("auto_pad", "SAME_UPPER")]
        let y = try T.floats("AveragePool", [x], attributes)
        #expect(y.values == [4, 5.5, 7, 11.5, 13, 14.5, 19, 20.5, 22])
        // Counting the automatic padding: window (0, 0) holds 1 + 2 + 6 + 7 over 9.
        let counted = try T.floats("AveragePool", [x], attributes + [T.int("count_include_pad", 1)])
        #expect(abs(counted.values[0] - 16.0 / 9) < 1e-6)
    }

    @Test func averagePoolDilationsFromOpset19() throws {
        let attributes = [T.ints("kernel_shape", [2, 2]), T.ints("dilations", [2, 2]), T.int("ceil_mode", 1)]
        let y = try T.floats("AveragePool", [T.iota([1, 1, 4, 4], from: 1)], attributes, opset: 19)
        #expect(y.values == [6, 7, 10, 11])
        T.expectInvalid { _ = try T.make("AveragePool", attributes, opset: 18) }
    }

    @Test func averagePoolOpsetBranches() throws {
        let kernel = T.ints("kernel_shape", [2])
        T.expectInvalid { _ = try T.make("AveragePool", [kernel, T.int("count_include_pad", 1)], opset: 6) }
        T.expectInvalid { _ = try T.make("AveragePool", [kernel, T.int("ceil_mode", 1)], opset: 9) }
        let x = T.tensor([1, 1, 3], [1, 2, 4])
        let pads = T.ints("pads", [1, 0])
        #expect(try T.floats("AveragePool", [x], [kernel, pads], opset: 1).values == [1, 1.5, 3])
        #expect(try T.floats("AveragePool", [x], [kernel, pads, T.int("count_include_pad", 1)], opset: 7).values
            == [0.5, 1.5, 3])
        #expect(try T.floats("AveragePool", [x], [kernel, T.int("ceil_mode", 1), T.ints("strides", [2])],
                             opset: 10).values == [1.5, 4])
    }

    @Test func averagePoolFloat64AndBFloat16() throws {
        let d = try T.run("AveragePool", [Tensor(shape: [1, 1, 3], scalars: [1.0, 2, 4])],
                          [T.ints("kernel_shape", [2])])[0]
        #expect(d.scalars(as: Double.self) == [1.5, 3])
        let b = try T.run("AveragePool", [Tensor(shape: [1, 1, 3], scalars: [1, 2, 4].map { BFloat16(Float($0)) })],
                          [T.ints("kernel_shape", [2])])[0]
        #expect(b.elementType == .bfloat16 && b.doubles() == [1.5, 3])
    }

    // MARK: Rejected attributes and inputs

    static let badAttributes: [(String, [Attribute])] = [
        ("MaxPool", []),                                                           // kernel_shape required
        ("MaxPool", [T.ints("kernel_shape", [0])]),
        ("MaxPool", [T.ints("kernel_shape", [2]), T.ints("strides", [0])]),
        ("MaxPool", [T.ints("kernel_shape", [2]), T.ints("pads", [-1, 0])]),
        ("MaxPool", [T.ints("kernel_shape", [2]), T.ints("dilations", [0])]),
        ("MaxPool", [T.ints("kernel_shape", [2]), T.int("storage_order", 2)]),
        ("MaxPool", [T.ints("kernel_shape", [2]), T.int("ceil_mode", 3)]),
        ("MaxPool", [T.ints("kernel_shape", [2]), T.ints("strides", [1, 1])]),
        ("MaxPool", [T.ints("kernel_shape", [2]), T.string("auto_pad", "FULL")]),
        ("AveragePool", []),
        ("AveragePool", [T.ints("kernel_shape", [2]), T.int("count_include_pad", -1)]),
        ("AveragePool", [T.ints("kernel_shape", [2]), T.string("auto_pad", "VALID"), T.ints("pads", [1, 1])]),
        ("AveragePool", [T.ints("kernel_shape", [2, 2]), T.ints("pads", [1, 1])]),
        ("AveragePool", [T.ints("kernel_shape", [2, 3]), T.ints("pads", [0, 0, 2, 0])]),    // pad >= kernel
        ("MaxPool", [T.ints("kernel_shape", [3, 2]), T.ints("pads", [0, 2, 0, 0])]),
    ]

    @Test(arguments: badAttributes)
    func rejectsBadAttributes(_ opType: String, _ attributes: [Attribute]) {
        T.expectInvalid { _ = try T.make(opType, attributes) }
    }

    @Test(arguments: ["MaxPool", "AveragePool"])
    func rejectsBadInputs(_ opType: String) throws {
        let op = try T.make(opType, [T.ints("kernel_shape", [3, 3])])
        for shape in [[1, 1, 4], [1, 4], [1, 1, 2, 4], [1, 1, 4, 4, 4]] {
            T.expectInvalid { _ = try op.inferOutputs([TensorInfo(elementType: .float, shape: shape)]) }
            T.expectInvalid { _ = try op.run([Tensor(zeros: .float, shape: shape)]) }
        }
        T.expectInvalid { _ = try op.run([Tensor(zeros: .int32, shape: [1, 1, 4, 4])]) }
        T.expectInvalid { _ = try T.make(opType, inputs: 2, [T.ints("kernel_shape", [3, 3])]) }
    }
}
