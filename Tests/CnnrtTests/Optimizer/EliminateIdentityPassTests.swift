import Testing
@testable import Cnnrt

@Suite struct EliminateIdentityPassTests {
    @Test func removesIdentitiesKeepingOutputNames() throws {
        var g = OptGraph()
        let x = g.input("x", [2, 3])
        let a = g.node("Identity", [x])
        let b = g.node("Relu", [a])
        let y = g.node("Identity", [b], name: "last")
        let (optimized, report) = try OptimizerCheck.optimize(g.model(outputs: [y]), level: .basic, feeds: g.feeds)
        #expect(OptimizerCheck.ops(optimized) == ["Relu"])
        #expect(optimized.graph.nodes[0].inputs == ["x"])
        #expect(optimized.graph.nodes[0].outputs == ["last_out"])
        #expect(report.passes.first { $0.pass == "eliminate-identity" }?.changes.count == 2)
    }

    /// A graph input passed straight to a graph output needs its Identity.
    @Test func keepsAnInputToOutputIdentity() throws {
        var g = OptGraph()
        let x = g.input("x", [2, 3])
        let y = g.node("Identity", [x])
        let relu = g.node("Relu", [y])
        let (optimized, _) = try OptimizerCheck.optimize(g.model(outputs: [y, relu]), feeds: g.feeds)
        #expect(OptimizerCheck.ops(optimized) == ["Identity", "Relu"])
    }

    /// An Identity of a value that is itself a graph output keeps both outputs.
    @Test func keepsAnOutputToOutputIdentity() throws {
        var g = OptGraph()
        let x = g.input("x", [2, 3])
        let a = g.node("Relu", [x])
        let b = g.node("Identity", [a])
        let (optimized, _) = try OptimizerCheck.optimize(g.model(outputs: [a, b]), feeds: g.feeds)
        #expect(OptimizerCheck.ops(optimized) == ["Relu", "Identity"])
    }
}
