import Cnnrt
import Foundation

/// What `run` reports: the inputs it bound, each output with its statistics and top classes, the
/// files it wrote and how long each step took. `--json` prints it as one object.
struct RunReport: Encodable {
    struct Input: Encodable {
        var name: String
        var shape: [Int]
        var file: String
    }

    struct Output: Encodable {
        var name: String
        var elementType: String
        var shape: [Int]
        var min: Double?
        var max: Double?
        var mean: Double?
        /// The best classes, for classifier-shaped outputs only.
        var top: [ClassScore]?
        /// The .npy file written with `--output-dir`.
        var file: String?
    }

    struct Timings: Encodable {
        var loadMs: Double
        var prepareMs: Double
        var runMs: Double
    }

    var model: String
    var inputs: [Input]
    var outputs: [Output]
    var timings: Timings

    static func output(name: String, tensor: Tensor, top k: Int, labels: [String]?) -> Output {
        var output = Output(name: name, elementType: "\(tensor.elementType)", shape: tensor.shape)
        guard tensor.elementType != .string, tensor.count > 0 else { return output }
        let values = tensor.doubles()
        output.min = values.min()
        output.max = values.max()
        output.mean = values.reduce(0, +) / Double(values.count)
        if tensor.isClassifierShaped, k > 0 { output.top = tensor.topClasses(k, labels: labels) }
        return output
    }

    func text() -> String {
        var lines: [String] = []
        for output in outputs {
            var line = "\(output.name): \(output.elementType) \(output.shape)"
            if let min = output.min, let max = output.max, let mean = output.mean {
                line += "  min \(Self.format(min))  max \(Self.format(max))  mean \(Self.format(mean))"
            }
            lines.append(line)
            if let top = output.top {
                let best = top.map { "\($0.index)\($0.label.map { " \($0)" } ?? "") (\(Self.format($0.score)))" }
                lines.append("  top-\(top.count): " + best.joined(separator: ", "))
            }
        }
        lines += outputs.compactMap { $0.file.map { "wrote \($0)" } }
        return lines.joined(separator: "\n")
    }

    static func format(_ v: Double) -> String {
        OutputSummary.format(v)
    }
}
