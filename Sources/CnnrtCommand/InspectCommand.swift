import ArgumentParser
import Cnnrt
import Foundation

/// `cnnrt inspect MODEL [--layers] [--dot FILE] [--json]`: what a model holds.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show a model's versions, inputs and outputs, operators, parameters and nodes.",
        discussion: """
            --layers adds per node: output shape, parameters, multiply-accumulates (MACs), and the \
            receptive field (rf) and jump of its output in input pixels, then the totals. A symbolic \
            batch dimension counts as 1; --input-shape NAME=1,3,224,224 sets other sizes. --dot FILE \
            writes the graph for Graphviz (dot -Tsvg FILE -o graph.svg). --json prints one object: \
            {"file", "producer", "producer_version", "ir_version", "opsets", "inputs", "outputs", \
            "parameters", "parameter_bytes", "initializers", "ops", "nodes"}, plus with --layers \
            "layers": {"input_shapes", "rows": [{"index", "name", "op", "output_shape", "parameters", \
            "macs", "receptive_field", "jump"}], "totals": {"parameters", "macs"}} and with --dot "dot_file".
            """
    )

    @Argument(help: "The model file (.onnx or .pb).")
    var model: String

    @Flag(help: "Show per-layer output shapes, parameters, MACs, receptive field and jump, with totals.")
    var layers = false

    @Option(help: "Write the graph in Graphviz DOT format to this file.")
    var dot: String?

    @Option(name: .customLong("input-shape"), help: "A concrete input shape for --layers and --dot: NAME=D,D,...")
    var inputShapes: [String] = []

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    @Flag(help: "Show every node's attributes in the node table (fused ai.cnnrt nodes always show theirs).")
    var attributes = false

    func validate() throws {
        _ = try shapes()
    }

    func shapes() throws -> [String: [Int]] {
        var result: [String: [Int]] = [:]
        for text in inputShapes {
            let parts = text.split(separator: "=", maxSplits: 1)
            let dims = parts.count == 2 ? parts[1].split(separator: ",").map { Int($0) } : []
            guard parts.count == 2, !dims.isEmpty, dims.allSatisfy({ ($0 ?? -1) >= 0 }) else {
                throw ValidationError("--input-shape takes NAME=D,D,... with sizes >= 0, not '\(text)'")
            }
            result[String(parts[0])] = dims.map { $0! }
        }
        return result
    }

    func run() throws {
        let loaded = try Model.load(path: model)
        var report = ModelReport(model: loaded, path: model)
        let shapes = try shapes()
        let unknown = shapes.keys.filter { name in !loaded.graph.runtimeInputs.contains { $0.name == name } }
        if let name = unknown.sorted().first {
            throw CnnrtError.invalidInput(name: name, reason: "the model has no such input (--input-shape)")
        }
        if layers {
            report.layers = LayerReport(LayerAnalysis(model: loaded, inputShapes: shapes))
        }
        if let dot {
            let text = loaded.graphviz(inputShapes: shapes)
            do {
                try text.write(toFile: dot, atomically: true, encoding: .utf8)
            } catch {
                throw CnnrtError.io(path: dot, reason: "cannot write the DOT file")
            }
            report.dotFile = dot
        }
        if json {
            print(try report.jsonText())
        } else {
            print(report.text(attributes: attributes))
        }
    }
}
