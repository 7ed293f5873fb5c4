import Cnnrt
import Foundation

/// What `inspect` shows about a model, as text or JSON.
struct ModelReport: Encodable {
    struct Value: Encodable {
        var name: String
        var type: String
        var shape: [String]?
    }

    struct NodeRow: Encodable {
        var name: String
        var op: String
        var domain: String?
        var inputs: [String]
        var outputs: [String]
        var outputShapes: [[Int]?]
        var attributes: [String: String]
    }

    struct OpCount: Encodable {
        var op: String
        var count: Int
    }

    struct Opset: Encodable {
        var domain: String
        var version: Int
    }

    var file: String
    var producer: String
    var producerVersion: String
    var irVersion: Int
    var opsets: [Opset]
    var inputs: [Value]
    var outputs: [Value]
    var parameters: Int
    var parameterBytes: Int
    var initializers: Int
    var ops: [OpCount]
    var nodes: [NodeRow]
    /// With `--layers`: per-layer analysis and totals.
    var layers: LayerReport?
    /// With `--dot`: the file written.
    var dotFile: String?

    init(model: Model, path: String) {
        let graph = model.graph
        file = path
        producer = model.producerName
        producerVersion = model.producerVersion
        irVersion = model.irVersion
        opsets = model.opsetImports.map { Opset(domain: $0.domain.isEmpty ? "ai.onnx" : $0.domain, version: $0.version) }
        func describe(_ v: ValueInfo) -> Value {
            Value(name: v.name, type: v.elementType.map { "\($0)" } ?? "?", shape: v.shape?.map(\.description))
        }
        inputs = graph.runtimeInputs.map(describe)
        outputs = graph.outputs.map(describe)
        let params = graph.parameterCount
        parameters = params.elements
        parameterBytes = params.bytes
        initializers = graph.initializers.count
        var histogram: [String: Int] = [:]
        for node in graph.nodes { histogram[node.opType, default: 0] += 1 }
        ops = histogram.map { OpCount(op: $0.key, count: $0.value) }
            .sorted { ($0.count, $1.op) > ($1.count, $0.op) }
        let shapes = model.inferShapes().values
        nodes = graph.nodes.map { node in
            NodeRow(name: node.name, op: node.opType, domain: node.isDefaultDomain ? nil : node.domain,
                    inputs: node.inputs, outputs: node.outputs,
                    outputShapes: node.outputs.map { shapes[$0]?.shape },
                    attributes: Dictionary(node.attributes.map { ($0.name, Self.brief($0.value)) },
                                           uniquingKeysWith: { first, _ in first }))
        }
    }

    /// A short rendering of an attribute value for tables.
    static func brief(_ value: AttributeValue) -> String {
        switch value {
        case .float(let f): return "\(f)"
        case .int(let i): return "\(i)"
        case .string(let s): return s
        case .tensor(let t): return "tensor \(t.elementType)\(t.shape)"
        case .graph(let g): return "graph '\(g.name)' (\(g.nodes.count) nodes)"
        case .floats(let list): return "\(list)"
        case .ints(let list): return "\(list)"
        case .strings(let list): return "\(list)"
        case .tensors(let list): return "\(list.count) tensors"
        case .graphs(let list): return "\(list.count) graphs"
        }
    }

    func jsonText() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// The report as text. The node table gets an attributes column when `attributes` is true (every
    /// node's) or when the model holds nodes of a non-default domain such as cnnrt's fused ops (theirs).
    func text(attributes: Bool = false) -> String {
        var lines: [String] = []
        lines.append("model:      \(file)")
        lines.append("producer:   \(producer.isEmpty ? "?" : producer) \(producerVersion)")
        lines.append("ir version: \(irVersion)")
        lines.append("opsets:     " + opsets.map { "\($0.domain) \($0.version)" }.joined(separator: ", "))
        func valueLine(_ v: Value) -> String {
            "  \(v.name)  \(v.type) " + (v.shape.map { "[" + $0.joined(separator: ", ") + "]" } ?? "?")
        }
        lines.append("inputs:")
        lines += inputs.map(valueLine)
        lines.append("outputs:")
        lines += outputs.map(valueLine)
        lines.append("parameters: \(Self.grouped(parameters)) (\(Self.grouped(parameterBytes)) bytes "
                     + "in \(initializers) initializers)")
        lines.append("operators:  " + ops.map { "\($0.op) \($0.count)" }.joined(separator: ", "))
        lines.append("nodes: \(nodes.count)")
        let showAttributes = attributes || nodes.contains { $0.domain != nil }
        let rows = nodes.enumerated().map { index, node -> [String] in
            let shapes = node.outputShapes.map { $0.map { "\($0)" } ?? "?" }.joined(separator: " ")
            let op = node.domain.map { "\($0).\(node.op)" } ?? node.op
            var row = ["\(index)", node.name.isEmpty ? "-" : node.name, op,
                       node.inputs.joined(separator: ", ") + " -> " + node.outputs.joined(separator: ", "), shapes]
            if showAttributes {
                let shown = attributes || node.domain != nil
                row.append(shown ? node.attributes.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
                                    .joined(separator: " ") : "")
            }
            return row
        }
        let header = ["#", "name", "op", "inputs -> outputs", "output shape"] + (showAttributes ? ["attributes"] : [])
        lines += Self.table(header: header, rows: rows)
        if let layers { lines += layers.text() }
        if let dotFile { lines.append("wrote \(dotFile)") }
        return lines.joined(separator: "\n")
    }

    static func grouped(_ n: Int) -> String {
        let digits = Array(String(n))
        var out = ""
        for (i, d) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(d)
        }
        return out
    }

    static func table(header: [String], rows: [[String]]) -> [String] {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            "  " + row.enumerated().map { i, cell in
                i == row.count - 1 ? cell : cell.padding(toLength: widths[i], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
    }
}
