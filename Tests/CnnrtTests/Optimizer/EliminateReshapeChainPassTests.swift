import Testing
@testable import Cnnrt

@Suite struct EliminateReshapeChainPassTests {
    static func shape(_ dims: [Int64]) -> Tensor { Tensor(shape: [dims.count], scalars: dims) }

    @Test func removesReshapesThatKeepTheShape() throws {
        var g = OptGraph()
        let x = g.input("x", [2, 12])
        let same = g.constant("same", Self.shape([2, -1]))
        let a = g.node("Reshape", [x, same])
        let b = g.node("Flatten", [a], [Attribute("axis", .int(1))])
        let y = g.node("Relu", [b])
        let (optimized, _) = try OptimizerCheck.optimize(g.model(outputs: [y]), level: .basic, feeds: g.feeds)
        #expect(OptimizerCheck.ops(optimized) == ["Relu"])
        #expect(optimized.graph.nodes[0].inputs == ["x"])
    }

    @Test func collapsesChains() throws {
        var g = OptGraph()
        let x = g.input("x", [2, 3, 4])
        let s1 = g.constant("s1", Self.shape([6, 4]))
        let s2 = g.constant("s2", Self.shape([0, 4, -1]))
        let a = g.node("Reshape", [x, s1])
        let b = g.node("Flatten", [a], [Attribute("axis", .int(0))])
        let c = g.node("Reshape", [b, s2])   // 0 copies a dimension of b: resolved from the known shape
        let y = g.node("Relu", [c])
        let (optimized, _) = try OptimizerCheck.optimize(g.model(outputs: [y]), level: .basic, feeds: g.feeds)
        #expect(OptimizerCheck.ops(optimized) == ["Reshape", "Relu"])
        #expect(optimized.graph.nodes[0].inputs[0] == "x")
        #expect(optimized.graph.initializers[optimized.graph.nodes[0].inputs[1]]?.integers() == [1, 4, 6])
    }

    /// With a symbolic batch size, a constant target without 0 still collapses the chain.
    @Test func collapsesSymbolicChainsWithConstantTargets() throws {
        var g = OptGraph()
        g.inputs = [ValueInfo(name: "x", elementType: .float, shape: [.symbol("N"), .value(3), .value(4)])]
        g.feeds = ["x": g.random([2, 3, 4])]
        let s1 = g.constant("s1", Self.shape([-1, 12]))
        let s2 = g.constant("s2", Self.shape([-1, 4, 3]))
        let a = g.node("Reshape", ["x", s1])
        let y = g.node("Reshape", [a, s2])
        let (optimized, _) = try OptimizerCheck.optimize(g.model(outputs: [y]), level: .basic, feeds: g.feeds)
        #expect(OptimizerCheck.ops(optimized) == ["Reshape"])
        #expect(optimized.graph.nodes[0].inputs == ["x", "s2"])
    }

    /// The intermediate result is read elsewhere: both reshapes stay.
    @Test func keepsSharedIntermediates() throws {
        var g = OptGraph()
        let x = g.input("x", [2, 3, 4])
        let s1 = g.constant("s1", Self.shape([6, 4]))
        let s2 = g.constant("s2", Self.shape([24]))
        let a = g.node("Reshape", [x, s1])
        let b = g.node("Reshape", [a, s2])
        let (optimized, _) = try OptimizerCheck.optimize(g.model(outputs: [a, b]), level: .basic, feeds: g.feeds)
        #expect(OptimizerCheck.ops(optimized) == ["Reshape", "Reshape"])
    }
}
