import Testing
@testable import Cnnrt

@Suite struct BatchNormToScaleShiftPassTests {
    /// DenseNet's pre-activation: x -> BatchNormalization -> Relu, with nothing to fold into.
    @Test(arguments: [[2, 3, 4, 5], [2, 3], [1, 3, 2, 2, 2]])
    func replacesAnUnfoldableBatchNorm(shape: [Int]) throws {
        var g = OptGraph(seed: 31)
        let x = g.input("x", shape)
        let y = FoldBatchNormPassTests.batchNorm(&g, x, channels: 3)
        let z = g.node("Relu", [y])
        let model = g.model(outputs: [z])
        let (basic, _) = try OptimizerCheck.optimize(model, level: .basic, feeds: g.feeds)
        #expect(OptimizerCheck.ops(basic) == ["BatchNormalization", "Relu"])
        let (all, _) = try OptimizerCheck.optimize(model, level: .all, feeds: g.feeds)
        #expect(OptimizerCheck.ops(all) == ["ScaleShift", "Relu"])
        #expect(all.graph.nodes[0].domain == "ai.cnnrt")
        #expect(all.graph.initializers.count == 2)   // scale and shift replace the four statistics
    }
}
