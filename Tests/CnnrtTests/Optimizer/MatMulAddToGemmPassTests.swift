import Testing
@testable import Cnnrt

@Suite struct MatMulAddToGemmPassTests {
    @Test(arguments: [([4], false), ([1, 4], true), ([3, 1], false), ([Int](), true)])
    func foldsTheBias(biasShape: [Int], biasFirst: Bool) throws {
        var g = OptGraph(seed: 41)
        let x = g.input("x", [3, 5])
        let w = g.weight("w", [5, 4]), bias = g.weight("bias", biasShape)
        let product = g.node("MatMul", [x, w])
        let y = g.node("Add", biasFirst ? [bias, product] : [product, bias])
        let (optimized, _) = try OptimizerCheck.optimize(g.model(outputs: [y]), level: .basic, feeds: g.feeds)
        #expect(OptimizerCheck.ops(optimized) == ["Gemm"])
        #expect(optimized.graph.nodes[0].inputs == ["x", "w", "bias"])
    }

    @Test func needsMatrices() throws {
        var g = OptGraph(seed: 42)
        let x = g.input("x", [2, 3, 5])
        let w = g.weight("w", [5, 4]), bias = g.weight("bias", [4])
        let product = g.node("MatMul", [x, w])
        let y = g.node("Add", [product, bias])
        let (optimized, _) = try OptimizerCheck.optimize(g.model(outputs: [y]), feeds: g.feeds)
        #expect(OptimizerCheck.ops(optimized) == ["MatMul", "Add"])
    }

    @Test func needsAConstantBiasThatDoesNotGrowTheResult() throws {
        var g = OptGraph(seed: 43)
        let x = g.input("x", [3, 5])
        let other = g.input("other", [3, 4])
        let w = g.weight("w", [5, 4]), big = g.weight("big", [2, 3, 4])
        let p1 = g.node("MatMul", [x, w])
        let y1 = g.node("Add", [p1, other])
        let p2 = g.node("MatMul", [x, w])
        let y2 = g.node("Add", [p2, big])
        let (optimized, _) = try OptimizerCheck.optimize(g.model(outputs: [y1, y2]), feeds: g.feeds)
        #expect(OptimizerCheck.ops(optimized) == ["MatMul", "Add", "MatMul", "Add"])
    }

    /// Then -O2 fuses the Gemm with its activation.
    @Test func thenFusesTheActivation() throws {
        var g = OptGraph(seed: 44)
        let x = g.input("x", [3, 5])
        let w = g.weight("w", [5, 4]), bias = g.weight("bias", [4])
        let product = g.node("MatMul", [x, w])
        let sum = g.node("Add", [product, bias])
        let y = g.node("Relu", [sum])
        let (optimized, _) = try OptimizerCheck.optimize(g.model(outputs: [y]), feeds: g.feeds)
        #expect(OptimizerCheck.ops(optimized) == ["FusedGemm"])
    }
}
