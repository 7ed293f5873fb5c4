import ArgumentParser
import Cnnrt

/// `cnnrt convert IN OUT`: load, validate and save a model atomically.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Load a model, validate it and save it in cnnrt's (ONNX-compatible) format."
    )

    @Argument(help: "The model to read.")
    var input: String

    @Argument(help: "Where to write the converted model (replaced atomically).")
    var output: String

    func run() throws {
        let model = try Model.load(path: input)
        do {
            try model.validate()
        } catch let error as CnnrtError {
            throw CnnrtError.io(path: input, reason: error.description)
        }
        try model.save(path: output)
        print("wrote \(output)")
    }
}
