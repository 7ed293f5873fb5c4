import Foundation
import Testing
@testable import Cnnrt

/// Every committed fixture runs at -O0, -O1 and -O2 and matches ONNX Runtime's outputs.
@Suite struct FixtureOptimizationTests {
    static let cases = ["lenet", "one_layer_cnn", "alexnet_tiny", "vgg_tiny", "resnet_tiny", "resnet_tiny_bn",
                        "mobilenet_tiny", "squeeze_tiny", "unet_tiny", "densenet_tiny", "lenet_digits"]

    @Test(arguments: cases, OptimizationLevel.allCases)
    func matchesReference(_ name: String, level: OptimizationLevel) throws {
        let model = try Model.load(path: TestModels.fixture(name, "model.onnx"))
        let session = try Session(model: model, options: SessionOptions(optimizationLevel: level))
        var feeds: [String: Tensor] = [:]
        for (index, input) in session.inputs.enumerated() {
            feeds[input.name] = try Npy.read(path: TestModels.fixture(name, "input_\(index).npy"))
        }
        let outputs = try session.run(feeds)
        for (index, info) in session.outputs.enumerated() {
            let reference = try Npy.read(path: TestModels.fixture(name, "output_\(index).npy"))
            let got = try #require(outputs[info.name])
            let comparison = TensorComparison(actual: got, expected: reference, rtol: 0, atol: 0)
            #expect(comparison.shapeMatches, "\(name) \(level) output \(index): shape \(got.shape)")
            #expect(comparison.relativeToPeak <= 1e-4, "\(name) \(level) output \(index): \(comparison.relativeToPeak)")
        }
    }

    /// What each fixture's optimized graphs hold: -O1 keeps standard ops and drops Dropout, Identity and
    /// Constant nodes; -O2 leaves no BatchNormalization and uses fused ops.
    @Test(arguments: cases)
    func allLevelIsClean(_ name: String) throws {
        let model = try Model.load(path: TestModels.fixture(name, "model.onnx"))
        let (basic, _) = try Optimizer.optimize(model, level: .basic)
        #expect(basic.graph.nodes.allSatisfy { $0.isDefaultDomain }, "\(name): -O1 made non-standard ops")
        #expect(!basic.graph.nodes.contains { ["Dropout", "Identity", "Constant"].contains($0.opType) })
        let (all, report) = try Optimizer.optimize(model, level: .all)
        #expect(!all.graph.nodes.contains { ["BatchNormalization", "Dropout", "Identity"].contains($0.opType) },
                "\(name): \(OptimizerCheck.ops(all))")
        #expect(all.graph.nodes.contains { $0.domain == "ai.cnnrt" })
        #expect(all.graph.nodes.count < model.graph.nodes.count, "\(report.text())")
        #expect(all.opsetVersion(for: "ai.cnnrt") == 1)
    }
}
