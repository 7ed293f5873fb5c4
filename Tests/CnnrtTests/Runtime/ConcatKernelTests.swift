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
}
