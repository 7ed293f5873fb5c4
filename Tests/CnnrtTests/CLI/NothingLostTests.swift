import Foundation
import Testing
@testable import Cnnrt

/// Files are never damaged: inputs are only read, saves are atomic, a failed `convert` leaves an existing
/// output byte-identical, and `convert` onto its own input works.
@Suite struct NothingLostTests {
    let lenet = TestModels.fixture("lenet", "model.onnx")

    static func bytes(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    static func modificationDate(_ path: String) throws -> Date? {
        try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
    }

    @Test func failedConvertKeepsTheExistingOutput() throws {
        let folder = try TemporaryFolder()
        let output = folder.path + "/out.onnx"
        try FileManager.default.copyItem(atPath: lenet, toPath: output)
        let before = try Self.bytes(output)
        // A truncated model, then a model that loads but fails validation.
        try folder.write("truncated.onnx", Array(before[..<(before.count / 3)]))
        var graph = Graph(name: "bad")
        graph.nodes = [Node(name: "r", opType: "Relu", inputs: ["missing"], outputs: ["y"])]
        graph.outputs = [ValueInfo(name: "y", elementType: .float, shape: nil)]
        try Model(graph: graph).save(path: folder.path + "/invalid.onnx")
        for bad in ["truncated.onnx", "invalid.onnx"] {
            try Refusal.expectCommand(["convert", folder.path + "/" + bad, output], naming: [bad])
            #expect(try Self.bytes(output) == before, "\(bad) damaged the existing output")
        }
        // No temporary files are left behind.
        #expect(try folder.files() == ["invalid.onnx", "out.onnx", "truncated.onnx"])
    }

    @Test func convertOntoItsOwnInputWorks() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/model.onnx"
        try FileManager.default.copyItem(atPath: lenet, toPath: path)
        let original = try Model.load(path: path)
        let plain = try CommandRunner.run(["convert", "-O0", path, path])
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(try Model.load(path: path).graph == original.graph)
        // Optimized in place: the rewritten model replaces its own source and still loads and validates.
        let optimized = try CommandRunner.run(["convert", path, path])
        #expect(optimized.status == 0, "\(optimized.stderr)")
        try Model.load(path: path).validate()
        #expect(try folder.files() == ["model.onnx"])
    }

    @Test func readOnlyInputsAreOnlyRead() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/model.onnx"
        try FileManager.default.copyItem(atPath: lenet, toPath: path)
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: path)
        let before = try Self.bytes(path)
        let stamp = try Self.modificationDate(path)
        let input = TestModels.fixture("lenet", "input_0.npy")
        for arguments in [["inspect", path], ["run", path, input], ["convert", path, folder.path + "/copy.onnx"]] {
            let result = try CommandRunner.run(arguments)
            #expect(result.status == 0, "\(arguments[0]): \(result.stderr)")
        }
        #expect(try Self.bytes(path) == before)
        #expect(try Self.modificationDate(path) == stamp)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o444)
    }

    @Test func convertOntoAFolderRefusesClearly() throws {
        let folder = try TemporaryFolder()
        let target = folder.path + "/folder.onnx"
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: false)
        try folder.write("folder.onnx/keep.txt", Array("keep".utf8))
        try Refusal.expectCommand(["convert", lenet, target], naming: [target])
        #expect(try Self.bytes(target + "/keep.txt") == Array("keep".utf8))
        try Refusal.expectCommand(["convert", lenet, folder.path + "/missing/out.onnx"], naming: ["missing/out.onnx"])
    }

    @Test func librarySaveFailureKeepsTheFolder() throws {
        let folder = try TemporaryFolder()
        let target = folder.path + "/taken"
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: false)
        #expect(throws: CnnrtError.self) { try TestModels.identity().save(path: target) }
        #expect(try folder.files() == ["taken"])
    }
}
