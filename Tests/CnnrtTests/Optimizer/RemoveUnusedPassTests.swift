import Testing
@testable import Cnnrt

@Suite struct RemoveUnusedPassTests {
    @Test func removesDeadNodesAndInitializers() throws {
        var g = OptGraph()
        let x = g.input("x", [2, 3])
        _ = g.weight("unused", [3])
        let dflt = g.weight("default", [3])
        g.inputs.append(ValueInfo(name: dflt, elementType: .float, shape: [.value(3)]))
        let y = g.node("Relu", [x])
        let dead = g.node("Sigmoid", [x])
        g.node("Tanh", [dead])
        let (optimized, report) = try OptimizerCheck.optimize(g.model(outputs: [y]), level: .basic, feeds: g.feeds)
        #expect(OptimizerCheck.ops(optimized) == ["Relu"])
        #expect(Set(optimized.graph.initializers.keys) == ["default"])   // a graph input's default stays
        #expect(optimized.graph.inputs.map(\.name) == ["x", "default"])
        #expect(report.passes.last?.changes.count == 3)
    }
}
