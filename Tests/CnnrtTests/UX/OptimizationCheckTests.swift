import Testing
@testable import Cnnrt

/// Comparing a model with its optimized rewrite value by value.
@Suite struct OptimizationCheckTests {
    static func lenet() throws -> Model {
        try Model.load(path: TestModels.fixture("lenet", "model.onnx"))
    }

    @Test(arguments: ["lenet", "resnet_tiny_bn", "mobilenet_tiny", "densenet_tiny"])
    func theOptimizerAgreesOnFixtures(name: String) throws {
        let model = try Model.load(path: TestModels.fixture(name, "model.onnx"))
        let check = try OptimizationCheck(model: model, feeds: try InputGenerator.inputs(for: model))
        #expect(check.firstDifference == nil)
        // Every graph output is among the compared values.
        let compared = Set(check.values.map(\.name))
        #expect(model.graph.outputs.allSatisfy { compared.contains($0.name) })
    }

    @Test func aBrokenRewriteIsFoundAtItsNode() throws {
        let model = try Self.lenet()
        var broken = try Optimizer.optimize(model, level: .all).0
        // Damage the second convolution's weights, as a wrong fusion would.
        let convs = broken.graph.nodes.filter { $0.opType.contains("Conv") }
        let target = try #require(convs.dropFirst().first)
        let weightName = target.inputs[1]
        let weights = try #require(broken.graph.initializers[weightName])
        broken.graph.setInitializer(weightName, Tensor(shape: weights.shape, scalars: weights.floats.map { $0 * 1.5 }))

        let check = try OptimizationCheck(reference: model, candidate: broken,
                                          feeds: try InputGenerator.inputs(for: model, seed: 7))
        let first = try #require(check.firstDifference)
        #expect(first.candidateNode == target.displayName)
        #expect(first.name == target.outputs[0])
        #expect(first.comparison.mismatches > 0)
        // Everything the reference computes before it still agrees.
        let position = try #require(check.values.firstIndex { $0.name == first.name })
        #expect(position > 0)
        #expect(check.values[..<position].allSatisfy { $0.comparison.passed })
    }

    @Test func generatedInputsFollowTheDeclaredShapes() throws {
        let model = try Model.load(path: TestModels.fixture("lenet_digits", "model.onnx"))
        let feeds = try InputGenerator.inputs(for: model, seed: 3)
        let x = try #require(feeds["input"])
        #expect(x.shape == [1, 1, 28, 28])
        #expect(x.floats.allSatisfy { $0 >= 0 && $0 < 1 })
        #expect(x == (try InputGenerator.inputs(for: model, seed: 3))["input"])
        #expect(x != (try InputGenerator.inputs(for: model, seed: 4))["input"])
    }
}
