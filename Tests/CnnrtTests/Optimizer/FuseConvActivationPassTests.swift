import Testing
@testable import Cnnrt

@Suite struct FuseConvActivationPassTests {
    /// x -> Conv(3x3, pad 1) -> activation -> y.
    static func convThen(_ activation: OptActivation) -> (Model, [String: Tensor]) {
        var g = OptGraph(seed: 7)
        g.opset = 14
        let x = g.input("x", [1, 3, 6, 5])
        let w = g.weight("w", [4, 3, 3, 3]), b = g.weight("b", [4])
        let conv = g.node("Conv", [x, w, b], OptimizerCheck.conv(kernel: 3, pads: 1))
        let y = activation.apply(&g, conv)
        return (g.model(outputs: [y]), g.feeds)
    }

    @Test(arguments: OptActivation.allCases)
    func fusesEachActivation(_ activation: OptActivation) throws {
        let (model, feeds) = Self.convThen(activation)
        let (optimized, report) = try OptimizerCheck.optimize(model, feeds: feeds)
        #expect(OptimizerCheck.ops(optimized) == ["FusedConv"], "\(report.text())")
        let fused = try #require(optimized.graph.nodes.first)
        #expect(fused.domain == "ai.cnnrt")
        #expect(try FusedActivation(node: fused) == activation.fused)
        #expect(fused.attribute("pads") == .ints([1, 1, 1, 1]))
        #expect(optimized.opsetVersion(for: "ai.cnnrt") == 1)
    }

    @Test(arguments: OptActivation.allCases)
    func basicLevelKeepsStandardOps(_ activation: OptActivation) throws {
        let (model, feeds) = Self.convThen(activation)
        let (optimized, _) = try OptimizerCheck.optimize(model, level: .basic, feeds: feeds)
        #expect(OptimizerCheck.ops(optimized) == OptimizerCheck.ops(model))
        #expect(optimized.opsetVersion(for: "ai.cnnrt") == nil)
    }

    /// The conv's result is also a graph output: fusing would lose it.
    @Test func keepsAnIntermediateGraphOutput() throws {
        var g = OptGraph()
        let x = g.input("x", [1, 2, 4, 4])
        let w = g.weight("w", [2, 2, 3, 3])
        let conv = g.node("Conv", [x, w], OptimizerCheck.conv(kernel: 3, pads: 1))
        let y = g.node("Relu", [conv])
        let (optimized, _) = try OptimizerCheck.optimize(g.model(outputs: [y, conv]), feeds: g.feeds)
        #expect(OptimizerCheck.ops(optimized) == ["Conv", "Relu"])
    }

    /// The conv's result feeds a second node: fusing would lose it.
    @Test func keepsAValueWithOtherConsumers() throws {
        var g = OptGraph()
        let x = g.input("x", [1, 2, 4, 4])
        let w = g.weight("w", [2, 2, 3, 3])
        let conv = g.node("Conv", [x, w], OptimizerCheck.conv(kernel: 3, pads: 1))
        let y = g.node("Relu", [conv])
        let z = g.node("Sigmoid", [conv])
        let sum = g.node("Add", [y, z])
        let (optimized, _) = try OptimizerCheck.optimize(g.model(outputs: [sum]), feeds: g.feeds)
        #expect(OptimizerCheck.ops(optimized) == ["Conv", "Relu", "Sigmoid", "Add"])
    }

    /// A Sigmoid and a Mul of something else are not SiLU; a HardSigmoid with other parameters is not HardSwish.
    @Test func gatesMustMatchExactly() throws {
        var g = OptGraph()
        let x = g.input("x", [1, 2, 4, 4])
        let other = g.input("other", [1, 2, 4, 4])
        let w = g.weight("w", [2, 2, 1, 1])
        let conv = g.node("Conv", [x, w])
        let gate = g.node("Sigmoid", [conv])
        let product = g.node("Mul", [other, gate])
        let conv2 = g.node("Conv", [product, w])
        let hard = g.node("HardSigmoid", [conv2], [Attribute("alpha", .float(0.2))])
        let y = g.node("Mul", [conv2, hard])
        let (optimized, _) = try OptimizerCheck.optimize(g.model(outputs: [y]), feeds: g.feeds)
        // Both 1x1 convolutions become PointwiseConv; only the first carries an activation.
        #expect(OptimizerCheck.ops(optimized) == ["PointwiseConv", "Mul", "PointwiseConv", "HardSigmoid", "Mul"])
        #expect(optimized.graph.nodes[2].attribute("activation") == nil)
        #expect(optimized.graph.nodes[0].attribute("activation") == .string("Sigmoid"))
    }
}
