import ArgumentParser
import Cnnrt

/// `cnnrt convert IN OUT [-O0|-O1|-O2] [--report]`: load, optimize, validate and save a model atomically.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Load a model, optimize and validate it, and save it in cnnrt's (ONNX-compatible) format.",
        discussion: """
            The default level is -O2, as for `run`: the saved model may hold cnnrt's fused operators \
            (domain ai.cnnrt), which only cnnrt runs; use -O1 for a model any ONNX runtime can run. \
            OUT may be IN: the model is read fully before the atomic save replaces the file. \
            On a terminal, each step (loading, optimizing, saving) shows on stderr with its time.
            """
    )

    @Argument(help: "The model to read.")
    var input: String

    @Argument(help: "Where to write the converted model (replaced atomically).")
    var output: String

    @OptionGroup var optimization: OptimizationOptions

    @Flag(help: "Print each optimizer pass with the node counts before and after and the rewrites it made.")
    var report = false

    func run() throws {
        var progress = ProgressReporter()
        do {
            try convert(progress: &progress)
        } catch {
            progress.fail()
            throw error
        }
    }

    private func convert(progress: inout ProgressReporter) throws {
        progress.step("loading \(input)")
        let model = try Model.load(path: input)
        let optimized: Model
        let summary: OptimizationReport
        progress.step("optimizing (\(optimization.optimizationLevel.flag))")
        do {
            try model.validate()
            (optimized, summary) = try Optimizer.optimize(model, level: optimization.optimizationLevel)
            try optimized.graph.validate()
        } catch let error as CnnrtError {
            throw CnnrtError.io(path: input, reason: error.description)
        }
        progress.step("saving \(output)")
        try optimized.save(path: output)
        progress.finish()
        if report { print(summary.text()) }
        print("wrote \(output)")
    }
}
