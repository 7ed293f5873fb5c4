import Testing
@testable import Cnnrt

/// f32-concat splits big outputs over the threads: slices that start inside an input block and inside an
/// outer index, for inner and outer axes, against the reference Concat.
@Suite("f32-concat")
struct ConcatKernelTests {
    @Test("parallel concat matches the reference operator", arguments: [1, 2, 3])
    func matchesReference(axis: Int) throws {
        let shapes = [[1, 3, 40, 41], [1, 5, 40, 41], [1, 2, 40, 41]].map { shape -> [Int] in
            var s = shape
            if axis != 1 { s[axis] = shape[1] * 7; s[1] = 4 }
            return s
        }
        var builder = GraphBuilder()
        let names = shapes.indices.map { "x\($0)" }
        for (name, shape) in zip(names, shapes) { builder.input(name, .float, shape) }
        builder.output(builder.node("Concat", names, attributes: [Attribute("axis", .int(axis))], outputs: ["y"]))
        let model = builder.model()
        var feeds: [String: Tensor] = [:]
        for (i, (name, shape)) in zip(names, shapes).enumerated() {
            feeds[name] = Tensor(shape: shape, scalars: KernelTestSupport.data(shape.reduce(1, *), seed: UInt64(80 + i)))
        }
        let expected = try Concat(node: model.graph.nodes[0], opset: 13).run(names.map { feeds[$0] })[0]
        for threads in [1, 2] {
            var options = SessionOptions(threads: threads, optimizationLevel: .none)
            options.minParallelWork = 0
            let session = try Session(model: model, options: options)
            #expect(try #require(session.planSummary(for: feeds)).nodes[0].kernel == "f32-concat")
            let got = try #require(try session.run(feeds)["y"])
            #expect(got.shape == expected.shape)
            #expect(got.floats == expected.floats, "axis \(axis) threads \(threads)")
        }
    }

    /// Concat in place: producers write straight into the output when every input is a contiguous block of
    /// it read by nothing else; otherwise the Concat copies. Both give the reference operators' result.
    enum Placement: String, CaseIterable, CustomTestStringConvertible {
        /// Two convolutions and a Relu into one Concat, whose output feeds a second Concat (nested).
        case placed
        /// One input is also read by another node.
        case sharedInput
        /// One input is a graph output.
        case inputIsOutput
        /// Batch 2: the inputs interleave in the output.
        case batch2
        var testDescription: String { rawValue }
    }

    @Test("concat inputs written in place match the reference", arguments: Placement.allCases)
    func inPlace(placement: Placement) throws {
        let batch = placement == .batch2 ? 2 : 1
        let shape = [batch, 3, 9, 11]
        var builder = GraphBuilder()
        let x = builder.input("x", .float, shape)
        func conv(_ name: String, _ out: Int, seed: UInt64) -> String {
            let w = builder.constant(name + "_w", Tensor(shape: [out, 3, 3, 3],
                                                          scalars: KernelTestSupport.data(out * 27, seed: seed)))
            return builder.node("Conv", [x, w], attributes: [Attribute("pads", .ints([1, 1, 1, 1]))],
                                outputs: [name])
        }
        let a = conv("a", 4, seed: 90), b = conv("b", 5, seed: 91)
        let r = builder.node("Relu", [x], outputs: ["r"])
        let inner = builder.node("Concat", [a, b, r], attributes: [Attribute("axis", .int(1))], outputs: ["inner"])
        let c = conv("c", 2, seed: 92)
        let outer = builder.node("Concat", [inner, c], attributes: [Attribute("axis", .int(1))], outputs: ["outer"])
        builder.output(builder.node("Sigmoid", [outer], outputs: ["y"]))
        switch placement {
        case .sharedInput: builder.output(builder.node("Neg", [b], outputs: ["nb"]))
        case .inputIsOutput: builder.output(a)
        case .placed, .batch2: break
        }
        let model = builder.model()
        let feeds = ["x": Tensor(shape: shape, scalars: KernelTestSupport.data(shape.reduce(1, *), seed: 93))]
        for threads in [1, 2] {
            var options = SessionOptions(threads: threads, optimizationLevel: .none)
            options.minParallelWork = 0
            let session = try Session(model: model, options: options)
            let kernels = try #require(session.planSummary(for: feeds)).nodes.filter { $0.opType == "Concat" }
                .map(\.kernel)
            switch placement {
            case .placed: #expect(kernels == ["f32-concat-in-place", "f32-concat-in-place"])
            case .sharedInput, .inputIsOutput: #expect(kernels == ["f32-concat", "f32-concat-in-place"])
            case .batch2: #expect(kernels == ["f32-concat", "f32-concat"])
            }
            let expected = try ExecutorTests.reference(session, feeds)
            // Twice: the second run reuses the arena.
            for _ in 0..<2 {
                let got = try session.run(feeds)
                for (name, tensor) in expected {
                    let value = try #require(got[name])
                    #expect(value.shape == tensor.shape)
                    #expect(KernelTestSupport.maxError(value.floats, tensor.floats) < 1e-5, "\(placement) \(name)")
                }
            }
        }
    }
}
