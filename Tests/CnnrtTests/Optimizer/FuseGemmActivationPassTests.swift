import Testing
@testable import Cnnrt

@Suite struct FuseGemmActivationPassTests {
    @Test(arguments: OptActivation.allCases)
    func fusesEachActivation(_ activation: OptActivation) throws {
        var g = OptGraph(seed: 51)
        g.opset = 14
        let x = g.input("x", [3, 6])
        let w = g.weight("w", [4, 6]), c = g.weight("c", [4])
        let gemm = g.node("Gemm", [x, w, c], [Attribute("transB", .int(1)), Attribute("alpha", .float(0.75))])
        let y = activation.apply(&g, gemm)
        let (optimized, _) = try OptimizerCheck.optimize(g.model(outputs: [y]), feeds: g.feeds)
        #expect(OptimizerCheck.ops(optimized) == ["FusedGemm"])
        let node = optimized.graph.nodes[0]
        #expect(try FusedActivation(node: node) == activation.fused)
        #expect(node.attribute("transB") == .int(1))
        #expect(node.attribute("alpha") == .float(0.75))
    }

    @Test func keepsAnIntermediateGraphOutput() throws {
        var g = OptGraph(seed: 52)
        let x = g.input("x", [3, 6])
        let w = g.weight("w", [6, 4])
        let gemm = g.node("Gemm", [x, w])
        let y = g.node("Relu", [gemm])
        let (optimized, _) = try OptimizerCheck.optimize(g.model(outputs: [gemm, y]), feeds: g.feeds)
        #expect(OptimizerCheck.ops(optimized) == ["Gemm", "Relu"])
    }
}
