import Testing
@testable import Cnnrt

@Suite struct FoldBatchNormPassTests {
    /// Appends an inference BatchNormalization over `channels` to `x`.
    static func batchNorm(_ g: inout OptGraph, _ x: String, channels: Int, name: String = "bn") -> String {
        let scale = g.weight("\(name)_scale", [channels], low: 0.5, high: 2)
        let bias = g.weight("\(name)_bias", [channels])
        let mean = g.weight("\(name)_mean", [channels])
        let variance = g.weight("\(name)_var", [channels], low: 0.2, high: 3)
        return g.node("BatchNormalization", [x, scale, bias, mean, variance],
                      [Attribute("epsilon", .float(1e-3))], name: name)
    }

    @Test(arguments: [(true, 1), (false, 1), (true, 2)])
    func foldsIntoConv(withBias: Bool, group: Int) throws {
        var g = OptGraph(seed: 21)
        let x = g.input("x", [2, 4, 5, 5])
        let w = g.weight("w", [6, 4 / group, 3, 3]), b = g.weight("b", [6])
        let conv = g.node("Conv", [x, w] + (withBias ? [b] : []),
                          OptimizerCheck.conv(kernel: 3, pads: 1, strides: 2, group: group))
        let y = Self.batchNorm(&g, conv, channels: 6)
        let (optimized, report) = try OptimizerCheck.optimize(g.model(outputs: [y]), level: .basic, feeds: g.feeds)
        #expect(OptimizerCheck.ops(optimized) == ["Conv"])
        #expect(optimized.graph.nodes[0].inputs.count == 3)   // a bias is created when there was none
        #expect(optimized.graph.nodes[0].attribute("group") == .int(group))
        #expect(report.changes.contains { $0.contains("folded 'bn'") })
    }

    @Test(arguments: [1, 2])
    func foldsIntoConvTranspose(group: Int) throws {
        var g = OptGraph(seed: 22)
        let x = g.input("x", [1, 4, 3, 3])
        let w = g.weight("w", [4, 6 / group, 2, 2]), b = g.weight("b", [6])
        let up = g.node("ConvTranspose", [x, w, b], [Attribute("strides", .ints([2, 2])),
                                                     Attribute("group", .int(group))])
        let y = Self.batchNorm(&g, up, channels: 6)
        let (optimized, _) = try OptimizerCheck.optimize(g.model(outputs: [y]), level: .basic, feeds: g.feeds)
        #expect(OptimizerCheck.ops(optimized) == ["ConvTranspose"])
    }

    @Test(arguments: [(0, [5]), (1, [1, 5]), (1, [Int]())])
    func foldsIntoGemm(transB: Int, biasShape: [Int]) throws {
        var g = OptGraph(seed: 23)
        let x = g.input("x", [3, 4])
        let w = g.weight("w", transB == 1 ? [5, 4] : [4, 5])
        let c = g.weight("c", biasShape)
        let gemm = g.node("Gemm", [x, w, c], [Attribute("transB", .int(transB)), Attribute("beta", .float(0.5)),
                                               Attribute("alpha", .float(1.5))])
        let y = Self.batchNorm(&g, gemm, channels: 5)
        let (optimized, _) = try OptimizerCheck.optimize(g.model(outputs: [y]), level: .basic, feeds: g.feeds)
        #expect(OptimizerCheck.ops(optimized) == ["Gemm"])
    }

    /// The conv's output also feeds a Relu: BN stays at -O1 and becomes ScaleShift at -O2.
    @Test func leavesAConvWithOtherConsumers() throws {
        var g = OptGraph(seed: 24)
        let x = g.input("x", [1, 3, 4, 4])
        let w = g.weight("w", [3, 3, 3, 3])
        let conv = g.node("Conv", [x, w], OptimizerCheck.conv(kernel: 3, pads: 1))
        let y = Self.batchNorm(&g, conv, channels: 3)
        let side = g.node("Relu", [conv])
        let sum = g.node("Add", [y, side])
        let model = g.model(outputs: [sum])
        let (basic, _) = try OptimizerCheck.optimize(model, level: .basic, feeds: g.feeds)
        #expect(OptimizerCheck.ops(basic) == ["Conv", "BatchNormalization", "Relu", "Add"])
        let (all, _) = try OptimizerCheck.optimize(model, level: .all, feeds: g.feeds)
        #expect(OptimizerCheck.ops(all) == ["Conv", "ScaleShift", "Relu", "Add"])
    }

    /// A BatchNormalization in training mode, or whose statistics are graph inputs, is left alone.
    @Test func leavesNonConstantStatistics() throws {
        var g = OptGraph(seed: 25)
        let x = g.input("x", [1, 3, 4, 4])
        let w = g.weight("w", [3, 3, 3, 3])
        let conv = g.node("Conv", [x, w], OptimizerCheck.conv(kernel: 3, pads: 1))
        let y = Self.batchNorm(&g, conv, channels: 3)
        g.inputs.append(ValueInfo(name: "bn_mean", elementType: .float, shape: [.value(3)]))
        let (optimized, _) = try Optimizer.optimize(g.model(outputs: [y]), level: .all)
        #expect(OptimizerCheck.ops(optimized) == ["Conv", "BatchNormalization"])
    }
}
