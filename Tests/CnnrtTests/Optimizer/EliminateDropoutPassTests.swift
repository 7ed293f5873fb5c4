import Testing
@testable import Cnnrt

@Suite struct EliminateDropoutPassTests {
    @Test(arguments: [0, 1, 2])
    func removesInferenceDropout(form: Int) throws {
        var g = OptGraph()
        let x = g.input("x", [2, 8])
        let ratio = g.constant("ratio", Tensor(scalar: Float(0.5)))
        let off = g.constant("off", Tensor(scalar: false))
        let inputs = [[x], [x, ratio], [x, ratio, off]][form]
        let dropped = g.node("Dropout", inputs, outputs: form == 2 ? 2 : 1)
        let y = g.node("Relu", [dropped])
        let (optimized, _) = try OptimizerCheck.optimize(g.model(outputs: [y]), level: .basic, feeds: g.feeds)
        #expect(OptimizerCheck.ops(optimized) == ["Relu"])
        #expect(optimized.graph.nodes[0].inputs == ["x"])
        #expect(optimized.graph.initializers.isEmpty)   // ratio and training_mode are gone too
    }

    @Test func keepsTrainingModeAndReadMasks() throws {
        var g = OptGraph()
        let x = g.input("x", [2, 8])
        let ratio = g.constant("ratio", Tensor(scalar: Float(0.5)))
        let on = g.constant("on", Tensor(scalar: true))
        let trained = g.node("Dropout", [x, ratio, on])
        let masked = g.node("Dropout", [x], outputs: 2)
        let mask = g.nodes.last!.outputs[1]
        let (optimized, _) = try Optimizer.optimize(g.model(outputs: [trained, masked, mask]), level: .all)
        #expect(OptimizerCheck.ops(optimized) == ["Dropout", "Dropout"])
    }
}
