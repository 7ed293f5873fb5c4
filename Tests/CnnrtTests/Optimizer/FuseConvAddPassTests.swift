import Testing
@testable import Cnnrt

@Suite struct FuseConvAddPassTests {
    /// A ResNet basic block: x -> Conv -> Relu -> Conv -> Add(x) -> Relu.
    static func basicBlock(residualFirst: Bool = false) -> OptGraph {
        var g = OptGraph(seed: 3)
        let x = g.input("x", [1, 4, 5, 5])
        let w1 = g.weight("w1", [4, 4, 3, 3]), b1 = g.weight("b1", [4])
        let w2 = g.weight("w2", [4, 4, 3, 3]), b2 = g.weight("b2", [4])
        let conv1 = g.node("Conv", [x, w1, b1], OptimizerCheck.conv(kernel: 3, pads: 1))
        let relu1 = g.node("Relu", [conv1])
        let conv2 = g.node("Conv", [relu1, w2, b2], OptimizerCheck.conv(kernel: 3, pads: 1))
        let sum = g.node("Add", residualFirst ? [x, conv2] : [conv2, x])
        g.node("Relu", [sum], name: "out")
        return g
    }

    @Test(arguments: [false, true])
    func fusesTheResidualAndItsRelu(residualFirst: Bool) throws {
        let g = Self.basicBlock(residualFirst: residualFirst)
        let (optimized, report) = try OptimizerCheck.optimize(g.model(outputs: ["out_out"]), feeds: g.feeds)
        #expect(OptimizerCheck.ops(optimized) == ["FusedConv", "FusedConv"], "\(report.text())")
        let last = optimized.graph.nodes[1]
        #expect(last.inputs == [optimized.graph.nodes[0].outputs[0], "w2", "b2", "x"])
        #expect(last.attribute("activation") == .string("Relu"))
        #expect(last.outputs == ["out_out"])
        #expect(report.passes.first { $0.pass == "fuse-conv-add" }?.changes.count == 1)
    }

    @Test func basicLevelLeavesTheBlock() throws {
        let g = Self.basicBlock()
        let (optimized, _) = try OptimizerCheck.optimize(g.model(outputs: ["out_out"]), level: .basic, feeds: g.feeds)
        #expect(OptimizerCheck.ops(optimized) == ["Conv", "Relu", "Conv", "Add", "Relu"])
    }

    /// The Add's output is a graph output: Z can still be fused, the Relu cannot.
    @Test func stopsAtAGraphOutput() throws {
        var g = Self.basicBlock()
        let sum = g.nodes[3].outputs[0]
        g.nodes.removeLast()
        let y = g.node("Relu", [sum])
        let (optimized, _) = try OptimizerCheck.optimize(g.model(outputs: [y, sum]), feeds: g.feeds)
        #expect(OptimizerCheck.ops(optimized) == ["FusedConv", "FusedConv", "Relu"])
        #expect(optimized.graph.nodes[1].inputs.count == 4)
    }

    /// A bias-like addend that broadcasts is not a residual.
    @Test func needsAResidualOfTheOutputShape() throws {
        var g = OptGraph()
        let x = g.input("x", [1, 2, 4, 4])
        let w = g.weight("w", [2, 2, 3, 3]), shift = g.weight("shift", [2, 1, 1])
        let conv = g.node("Conv", [x, w], OptimizerCheck.conv(kernel: 3, pads: 1))
        let y = g.node("Add", [conv, shift])
        let (optimized, _) = try OptimizerCheck.optimize(g.model(outputs: [y]), feeds: g.feeds)
        #expect(OptimizerCheck.ops(optimized) == ["Conv", "Add"])
    }
}
