import Testing
@testable import Cnnrt

/// f32-gemv: a fully connected layer on one row reads its [n, k] weights in place. Lengths below, at and
/// above the 16-lane vector and the 4-row block, and primes; bias, no bias, activations; 1 and 2 threads.
@Suite("f32-gemv")
struct GemvTests {
    typealias Support = KernelTestSupport

    static let shapes: [(k: Int, n: Int)] = [(1, 1), (15, 3), (16, 4), (17, 5), (31, 37), (100, 64), (1031, 129)]

    @Test("Gemm with one row and transB matches the reference operator", arguments: 0..<shapes.count)
    func matchesReference(index: Int) throws {
        let (k, n) = Self.shapes[index]
        let x = Tensor(shape: [1, k], scalars: Support.data(k, seed: 61))
        let w = Tensor(shape: [n, k], scalars: Support.data(n * k, seed: 62))
        let c = Tensor(shape: [n], scalars: Support.data(n, seed: 63))
        for (activation, withBias) in [(FusedActivation.none, true), (.none, false), (.relu, true), (.sigmoid, true)] {
            var builder = GraphBuilder()
            builder.input("x", .float, [1, k])
            builder.constant("w", w)
            if withBias { builder.constant("c", c) }
            let y = builder.node(activation == .none ? "Gemm" : "FusedGemm", ["x", "w"] + (withBias ? ["c"] : []),
                                 attributes: [Attribute("transB", .int(1))] + activation.attributes,
                                 domain: activation == .none ? "" : "ai.cnnrt", outputs: ["y"])
            builder.output(y)
            let model = builder.model()
            let node = model.graph.nodes[0]
            let op = try OperatorRegistry.standard.makeOperator(node, opset: model.opsetVersion(for: node.domain))
            let expected = try op.run([x, w] + (withBias ? [c] : []))[0]
            for threads in [1, 2] {
                let session = try Session(model: model, options: SessionOptions(threads: threads, optimizationLevel: .none))
                let summary = try #require(session.planSummary(for: ["x": x]))
                #expect(summary.nodes[0].kernel.hasPrefix("f32-gemv"))
                let got = try #require(try session.run(["x": x])["y"])
                #expect(got.shape == [1, n])
                #expect(Support.maxError(got.floats, expected.floats) < 1e-5, "\(activation) bias \(withBias) threads \(threads)")
            }
        }
    }

    @Test("both ISAs' f32-gemv kernels agree with a plain dot product")
    func kernels() {
        let k = 53, n = 11
        let w = Support.data(n * k, seed: 71), x = Support.data(k, seed: 72), bias = Support.data(n, seed: 73)
        var expected = [Float](repeating: 0, count: n)
        for r in 0..<n { expected[r] = max(0, (0..<k).reduce(bias[r]) { $0 + w[r * k + $1] * x[$1] }) }
        for isa in Support.isas {
            var y = [Float](repeating: .nan, count: n)
            KernelSet.forISA(isa).gemv(w, k, n, x, &y, bias, 0, .infinity)
            #expect(Support.maxError(y, expected) < 1e-5, "\(isa)")
        }
    }
}
