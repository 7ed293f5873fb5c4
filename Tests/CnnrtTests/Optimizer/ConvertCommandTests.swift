import Foundation
import Testing
@testable import Cnnrt

/// `cnnrt convert` with optimization levels, `--report`, converting a file onto itself, and what
/// `inspect` and `run` make of the result.
@Suite struct ConvertCommandTests {
    static let model = TestModels.fixture("resnet_tiny_bn", "model.onnx")
    static let input = TestModels.fixture("resnet_tiny_bn", "input_0.npy")

    /// The converted model computes the fixture's reference outputs without further optimization.
    static func expectReferenceOutputs(_ path: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let session = try Session(model: try Model.load(path: path), options: SessionOptions(optimizationLevel: .none))
        let outputs = try session.run([session.inputs[0].name: try Npy.read(path: input)])
        let reference = try Npy.read(path: TestModels.fixture("resnet_tiny_bn", "output_0.npy"))
        let comparison = TensorComparison(actual: outputs[session.outputs[0].name]!, expected: reference,
                                          rtol: 0, atol: 0)
        #expect(comparison.relativeToPeak <= 1e-4, sourceLocation: sourceLocation)
    }

    @Test(arguments: [("-O0", 38), ("-O1", 27), ("-O2", 14), (nil, 14)] as [(String?, Int)])
    func convertsAtEachLevel(flag: String?, nodes: Int) throws {
        let folder = try TemporaryFolder()
        let out = folder.path + "/out.onnx"
        let result = try CommandRunner.run(["convert", Self.model, out] + (flag.map { [$0] } ?? []))
        #expect(result.status == 0, "\(result.stderr)")
        let converted = try Model.load(path: out)
        #expect(converted.graph.nodes.count == nodes)
        #expect(converted.graph.nodes.contains { $0.domain == "ai.cnnrt" } == (nodes == 14))
        try Self.expectReferenceOutputs(out)
    }

    @Test func convertsOntoItsOwnInput() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/model.onnx"
        try FileManager.default.copyItem(atPath: Self.model, toPath: path)
        let result = try CommandRunner.run(["convert", path, path, "-O2", "--report"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("optimization -O2: 38 nodes -> 14 nodes"))
        #expect(result.stdout.contains("fold-batch-norm"))
        #expect(result.stdout.contains("into FusedConv"))
        #expect(try folder.files() == ["model.onnx"])   // no temporary file left behind
        try Self.expectReferenceOutputs(path)
    }

    @Test func rejectsBadLevelFlags() throws {
        let folder = try TemporaryFolder()
        #expect(try CommandRunner.run(["convert", Self.model, folder.path + "/a.onnx", "-O3"]).status == 2)
        #expect(try CommandRunner.run(["convert", Self.model, folder.path + "/a.onnx", "-O1", "-O2"]).status == 2)
        #expect(try folder.files().isEmpty)
    }

    @Test func inspectShowsFusedNodesAndAttributes() throws {
        let folder = try TemporaryFolder()
        let out = folder.path + "/out.onnx"
        #expect(try CommandRunner.run(["convert", Self.model, out]).status == 0)
        let result = try CommandRunner.run(["inspect", out])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("ai.cnnrt 1"))
        #expect(result.stdout.contains("ai.cnnrt.FusedConv"))
        #expect(result.stdout.contains("activation=Relu"))
        #expect(result.stdout.contains("kernel_shape=[3, 3]"))
        let plain = try CommandRunner.run(["inspect", Self.model, "--attributes"])
        #expect(plain.stdout.contains("epsilon="))
    }

    @Test(arguments: ["-O0", "-O1", "-O2"])
    func runTakesTheLevel(_ flag: String) throws {
        let result = try CommandRunner.run(["run", Self.model, Self.input, flag])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("[1, 10]"))
    }

    /// The saved -O1 and -O2 models pass ONNX's checker (with the venv made by scripts/python-env).
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: ConvertCommandTests.venvPython)),
          arguments: ["-O1", "-O2"])
    func savedModelsPassTheONNXChecker(_ flag: String) throws {
        let folder = try TemporaryFolder()
        let out = folder.path + "/out.onnx"
        #expect(try CommandRunner.run(["convert", Self.model, out, flag]).status == 0)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.venvPython)
        let script = "import onnx, sys; onnx.checker.check_model(onnx.load(sys.argv[1]), full_check=True)"
        process.arguments = ["-c", script, out]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    static var venvPython: String {
        (#filePath).components(separatedBy: "/Tests/")[0] + "/.venv/bin/python"
    }
}
