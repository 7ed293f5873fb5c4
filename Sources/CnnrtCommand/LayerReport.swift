import Cnnrt
import Foundation

/// What `inspect --layers` adds: a row per node and the totals (see `LayerAnalysis`).
struct LayerReport: Encodable {
    struct Row: Encodable {
        var index: Int
        var name: String
        var op: String
        var outputShape: [Int]?
        var parameters: Int
        var macs: Int?
        var receptiveField: [Double]?
        var jump: [Double]?
    }

    struct Totals: Encodable {
        var parameters: Int
        var macs: Int
    }

    var inputShapes: [String: [Int]]
    var rows: [Row]
    var totals: Totals

    init(_ analysis: LayerAnalysis) {
        inputShapes = analysis.inputShapes
        rows = analysis.layers.map {
            Row(index: $0.index, name: $0.name, op: $0.opType, outputShape: $0.outputShape, parameters: $0.parameters,
                macs: $0.macs, receptiveField: $0.receptiveField, jump: $0.jump)
        }
        totals = Totals(parameters: analysis.totalParameters, macs: analysis.totalMACs)
    }

    func text() -> [String] {
        var lines = ["layers" + (inputShapes.isEmpty ? "" : " (inputs " + inputShapes.sorted { $0.key < $1.key }
            .map { "\($0.key) \($0.value)" }.joined(separator: ", ") + ")") + ":"]
        let table = rows.map { row -> [String] in
            [
                "\(row.index)", row.name, row.op, row.outputShape.map { "\($0)" } ?? "?",
                ModelReport.grouped(row.parameters), row.macs.map(ModelReport.grouped) ?? "?",
                row.receptiveField.map(Self.axes) ?? "-", row.jump.map(Self.axes) ?? "-",
            ]
        }
        lines += ModelReport.table(header: ["#", "name", "op", "output shape", "params", "MACs", "rf", "jump"],
                                   rows: table)
        lines.append("total: \(ModelReport.grouped(totals.parameters)) parameters, "
                     + "\(ModelReport.grouped(totals.macs)) MACs")
        return lines
    }

    /// One number when every axis agrees, else `h x w`.
    static func axes(_ values: [Double]) -> String {
        let texts = values.map { $0 == $0.rounded() ? String(Int($0)) : String(format: "%.3g", $0) }
        return Set(texts).count <= 1 ? (texts.first ?? "-") : texts.joined(separator: "x")
    }
}
