import ArgumentParser
import Cnnrt
import Foundation

/// `cnnrt inspect MODEL [--json]`: what a model holds.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show a model's versions, inputs and outputs, operators, parameters and nodes."
    )

    @Argument(help: "The model file (.onnx or .pb).")
    var model: String

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    @Flag(help: "Show every node's attributes in the node table (fused ai.cnnrt nodes always show theirs).")
    var attributes = false

    func run() throws {
        let loaded = try Model.load(path: model)
        let report = ModelReport(model: loaded, path: model)
        if json {
            print(try report.jsonText())
        } else {
            print(report.text(attributes: attributes))
        }
    }
}
