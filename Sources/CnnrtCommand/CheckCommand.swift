import ArgumentParser
import Cnnrt
import Foundation

/// `cnnrt check MODEL [--inputs DIR] [--expected DIR]`: compare cnnrt's outputs with reference outputs,
/// or, without references, the optimized model with the model as loaded.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Compare a model's outputs with reference outputs, or its optimized graph with the original.",
        discussion: """
            With references: inputs are DIR/input_0.pb|.npy, input_1, ... bound in graph order; references \
            are output_0, output_1, ... in graph output order (ONNX's test-data layout), in --expected or \
            else in the inputs folder. An element passes when |got - expected| <= atol + rtol * |expected|.

            Without references (no --inputs, or an inputs folder holding no output_N files): runs the \
            model unoptimized (-O0) and optimized (-O2, or the level given) on those inputs, or on \
            generated ones (float inputs uniform in [0, 1), symbolic dimensions 1), keeping every \
            intermediate value, and reports the first node output that differs - the place to look for a \
            bad rewrite. Default tolerances there: rtol 1e-4, atol 1e-5.

            Exit status 0 when everything passes, 3 when an output differs, 1 when the model or a file \
            cannot be used. --json prints one object: with references {"model", "passed", "rtol", "atol", \
            "outputs": [{"name", "passed", "shape", "expected_shape", "mismatches", "max_abs_diff", \
            "relative_to_peak", "worst_index", "worst_got", "worst_expected"}]}; without references \
            {"model", "mode": "optimizer", "level", "inputs", "passed", "rtol", "atol", "compared", \
            "first_difference": {"value", "reference_node", "reference_op", "optimized_node", \
            "optimized_op", "mismatches", "max_abs_diff", "worst_index", "worst_got", "worst_expected"} or null}.
            """
    )

    @Argument(help: "The model file.")
    var model: String

    @Option(help: "Folder holding input_N.pb or input_N.npy (default: generated inputs).")
    var inputs: String?

    @Option(help: "Folder holding output_N.pb or output_N.npy (default: the inputs folder).")
    var expected: String?

    @Option(name: [.customLong("tolerance"), .customLong("rtol")], help: "Relative tolerance.")
    var rtol: Double = 1e-4

    @Option(help: "Absolute tolerance (default 0 against references, 1e-5 between optimization levels).")
    var atol: Double?

    @Option(help: "Seed for generated inputs.")
    var seed: UInt64 = 0

    @OptionGroup var optimization: OptimizationOptions

    @Option(help: """
        How outputs are judged: 'elementwise' (every element within atol + rtol * |expected|) or 'peak'         (max |got - expected| / max |expected| <= rtol, the usual whole-model criterion).
        """)
    var metric: CheckMetric = .elementwise

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    func validate() throws {
        if expected != nil && inputs == nil { throw ValidationError("--expected needs --inputs") }
    }

    func run() throws {
        let loaded = try Model.load(path: model)
        if let inputs {
            let references = try TensorFile.readIndexed(folder: expected ?? inputs, prefix: "output")
            if expected != nil || !references.isEmpty {
                return try checkReferences(loaded, inputs: inputs, references: references)
            }
        }
        try checkOptimizer(loaded)
    }

    /// The model's input tensors from `--inputs`, in graph order.
    func readInputs(_ folder: String, for model: Model) throws -> [String: Tensor] {
        let names = model.graph.runtimeInputs.map(\.name)
        let given = try TensorFile.readIndexed(folder: folder, prefix: "input")
        guard given.count == names.count else {
            throw CnnrtError.invalidInput(name: folder, reason: "holds \(given.count) inputs, the model expects "
                                          + "\(names.count)")
        }
        return Dictionary(uniqueKeysWithValues: zip(names, given.map(\.tensor)))
    }

    struct OutputResult: Encodable {
        var name: String
        var passed: Bool
        var shape: [Int]
        var expectedShape: [Int]
        var mismatches: Int
        var maxAbsDiff: Double
        var relativeToPeak: Double
        var worstIndex: [Int]
        var worstGot: Double?
        var worstExpected: Double?
    }

    struct Report: Encodable {
        var model: String
        var passed: Bool
        var rtol: Double
        var atol: Double
        var outputs: [OutputResult]
    }

    func checkReferences(_ loaded: Model, inputs: String,
                         references: [(name: String?, tensor: Tensor)]) throws {
        let session: Session
        do {
            session = try Session(model: loaded, options: SessionOptions(
                optimizationLevel: optimization.optimizationLevel))
        } catch let error as CnnrtError {
            throw CnnrtError.io(path: model, reason: error.description)
        }
        let feeds = try readInputs(inputs, for: loaded)
        guard references.count <= session.outputs.count, !references.isEmpty else {
            throw CnnrtError.invalidInput(name: expected ?? inputs,
                                          reason: "holds \(references.count) outputs, the model has "
                                              + "\(session.outputs.count)")
        }
        let atol = self.atol ?? 0
        let outputs = try session.run(feeds)
        let results = try zip(session.outputs, references).map { info, reference -> OutputResult in
            guard let got = outputs[info.name] else {
                throw CnnrtError.invalidGraph(reason: "output '\(info.name)' was not produced")
            }
            let c = TensorComparison(actual: got, expected: reference.tensor, rtol: rtol, atol: atol)
            let passed = metric == .peak
                ? c.shapeMatches && c.typeMatches && c.relativeToPeak <= rtol : c.passed
            return OutputResult(name: info.name, passed: passed, shape: got.shape,
                                expectedShape: reference.tensor.shape,
                                mismatches: c.mismatches, maxAbsDiff: c.maxAbsoluteDifference,
                                relativeToPeak: c.relativeToPeak, worstIndex: c.worstIndex,
                                worstGot: c.worstActual.isFinite ? c.worstActual : nil,
                                worstExpected: c.worstExpected.isFinite ? c.worstExpected : nil)
        }
        let report = Report(model: model, passed: results.allSatisfy(\.passed), rtol: rtol, atol: atol,
                            outputs: results)
        if json {
            print(try JSONOutput.text(report))
        } else {
            for r in results {
                let verdict = r.passed ? "ok" : "DIFFERS"
                var line = "\(r.name): \(verdict)  shape \(r.shape)"
                if r.shape != r.expectedShape { line += " (expected \(r.expectedShape))" }
                line += "  max abs diff \(OutputSummary.format(r.maxAbsDiff))"
                line += "  max diff / max |ref| \(OutputSummary.format(r.relativeToPeak))"
                if !r.worstIndex.isEmpty, let g = r.worstGot, let e = r.worstExpected {
                    line += "  worst at \(r.worstIndex): got \(OutputSummary.format(g)), "
                        + "expected \(OutputSummary.format(e))"
                }
                if r.mismatches > 0 && metric == .elementwise {
                    line += "  (\(r.mismatches) elements outside tolerance)"
                }
                print(line)
            }
        }
        if !report.passed { throw ExitCode(3) }
    }

    func checkOptimizer(_ loaded: Model) throws {
        let feeds = try inputs.map { try readInputs($0, for: loaded) }
            ?? InputGenerator.inputs(for: loaded, seed: seed)
        let level = optimization.optimizationLevel
        let check: OptimizationCheck
        do {
            check = try OptimizationCheck(model: loaded, level: level, feeds: feeds, rtol: rtol, atol: atol ?? 1e-5)
        } catch let error as CnnrtError {
            throw CnnrtError.io(path: model, reason: error.description)
        }
        let report = OptimizerCheckReport(model: model, level: level.flag,
                                          inputs: inputs ?? "generated (seed \(seed))", rtol: rtol,
                                          atol: atol ?? 1e-5, check: check)
        print(json ? try JSONOutput.text(report) : report.text())
        if !report.passed { throw ExitCode(3) }
    }
}

enum CheckMetric: String, ExpressibleByArgument, CaseIterable {
    case elementwise
    case peak
}
