import Cnnrt
import Foundation

/// One-line descriptions of output tensors, with the top classes for classifier-shaped outputs.
enum OutputSummary {
    /// A classifier-shaped output is a vector of scores: shape [K] or [1, K] with K > 1.
    static func isClassifier(_ shape: [Int]) -> Bool {
        (shape.count == 1 && shape[0] > 1) || (shape.count == 2 && shape[0] == 1 && shape[1] > 1)
    }

    /// Indices and scores of the `k` highest scores, best first (ties keep the lower index first).
    static func top(_ scores: [Double], k: Int) -> [(index: Int, score: Double)] {
        scores.enumerated().sorted { $0.element != $1.element ? $0.element > $1.element : $0.offset < $1.offset }
            .prefix(k).map { ($0.offset, $0.element) }
    }

    static func describe(name: String, tensor: Tensor) -> String {
        var line = "\(name): \(tensor.elementType) \(tensor.shape)"
        guard tensor.elementType != .string, tensor.count > 0 else { return line }
        let values = tensor.doubles()
        let minimum = values.min()!, maximum = values.max()!
        let mean = values.reduce(0, +) / Double(values.count)
        line += "  min \(format(minimum))  max \(format(maximum))  mean \(format(mean))"
        if isClassifier(tensor.shape) {
            let best = top(values, k: 5).map { "\($0.index) (\(format($0.score)))" }
            line += "\n  top-\(best.count): " + best.joined(separator: ", ")
        }
        return line
    }

    static func format(_ v: Double) -> String {
        String(format: "%.6g", v)
    }

    /// An output name made safe as a file name.
    static func fileName(for name: String) -> String {
        let safe = name.map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "_" }
        return safe.isEmpty ? "output" : String(safe)
    }
}
