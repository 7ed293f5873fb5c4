import Testing
@testable import Cnnrt

/// f32-pool2d (PoolNodeKernel's MaxPool and AveragePool) against the reference operators, on both ISAs,
/// one and two threads: max exactly (NaN inputs skipped, -inf kept), average to 1e-6.
@Suite("Pooling kernels")
struct PoolKernelTests {
    typealias Support = KernelTestSupport

    struct Case: CustomTestStringConvertible, Sendable {
        var kernel: [Int]
        var strides: [Int]
        var pads: [Int] = [0, 0, 0, 0]
        var dilations: [Int] = [1, 1]
        var ceil = false
        var testDescription: String { "k\(kernel) s\(strides) p\(pads) d\(dilations)\(ceil ? " ceil" : "")" }

        func attributes(countIncludePad: Bool) -> [Attribute] {
            var list = [Attribute("kernel_shape", .ints(kernel)), Attribute("strides", .ints(strides)),
                        Attribute("pads", .ints(pads)), Attribute("dilations", .ints(dilations))]
            if ceil { list.append(Attribute("ceil_mode", .int(1))) }
            if countIncludePad { list.append(Attribute("count_include_pad", .int(1))) }
            return list
        }
    }

    /// ResNet's, SqueezeNet's and GoogLeNet's pools first, then strides 1-3, asymmetric padding, dilation,
    /// kernels wider than the padding, non-square windows.
    static let cases: [Case] = [
        Case(kernel: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1]),
        Case(kernel: [3, 3], strides: [2, 2], ceil: true),
        Case(kernel: [3, 3], strides: [1, 1], pads: [1, 1, 1, 1], ceil: true),
        Case(kernel: [2, 2], strides: [2, 2], ceil: true),
        Case(kernel: [2, 2], strides: [2, 2]),
        Case(kernel: [3, 3], strides: [1, 1]),
        Case(kernel: [3, 3], strides: [3, 3], pads: [1, 1, 1, 1], ceil: true),
        Case(kernel: [3, 3], strides: [2, 2], pads: [2, 0, 1, 2], ceil: true),
        Case(kernel: [5, 5], strides: [2, 2], pads: [2, 2, 2, 2]),
        Case(kernel: [3, 3], strides: [2, 2], pads: [2, 2, 2, 2], dilations: [2, 2]),
        Case(kernel: [2, 3], strides: [1, 2], pads: [0, 1, 1, 0], dilations: [2, 1], ceil: true),
        Case(kernel: [3, 2], strides: [3, 1], pads: [1, 0, 0, 1]),
        Case(kernel: [7, 7], strides: [1, 1], pads: [3, 3, 3, 3]),
        Case(kernel: [1, 1], strides: [1, 1]),
        Case(kernel: [4, 4], strides: [2, 2], pads: [1, 2, 2, 1], ceil: true),
        Case(kernel: [3, 3], strides: [1, 3], pads: [0, 2, 0, 2], dilations: [1, 3]),
    ]

    /// Heights x widths: below, at and above the vector width, primes, one row or column, a ResNet plane.
    static let sizes: [(Int, Int)] = [(1, 1), (3, 5), (7, 7), (5, 13), (16, 16), (17, 17), (9, 31), (13, 32),
                                      (6, 33), (2, 47), (4, 97), (112, 112)]

    static func input(_ shape: [Int], seed: UInt64, specials: Bool) -> Tensor {
        var values = Support.data(shape.reduce(1, *), seed: seed)
        if specials {
            for i in stride(from: 3, to: values.count, by: 29) { values[i] = .nan }
            for i in stride(from: 5, to: values.count, by: 31) { values[i] = -.infinity }
            for i in stride(from: 11, to: values.count, by: 37) { values[i] = .infinity }
        }
        return Tensor(shape: shape, scalars: values)
    }

    static func run(_ kernel: PoolNodeKernel, _ x: Tensor, outputShape: [Int], threads: Int) -> [Float] {
        var y = Tensor(zeros: .float, shape: outputShape)
        let pool = threads > 1 ? ThreadPool(threads: threads) : nil
        x.withUnsafeBufferPointer(as: Float.self) { xp in
            y.withUnsafeMutableBufferPointer(as: Float.self) { yp in
                kernel.run(input: xp.baseAddress!, output: yp.baseAddress!, pool: pool)
            }
        }
        return y.floats
    }

    /// The node kernel for `node` over `shape`, and the reference operator's output; nil when the reference
    /// rejects the geometry (a window larger than the padded input).
    static func prepare(_ node: Node, _ x: Tensor, isa: KernelISA) throws -> (PoolNodeKernel, Tensor)? {
        let expected: Tensor
        do {
            expected = try (node.opType == "MaxPool" ? try MaxPool(node: node, opset: 22).run([x])[0]
                                                     : try AveragePool(node: node, opset: 22).run([x])[0])
        } catch { return nil }
        if expected.count == 0 { return nil }
        let context = NodeKernelContext(node: node, opset: 22, inputs: [TensorInfo(elementType: .float, shape: x.shape)],
                                        outputs: [TensorInfo(elementType: .float, shape: expected.shape)],
                                        kernels: .forISA(isa))
        let kernel = try #require(try PoolNodeKernel.make(context) as? PoolNodeKernel)
        return (kernel, expected)
    }

    /// The first index where an average differs from the reference by more than 1e-6 relative (NaN and
    /// infinities must match exactly), or nil.
    static func firstMismatch(_ got: [Float], _ want: [Float]) -> Int? {
        got.indices.first { i in
            let u = got[i], v = want[i]
            if !u.isFinite || !v.isFinite { return !(u == v || (u.isNaN && v.isNaN)) }
            return abs(u - v) > Float(1e-6) * Swift.max(Float(1), abs(v))
        }
    }

    @Test("MaxPool kernel equals the reference exactly, NaN and infinities included", arguments: cases)
    func maxPool(c: Case) throws {
        let node = Node(name: "pool", opType: "MaxPool", inputs: ["x"], outputs: ["y"],
                        attributes: c.attributes(countIncludePad: false))
        for (index, (h, w)) in Self.sizes.enumerated() {
            for specials in [false, true] {
                let x = Self.input([1, 3, h, w], seed: UInt64(100 + index), specials: specials)
                for isa in Support.isas {
                    guard let (kernel, expected) = try Self.prepare(node, x, isa: isa) else { continue }
                    for threads in [1, 2] {
                        let got = Self.run(kernel, x, outputShape: expected.shape, threads: threads)
                        let want = expected.floats
                        let mismatch = got.indices.first { !(got[$0] == want[$0] || (got[$0].isNaN && want[$0].isNaN)) }
                        #expect(mismatch == nil && got.count == want.count,
                                "\(isa) \(h)x\(w) specials \(specials) threads \(threads) at \(mismatch ?? -1)")
                    }
                }
            }
        }
    }

    @Test("AveragePool kernel matches the reference, with and without count_include_pad", arguments: cases)
    func averagePool(c: Case) throws {
        for includePad in [false, true] {
            let node = Node(name: "pool", opType: "AveragePool", inputs: ["x"], outputs: ["y"],
                            attributes: c.attributes(countIncludePad: includePad))
            for (index, (h, w)) in Self.sizes.enumerated() {
                for specials in [false, true] {
                    let x = Self.input([2, 2, h, w], seed: UInt64(300 + index), specials: specials)
                    for isa in Support.isas {
                        guard let (kernel, expected) = try Self.prepare(node, x, isa: isa) else { continue }
                        for threads in [1, 2] {
                            let got = Self.run(kernel, x, outputShape: expected.shape, threads: threads)
                            let want = expected.floats
                            let bad = Self.firstMismatch(got, want)
                            #expect(bad == nil && got.count == want.count,
                                    "\(isa) \(h)x\(w) include-pad \(includePad) specials \(specials) threads \(threads) at \(bad ?? -1)")
                        }
                    }
                }
            }
        }
    }

    /// GlobalAveragePool sums each plane in vector partial sums: planes below, at and above 8 and 32 floats,
    /// primes and late-layer planes, 1 and 2 threads, within 1e-6 relative of the reference (NaN and
    /// infinities propagate like the reference's).
    @Test("GlobalAveragePool kernel matches the reference", arguments: [false, true])
    func globalAveragePool(specials: Bool) throws {
        let node = Node(name: "pool", opType: "GlobalAveragePool", inputs: ["x"], outputs: ["y"])
        for (index, (h, w)) in ([(1, 7), (2, 4), (1, 9), (4, 8), (3, 11), (7, 7), (13, 13), (6, 7), (14, 14)]
                                + Self.sizes).enumerated() {
            let x = Self.input([2, 5, h, w], seed: UInt64(500 + index), specials: specials)
            let expected = try GlobalAveragePool(node: node, opset: 22).run([x])[0]
            for isa in Support.isas {
                let context = NodeKernelContext(node: node, opset: 22,
                                                inputs: [TensorInfo(elementType: .float, shape: x.shape)],
                                                outputs: [TensorInfo(elementType: .float, shape: expected.shape)],
                                                kernels: .forISA(isa))
                let kernel = try #require(try PoolNodeKernel.make(context) as? PoolNodeKernel)
                for threads in [1, 2] {
                    let got = Self.run(kernel, x, outputShape: expected.shape, threads: threads)
                    let want = expected.floats
                    let bad = Self.firstMismatch(got, want)
                    #expect(bad == nil && got.count == want.count, "\(isa) \(h)x\(w) threads \(threads) at \(bad ?? -1)")
                }
            }
        }
    }
}
