import Testing
@testable import Cnnrt

@Suite struct OptimizerLevelTests {
    static func block() -> OptGraph {
        var g = FuseConvAddPassTests.basicBlock()
        let norm = FoldBatchNormPassTests.batchNorm(&g, "out_out", channels: 4)
        g.node("Identity", [norm], name: "result")
        return g
    }

    @Test func levelZeroChangesNothing() throws {
        let model = Self.block().model(outputs: ["result_out"])
        let (optimized, report) = try Optimizer.optimize(model, level: .none)
        #expect(optimized == model)
        #expect(report.passes.isEmpty)
    }

    @Test func eachLevelRunsItsPasses() throws {
        let g = Self.block()
        let model = g.model(outputs: ["result_out"])
        let (basic, basicReport) = try OptimizerCheck.optimize(model, level: .basic, feeds: g.feeds)
        #expect(OptimizerCheck.ops(basic) == ["Conv", "Relu", "Conv", "Add", "Relu", "BatchNormalization"])
        #expect(!basicReport.passes.contains { $0.pass == "fuse-conv-add" })
        let (all, allReport) = try OptimizerCheck.optimize(model, level: .all, feeds: g.feeds)
        #expect(OptimizerCheck.ops(all) == ["FusedConv", "FusedConv", "ScaleShift"])
        #expect(allReport.nodesBefore == 7 && allReport.nodesAfter == 3)
        #expect(all.opsetImports.contains(OpsetImport(domain: "ai.cnnrt", version: 1)))
        #expect(allReport.passes.map(\.pass) == PassManager.passes(for: .all).map(\.name))
    }

    @Test func reportNamesPassesCountsAndNodes() throws {
        let model = Self.block().model(outputs: ["result_out"])
        let text = try Optimizer.optimize(model, level: .all).1.text()
        #expect(text.hasPrefix("optimization -O2: 7 nodes -> 3 nodes"))
        #expect(text.contains("fuse-conv-add"))
        #expect(text.contains("nodes 6 -> 5"))
        #expect(text.contains("'conv3' (Conv) + 'add4' (Add)"))
    }

    @Test func sessionsOptimizeByDefault() throws {
        let g = Self.block()
        let model = g.model(outputs: ["result_out"])
        let session = try Session(model: model)
        #expect(OptimizerCheck.ops(session.model) == ["FusedConv", "FusedConv", "ScaleShift"])
        let plain = try Session(model: model, options: SessionOptions(optimizationLevel: .none))
        #expect(plain.model == model)
        let a = try session.run(g.feeds)["result_out"]!, b = try plain.run(g.feeds)["result_out"]!
        #expect(TensorComparison(actual: a, expected: b, rtol: 0, atol: 0).relativeToPeak <= 1e-5)
    }

    @Test func levelSpellings() {
        #expect(OptimizationLevel.allCases.map(\.flag) == ["-O0", "-O1", "-O2"])
        #expect(OptimizationLevel(flag: "-O1") == .basic)
        #expect(OptimizationLevel(flag: "O2") == .all)
        #expect(OptimizationLevel(flag: "-O3") == nil)
    }

    /// An invalid graph is reported, not rewritten.
    @Test func rejectsInvalidGraphs() {
        var g = OptGraph()
        g.node("Relu", ["missing"])
        #expect(throws: CnnrtError.self) { try Optimizer.optimize(g.model(outputs: ["relu1_out"]), level: .basic) }
    }
}
