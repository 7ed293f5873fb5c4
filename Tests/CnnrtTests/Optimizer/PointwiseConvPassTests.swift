import Testing
@testable import Cnnrt

@Suite struct PointwiseConvPassTests {
    /// x [2, 6, 4, 5] -> Conv(1x1 with `attributes`) -> Relu.
    static func oneByOne(_ attributes: [Attribute], weight: [Int] = [3, 6, 1, 1]) -> OptGraph {
        var g = OptGraph(seed: 11)
        let x = g.input("x", [2, 6, 4, 5])
        let w = g.weight("w", weight), b = g.weight("b", [weight[0]])
        let conv = g.node("Conv", [x, w, b], attributes)
        g.node("Relu", [conv], name: "y")
        return g
    }

    @Test(arguments: [
        [Attribute]([]),
        [Attribute("kernel_shape", .ints([1, 1])), Attribute("strides", .ints([1, 1])),
         Attribute("pads", .ints([0, 0, 0, 0]))],
        [Attribute("dilations", .ints([2, 3]))],
        [Attribute("auto_pad", .string("SAME_UPPER"))],
    ])
    func rewritesOneByOneConvolutions(_ attributes: [Attribute]) throws {
        let g = Self.oneByOne(attributes)
        let (optimized, _) = try OptimizerCheck.optimize(g.model(outputs: ["y_out"]), feeds: g.feeds)
        #expect(OptimizerCheck.ops(optimized) == ["PointwiseConv"])
        let node = optimized.graph.nodes[0]
        #expect(node.attribute("activation") == .string("Relu"))
        #expect(optimized.graph.initializers[node.inputs[1]]?.shape == [3, 6])
        #expect(node.inputs[2] == "b")
        #expect(optimized.graph.initializers["w"] == nil)   // the 4-D weight is no longer used
    }

    @Test(arguments: [
        [Attribute("strides", .ints([2, 2]))],
        [Attribute("pads", .ints([1, 0, 1, 0]))],
        [Attribute("group", .int(3))],
    ])
    func leavesOtherConvolutions(_ attributes: [Attribute]) throws {
        let group = attributes.first { $0.name == "group" } != nil
        let g = Self.oneByOne(attributes, weight: group ? [3, 2, 1, 1] : [3, 6, 1, 1])
        let (optimized, _) = try OptimizerCheck.optimize(g.model(outputs: ["y_out"]), feeds: g.feeds)
        #expect(OptimizerCheck.ops(optimized) == ["FusedConv"])
    }

    @Test func carriesTheResidual() throws {
        var g = OptGraph(seed: 5)
        let x = g.input("x", [1, 4, 3, 3])
        let z = g.input("z", [1, 2, 3, 3])
        let w = g.weight("w", [2, 4, 1, 1])
        let conv = g.node("Conv", [x, w])
        let sum = g.node("Add", [z, conv])
        let low = g.constant("lo", Tensor(scalar: Float(0)))
        let y = g.node("Clip", [sum, low])
        let (optimized, _) = try OptimizerCheck.optimize(g.model(outputs: [y]), feeds: g.feeds)
        #expect(OptimizerCheck.ops(optimized) == ["PointwiseConv"])
        #expect(optimized.graph.nodes[0].inputs.count == 4)
        #expect(optimized.graph.nodes[0].inputs[2] == "")
        #expect(optimized.graph.nodes[0].inputs[3] == "z")
        #expect(optimized.graph.nodes[0].attribute("activation") == .string("Clip"))
    }

    @Test func basicLevelKeepsConv() throws {
        let g = Self.oneByOne([])
        let (optimized, _) = try OptimizerCheck.optimize(g.model(outputs: ["y_out"]), level: .basic, feeds: g.feeds)
        #expect(OptimizerCheck.ops(optimized) == ["Conv", "Relu"])
    }
}
