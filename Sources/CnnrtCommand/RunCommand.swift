import ArgumentParser
import Cnnrt
import Foundation

/// `cnnrt run MODEL [INPUT ...] [--output-dir DIR] [--threads N] [-O0|-O1|-O2]`: run a model on input tensors.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a model on .npy or .pb input tensors and print or save its outputs.",
        discussion: """
            Each INPUT is a file path, bound to the model's inputs in order, or NAME=PATH. \
            Files are .npy (float32, float64, int64, ... in C order) or .pb (a serialized TensorProto). \
            A float64 array given for a float32 input is converted.
            """
    )

    @Argument(help: "The model file.")
    var model: String

    @Argument(help: "Input tensors: PATH or NAME=PATH.")
    var inputs: [String] = []

    @Option(help: "Write each output to DIR/<output name>.npy.")
    var outputDir: String?

    @Option(help: "Worker threads (default: one per core).")
    var threads: Int?

    @OptionGroup var optimization: OptimizationOptions

    func validate() throws {
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    }

    func run() throws {
        let loaded = try Model.load(path: model)
        let session: Session
        do {
            let options = SessionOptions(threads: threads, optimizationLevel: optimization.optimizationLevel)
            session = try Session(model: loaded, options: options)
        } catch let error as CnnrtError {
            throw CnnrtError.io(path: model, reason: error.description)
        }
        let feeds = try InputBinding.bind(inputs, to: session)
        let outputs = try session.run(feeds)
        for info in session.outputs {
            guard let tensor = outputs[info.name] else { continue }
            print(OutputSummary.describe(name: info.name, tensor: tensor))
        }
        if let outputDir {
            try FileManager.default.createDirectory(atPath: outputDir, withIntermediateDirectories: true)
            for info in session.outputs {
                guard let tensor = outputs[info.name] else { continue }
                let path = outputDir + "/" + OutputSummary.fileName(for: info.name) + ".npy"
                try Npy.write(tensor, path: path)
                print("wrote \(path)")
            }
        }
    }
}
