// classify-digits FOLDER: runs FOLDER/model.onnx on every FOLDER/digit_*.png and checks the answers
// against FOLDER/digits.json. Exit status 0 when every digit is classified correctly.
import Cnnrt
import CnnrtImage
import Foundation

let folder = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "../../fixtures/models/lenet_digits"

do {
    // Load once, compile once: a Session is immutable and can run from many threads.
    let model = try Model.load(path: folder + "/model.onnx")
    let session = try Session(model: model)
    let input = session.inputs[0]

    // digits.json: {"digit_3.png": {"label": 3, ...}, ...}
    let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/digits.json"))
    let labels = try JSONDecoder().decode([String: [String: Int]].self, from: data.filteredToInts())

    var correct = 0
    for file in labels.keys.sorted() {
        // Decode the PNG and turn it into the model's input: 1x1x28x28 grayscale in [0, 1].
        let image = try Image.load(path: folder + "/" + file)
        let tensor = try ImagePreprocessing().tensor(from: image, for: input)
        let outputs = try session.run([input.name: tensor])
        let scores = outputs[session.outputs[0].name]!
        let best = scores.topClasses(1)[0]
        let expected = labels[file]!["label"]!
        correct += best.index == expected ? 1 : 0
        print("\(file): \(best.index) (score \(String(format: "%.2f", best.score)))"
              + (best.index == expected ? "" : "  WRONG, expected \(expected)"))
    }
    print("\(correct)/\(labels.count) correct")
    exit(correct == labels.count ? 0 : 1)
} catch {
    // Every cnnrt error is a CnnrtError whose description names the file, node or input at fault.
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}

extension Data {
    /// digits.json mixes numbers and strings; keep only the integer fields so it decodes as [String: Int].
    func filteredToInts() throws -> Data {
        let object = try JSONSerialization.jsonObject(with: self) as? [String: [String: Any]] ?? [:]
        let ints = object.mapValues { $0.compactMapValues { $0 as? Int } }
        return try JSONSerialization.data(withJSONObject: ints)
    }
}
