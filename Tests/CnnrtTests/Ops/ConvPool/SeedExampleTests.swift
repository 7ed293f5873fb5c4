import Testing
@testable import Cnnrt

/// The worked examples of the project's seed notes (convolution and pooling), each run as a one-node model
/// through `Session`. Numbers are the seed notes' example numbers.
@Suite struct ConvPoolSeedExampleTests {
    typealias T = ConvPoolTest

    /// X = [[0,1,2],[3,4,5],[6,7,8]] and K = [[0,1],[2,3]] of example 1.
    static let xa: [Float] = [0, 1, 2, 3, 4, 5, 6, 7, 8]
    static let ka: [Float] = [0, 1, 2, 3]

    @Test func example1CrossCorrelation() throws {
        let y = try T.session("Conv", x: T.tensor([1, 1, 3, 3], Self.xa), constants: [T.tensor([1, 1, 2, 2], Self.ka)])
        #expect(y.shape == [1, 1, 2, 2])
        #expect(y.floats == [19, 25, 37, 43])
    }

    @Test func example2EdgeDetection() throws {
        var x = [Float](repeating: 1, count: 6 * 8)
        for row in 0..<6 { for col in 2...5 { x[row * 8 + col] = 0 } }
        let y = try T.session("Conv", x: T.tensor([1, 1, 6, 8], x), constants: [T.tensor([1, 1, 1, 2], [1, -1])])
        #expect(y.shape == [1, 1, 6, 7])
        #expect(y.floats == Array([[Float]](repeating: [0, 1, 0, 0, 0, -1, 0], count: 6).joined()))
    }

    @Test func example3TwoInputChannels() throws {
        let x = T.tensor([1, 2, 3, 3], Self.xa + Self.xa.map { $0 + 1 })
        let k = T.tensor([1, 2, 2, 2], Self.ka + Self.ka.map { $0 + 1 })
        let y = try T.session("Conv", x: x, constants: [k])
        #expect(y.shape == [1, 1, 2, 2])
        #expect(y.floats == [56, 72, 104, 120])
    }

    @Test func example4ThreeOutputChannels() throws {
        let x = T.tensor([1, 2, 3, 3], Self.xa + Self.xa.map { $0 + 1 })
        let k2 = Self.ka + Self.ka.map { $0 + 1 }
        let k = T.tensor([3, 2, 2, 2], k2 + k2.map { $0 + 1 } + k2.map { $0 + 2 })
        let y = try T.session("Conv", x: x, constants: [k])
        #expect(y.shape == [1, 3, 2, 2])
        #expect(y.floats == [56, 72, 104, 120, 76, 100, 148, 172, 96, 128, 192, 224])
    }

    @Test func example5OneByOneConvIsMatrixProduct() throws {
        let x = T.random([1, 3, 3, 3], seed: 5), k = T.random([2, 3, 1, 1], seed: 55)
        let y = try T.session("Conv", x: x, constants: [k])
        #expect(y.shape == [1, 2, 3, 3])
        // reshape(K, 2x3) @ reshape(X, 3x9), summed in Double.
        let xv = x.doubles(), kv = k.doubles()
        var product = [Double](repeating: 0, count: 18)
        for m in 0..<2 { for p in 0..<9 { for c in 0..<3 { product[m * 9 + p] += kv[m * 3 + c] * xv[c * 9 + p] } } }
        let difference = zip(y.doubles(), product).reduce(0) { $0 + abs($1.0 - $1.1) }
        #expect(difference < 1e-6)
    }

    /// (input size, kernel, pads per axis, strides, expected output).
    static let outputSizes: [(Int, [Int], [Int], [Int], [Int])] = [
        (8, [3, 3], [1, 1], [1, 1], [8, 8]),       // 6
        (8, [5, 3], [2, 1], [1, 1], [8, 8]),       // 6
        (8, [3, 3], [1, 1], [2, 2], [4, 4]),       // 6
        (8, [3, 5], [0, 1], [3, 4], [2, 2]),       // 6
        (4, [3, 3], [1, 1], [1, 1], [4, 4]),       // 7
        (4, [3, 3], [2, 2], [1, 1], [6, 6]),       // 7
        (4, [2, 2], [0, 0], [2, 2], [2, 2]),       // 7
        (5, [3, 3], [1, 1], [1, 1], [5, 5]),       // 8
    ]

    @Test(arguments: outputSizes)
    func examples6To8OutputSize(_ size: Int, _ kernel: [Int], _ pads: [Int], _ strides: [Int],
                                _ expected: [Int]) throws {
        let x = T.random([1, 1, size, size], seed: 6)
        let w = T.random([1, 1] + kernel, seed: 7)
        let y = try T.session("Conv", x: x, constants: [w], [T.ints("pads", pads + pads), T.ints("strides", strides)])
        #expect(y.shape == [1, 1] + expected)
    }

    @Test func example9MaxAndAveragePool() throws {
        let x = T.tensor([1, 1, 3, 3], Self.xa)
        let max = try T.session("MaxPool", x: x, [T.ints("kernel_shape", [2, 2])])
        let average = try T.session("AveragePool", x: x, [T.ints("kernel_shape", [2, 2])])
        #expect(max.shape == [1, 1, 2, 2] && average.shape == [1, 1, 2, 2])
        #expect(max.floats == [4, 5, 7, 8])
        #expect(average.floats == [2, 3, 5, 6])
    }

    @Test func example10MaxPoolStrideIsWindow() throws {
        let y = try T.session("MaxPool", x: T.iota([1, 1, 4, 4]), [T.ints("kernel_shape", [3, 3]),
                                                                    T.ints("strides", [3, 3])])
        #expect(y.shape == [1, 1, 1, 1])
        #expect(y.floats == [10])
    }

    static let example11Attributes = [T.ints("kernel_shape", [2, 2]), T.ints("pads", [1, 1, 1, 1]),
                                      T.ints("strides", [2, 3])]

    @Test func example11MaxPoolPadded() throws {
        let y = try T.session("MaxPool", x: T.iota([1, 1, 4, 4]), Self.example11Attributes)
        #expect(y.shape == [1, 1, 3, 2])
        #expect(y.floats == [0, 3, 8, 11, 12, 15])
    }

    @Test func example11AveragePoolPadded() throws {
        let counted = try T.session("AveragePool", x: T.iota([1, 1, 4, 4]),
                                    Self.example11Attributes + [T.int("count_include_pad", 1)])
        #expect(counted.shape == [1, 1, 3, 2])
        #expect(counted.floats == [0, 1.25, 3, 8.5, 3, 7.25])
        let uncounted = try T.session("AveragePool", x: T.iota([1, 1, 4, 4]),
                                      Self.example11Attributes + [T.int("count_include_pad", 0)])
        #expect(uncounted.floats == [0, 2.5, 6, 8.5, 12, 14.5])
    }

    @Test func example12MaxPoolHalvesFeatureMaps() throws {
        let y = try T.session("MaxPool", x: T.random([1, 16, 28, 28], seed: 12),
                              [T.ints("kernel_shape", [2, 2]), T.ints("strides", [2, 2])])
        #expect(y.shape == [1, 16, 14, 14])
    }
}
