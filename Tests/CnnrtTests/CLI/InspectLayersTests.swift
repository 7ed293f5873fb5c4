import Foundation
import Testing
@testable import Cnnrt

/// `cnnrt inspect --layers / --dot / --json` through the built binary.
@Suite struct InspectLayersTests {
    static let model = TestModels.fixture("lenet_digits", "model.onnx")

    @Test func layersTableEndsWithTotals() throws {
        let result = try CommandRunner.run(["inspect", Self.model, "--layers"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let header = try #require(lines.first { $0.contains("MACs") && $0.contains("rf") })
        #expect(header.contains("jump"))
        // The second Conv's row: output [1, 16, 10, 10], rf 14, jump 2.
        let analysis = LayerAnalysis(model: try Model.load(path: Self.model))
        let conv2 = try #require(lines.first { $0.contains("[1, 16, 10, 10]") && $0.contains("Conv ") })
        let cells = conv2.split(separator: " ").map(String.init)
        #expect(cells.suffix(2) == ["14", "2"])
        let total = "total: \(Self.grouped(analysis.totalParameters)) parameters, "
            + "\(Self.grouped(analysis.totalMACs)) MACs"
        #expect(lines.last == total)
    }

    /// 416520 -> "416,520".
    static func grouped(_ n: Int) -> String {
        let formatter = NumberFormatter()
        formatter.numberStyle = .decimal
        formatter.groupingSeparator = ","
        formatter.usesGroupingSeparator = true
        return formatter.string(from: NSNumber(value: n))!
    }

    @Test func jsonHasLayersAndTotals() throws {
        let folder = try TemporaryFolder()
        let dot = folder.path + "/g.dot"
        let result = try CommandRunner.run(["inspect", Self.model, "--layers", "--json", "--dot", dot])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let layers = try #require(object["layers"] as? [String: Any])
        let rows = try #require(layers["rows"] as? [[String: Any]])
        let model = try Model.load(path: Self.model)
        #expect(rows.count == model.graph.nodes.count)
        let totals = try #require(layers["totals"] as? [String: Int])
        #expect(totals["macs"] == rows.compactMap { $0["macs"] as? Int }.reduce(0, +))
        #expect(totals["parameters"] == model.graph.parameterCount.elements)
        #expect(object["dot_file"] as? String == dot)
        #expect(try String(contentsOfFile: dot, encoding: .utf8) == model.graphviz())
    }

    @Test func inputShapeOverridesTheBatch() throws {
        let result = try CommandRunner.run(["inspect", Self.model, "--layers", "--input-shape", "input=4,1,28,28"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("[4, 16, 10, 10]"))
        let bad = try CommandRunner.run(["inspect", Self.model, "--layers", "--input-shape", "nope=1,1,28,28"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("nope"))
        #expect(try CommandRunner.run(["inspect", Self.model, "--input-shape", "input=a"]).status == 2)
    }

    @Test func unwritableDotFileIsAnError() throws {
        let result = try CommandRunner.run(["inspect", Self.model, "--dot", "/nonexistent-dir/g.dot"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error: /nonexistent-dir/g.dot"))
    }
}
