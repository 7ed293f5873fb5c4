import ArgumentParser
import Cnnrt
import CnnrtImage
import Foundation

/// `cnnrt run MODEL [INPUT ...] [-O0|-O1|-O2]`: run a model on tensor files or images.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a model on .npy, .pb, .png or .jpg inputs and print or save its outputs.",
        discussion: """
            Each INPUT is a file path, bound to the model's inputs in order, or NAME=PATH. \
            Tensor files are .npy (float32, float64, int64, ... in C order) or .pb (a serialized \
            TensorProto); a float64 array given for a float32 input is converted. PNG and JPEG images \
            are decoded, resized, center-cropped and normalized for the input they feed (see the image \
            options); one-channel inputs get grayscale. Classifier-shaped outputs ([K] or [1, K]) show \
            their top classes. --json prints one object: {"model", "inputs": [{"name", "shape", "file"}], \
            "outputs": [{"name", "element_type", "shape", "min", "max", "mean", "top": [{"index", \
            "score", "label"}], "file"}], "timings": {"load_ms", "prepare_ms", "run_ms"}}.
            """
    )

    @Argument(help: "The model file.")
    var model: String

    @Argument(help: "Inputs: PATH or NAME=PATH (.npy, .pb, .png, .jpg).")
    var inputs: [String] = []

    @Option(help: "Write each output to DIR/<output name>.npy.")
    var outputDir: String?

    @Option(help: "Worker threads (default: one per core).")
    var threads: Int?

    @Option(help: "How many top classes to show for classifier outputs.")
    var top = 5

    @Option(help: "Class names for classifier outputs: one per line, or a JSON array of strings.")
    var labels: String?

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    @OptionGroup(title: "Image inputs")
    var image: ImageOptions

    @OptionGroup var optimization: OptimizationOptions

    func validate() throws {
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
        if top < 0 { throw ValidationError("--top must not be negative") }
    }

    func run() throws {
        var clock = Stopwatch()
        let loaded = try Model.load(path: model)
        let loadTime = clock.lap()
        let session: Session
        do {
            let options = SessionOptions(threads: threads, optimizationLevel: optimization.optimizationLevel)
            session = try Session(model: loaded, options: options)
        } catch let error as CnnrtError {
            throw CnnrtError.io(path: model, reason: error.description)
        }
        let names = try labels.map(ClassLabels.load(path:))
        let bound = try InputBinding.bind(inputs, to: session, images: try image.preprocessing())
        let prepareTime = clock.lap()
        let outputs = try session.run(Dictionary(uniqueKeysWithValues: bound.map { ($0.name, $0.tensor) }))
        let runTime = clock.lap()

        var report = RunReport(
            model: model,
            inputs: bound.map { RunReport.Input(name: $0.name, shape: $0.tensor.shape, file: $0.path) },
            outputs: [],
            timings: .init(loadMs: loadTime, prepareMs: prepareTime, runMs: runTime))
        if let outputDir {
            try FileManager.default.createDirectory(atPath: outputDir, withIntermediateDirectories: true)
        }
        for info in session.outputs {
            guard let tensor = outputs[info.name] else { continue }
            var output = RunReport.output(name: info.name, tensor: tensor, top: top, labels: names)
            if let outputDir {
                let path = outputDir + "/" + OutputSummary.fileName(for: info.name) + ".npy"
                try Npy.write(tensor, path: path)
                output.file = path
            }
            report.outputs.append(output)
        }
        print(json ? try JSONOutput.text(report) : report.text())
    }
}
