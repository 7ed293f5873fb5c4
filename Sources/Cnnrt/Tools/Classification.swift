import Foundation

/// One class of a classifier's output: its index, its score and, when labels are known, its name.
public struct ClassScore: Sendable, Equatable, Codable {
    /// The class index (position in the output vector).
    public var index: Int
    /// The model's score for the class (a logit or probability, as the model outputs).
    public var score: Double
    /// The class name from a labels file, or nil.
    public var label: String?

    /// A class score.
    public init(index: Int, score: Double, label: String? = nil) {
        self.index = index
        self.score = score
        self.label = label
    }

    private enum CodingKeys: String, CodingKey {
        case index, score, label
    }

    /// Encodes all three fields; `label` is null when there is none.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(index, forKey: .index)
        try container.encode(score, forKey: .score)
        try container.encode(label, forKey: .label)
    }
}

extension Tensor {
    /// True for classifier-shaped outputs: a vector of more than one score, shape `[K]` or `[1, K]`.
    public var isClassifierShaped: Bool {
        guard elementType != .string, elementType != .bool else { return false }
        return (rank == 1 && shape[0] > 1) || (rank == 2 && shape[0] == 1 && shape[1] > 1)
    }

    /// The `k` highest scores, best first; ties keep the lower index first. NaN scores rank last.
    /// - Parameters:
    ///   - k: how many classes to return (fewer when the tensor is smaller).
    ///   - labels: class names by index; an index past the end gets no label.
    public func topClasses(_ k: Int, labels: [String]? = nil) -> [ClassScore] {
        let scores = doubles()
        let order = scores.indices.sorted { a, b in
            let x = scores[a].isNaN ? -Double.infinity : scores[a]
            let y = scores[b].isNaN ? -Double.infinity : scores[b]
            return x != y ? x > y : a < b
        }
        return order.prefix(max(k, 0)).map { index in
            ClassScore(index: index, score: scores[index],
                       label: labels.flatMap { index < $0.count ? $0[index] : nil })
        }
    }
}

/// Class names for a classifier's outputs.
public enum ClassLabels {
    /// Reads class names: a JSON array of strings, or a text file with one name per line (blank lines
    /// at the end are ignored; a leading `index:` or `index<TAB>` on every line is dropped).
    /// - Throws: `CnnrtError.io` when the file cannot be read, `CnnrtError.invalidData` when it is empty
    ///   or not UTF-8.
    public static func load(path: String) throws -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CnnrtError.io(path: path, reason: "cannot read the labels file")
        }
        return try parse(data, source: path)
    }

    /// Parses the contents of a labels file (see ``load(path:)``).
    public static func parse(_ data: Data, source: String) throws -> [String] {
        if let array = try? JSONSerialization.jsonObject(with: data) as? [String] {
            return array
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CnnrtError.invalidData(source: source, reason: "labels are not UTF-8 text")
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
        while lines.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { lines.removeLast() }
        guard !lines.isEmpty else { throw CnnrtError.invalidData(source: source, reason: "no labels") }
        let numbered = lines.allSatisfy { line in
            guard let cut = line.firstIndex(where: { $0 == ":" || $0 == "\t" }) else { return false }
            return Int(line[..<cut].trimmingCharacters(in: .whitespaces)) != nil
        }
        guard numbered else { return lines }
        return lines.map { line in
            let cut = line.firstIndex(where: { $0 == ":" || $0 == "\t" })!
            return line[line.index(after: cut)...].trimmingCharacters(in: .whitespaces)
        }
    }
}
