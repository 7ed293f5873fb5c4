import Foundation
import Testing
@testable import Cnnrt

/// Every committed fixture model matches ONNX Runtime's recorded outputs:
/// max |cnnrt - ort| / max |ort| <= 1e-4 for each output.
@Suite struct FixtureModelTests {
    static let root = TestModels.fixturesRoot
    static var cases: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).sorted()
    }

    static func run(_ name: String, options: SessionOptions = SessionOptions()) throws -> ([Tensor], [Tensor]) {
        let folder = root + "/" + name
        let model = try Model.load(path: folder + "/model.onnx")
        let session = try Session(model: model, options: options)
        let inputs = try TensorFile.readIndexed(folder: folder, prefix: "input").map(\.tensor)
        let feeds = Dictionary(uniqueKeysWithValues: zip(session.inputs.map(\.name), inputs))
        let outputs = try session.run(feeds)
        let expected = try TensorFile.readIndexed(folder: folder, prefix: "output").map(\.tensor)
        return (session.outputs.map { outputs[$0.name]! }, expected)
    }

    @Test func fixturesArePresent() {
        #expect(Self.cases.count >= 11, "fixtures/models should hold the committed fixtures")
    }

    @Test(arguments: cases)
    func matchesOnnxRuntime(name: String) throws {
        let (got, expected) = try Self.run(name)
        #expect(got.count == expected.count)
        for (g, e) in zip(got, expected) {
            let c = TensorComparison(actual: g, expected: e, rtol: 0, atol: 0)
            #expect(c.shapeMatches, "\(name): shape \(g.shape) vs \(e.shape)")
            #expect(c.relativeToPeak <= 1e-4, "\(name): max diff / max |ref| = \(c.relativeToPeak)")
        }
    }

    /// The trained LeNet classifies the digits hold-out set exactly as PyTorch did.
    @Test func trainedLenetAccuracy() throws {
        let folder = Self.root + "/lenet_digits"
        let meta = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/meta.json")))
        let labels = try Npy.read(path: folder + "/labels.npy").scalars(as: Int64.self)
        let (got, expected) = try Self.run("lenet_digits")
        func argmax(_ t: Tensor) -> [Int] {
            let v = t.floats, k = t.shape[1]
            return (0..<t.shape[0]).map { row in (0..<k).max { v[row * k + $0] < v[row * k + $1] }! }
        }
        let predictions = argmax(got[0])
        #expect(predictions == argmax(expected[0]))
        let correct = zip(predictions, labels).filter { $0 == Int($1) }.count
        let recorded = try #require((meta as? [String: Any])?["test_accuracy"] as? [String: Any])
        #expect(correct == recorded["correct"] as? Int, "\(correct)/\(labels.count) vs \(recorded)")
    }
}
