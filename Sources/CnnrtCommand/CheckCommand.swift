import ArgumentParser
import Cnnrt
import Foundation

/// `cnnrt check MODEL --inputs DIR --expected DIR`: compare cnnrt's outputs with reference outputs.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Compare a model's outputs with reference outputs and report the worst element per output.",
        discussion: """
            Inputs are DIR/input_0.pb|.npy, input_1, ... bound in graph order; references are \
            output_0, output_1, ... in graph output order (ONNX's test-data layout). An element passes \
            when |got - expected| <= atol + rtol * |expected|. Exit status 0 when every output passes, \
            3 when an output differs, 1 when the model or a file cannot be used.
            """
    )

    @Argument(help: "The model file.")
    var model: String

    @Option(help: "Folder holding input_N.pb or input_N.npy.")
    var inputs: String

    @Option(help: "Folder holding output_N.pb or output_N.npy (default: the inputs folder).")
    var expected: String?

    @Option(name: [.customLong("tolerance"), .customLong("rtol")], help: "Relative tolerance.")
    var rtol: Double = 1e-4

    @Option(help: "Absolute tolerance.")
    var atol: Double = 0

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

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

    func run() throws {
        let loaded = try Model.load(path: model)
        let session: Session
        do {
            session = try Session(model: loaded)
        } catch let error as CnnrtError {
            throw CnnrtError.io(path: model, reason: error.description)
        }
        let given = try TensorFile.readIndexed(folder: inputs, prefix: "input")
        guard given.count == session.inputs.count else {
            throw CnnrtError.invalidInput(name: inputs, reason: "holds \(given.count) inputs, the model expects "
                                          + "\(session.inputs.count)")
        }
        let feeds = Dictionary(uniqueKeysWithValues: zip(session.inputs.map(\.name), given.map(\.tensor)))
        let references = try TensorFile.readIndexed(folder: expected ?? inputs, prefix: "output")
        guard references.count <= session.outputs.count, !references.isEmpty else {
            throw CnnrtError.invalidInput(name: expected ?? inputs,
                                          reason: "holds \(references.count) outputs, the model has \(session.outputs.count)")
        }
        let outputs = try session.run(feeds)
        let results = try zip(session.outputs, references).map { info, reference -> OutputResult in
            guard let got = outputs[info.name] else {
                throw CnnrtError.invalidGraph(reason: "output '\(info.name)' was not produced")
            }
            let c = TensorComparison(actual: got, expected: reference.tensor, rtol: rtol, atol: atol)
            return OutputResult(name: info.name, passed: c.passed, shape: got.shape, expectedShape: reference.tensor.shape,
                                mismatches: c.mismatches, maxAbsDiff: c.maxAbsoluteDifference,
                                relativeToPeak: c.relativeToPeak, worstIndex: c.worstIndex,
                                worstGot: c.worstActual.isFinite ? c.worstActual : nil,
                                worstExpected: c.worstExpected.isFinite ? c.worstExpected : nil)
        }
        let report = Report(model: model, passed: results.allSatisfy(\.passed), rtol: rtol, atol: atol, outputs: results)
        if json {
            let encoder = JSONEncoder()
            encoder.keyEncodingStrategy = .convertToSnakeCase
            encoder.outputFormatting = [.sortedKeys]
            encoder.nonConformingFloatEncodingStrategy = .convertToString(
                positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            for r in results {
                let verdict = r.passed ? "ok" : "DIFFERS"
                var line = "\(r.name): \(verdict)  shape \(r.shape)"
                if r.shape != r.expectedShape { line += " (expected \(r.expectedShape))" }
                line += "  max abs diff \(OutputSummary.format(r.maxAbsDiff))"
                line += "  max diff / max |ref| \(OutputSummary.format(r.relativeToPeak))"
                if !r.worstIndex.isEmpty, let g = r.worstGot, let e = r.worstExpected {
                    line += "  worst at \(r.worstIndex): got \(OutputSummary.format(g)), expected \(OutputSummary.format(e))"
                }
                if r.mismatches > 0 { line += "  (\(r.mismatches) elements outside tolerance)" }
                print(line)
            }
        }
        if !report.passed { throw ExitCode(3) }
    }
}
