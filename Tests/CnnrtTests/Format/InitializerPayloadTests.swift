import Foundation
import Testing
@testable import Cnnrt

/// `Model.load` takes large initializer payloads out of the file's bytes before unpacking them: the loaded
/// model equals the one parsed from the same bytes in memory (which keeps every payload in the message),
/// and files that are malformed on that path are refused with the usual errors, never a crash.
@Suite struct InitializerPayloadTests {
    /// A model with `w` and `u` (280 KB each: extracted) and `s` (12 bytes: left in the message) between them.
    static func model() -> Model {
        var builder = GraphBuilder()
        let x = builder.input("x", .float, [1, 70_000])
        let w = builder.constant("w", Tensor(shape: [70_000], scalars: (0..<70_000).map { Float($0 % 251) - 125 }))
        let s = builder.constant("s", Tensor(shape: [3], scalars: [1, 2, 3]))
        let u = builder.constant("u", Tensor(shape: [70_000], scalars: (0..<70_000).map { Float($0 % 13) }))
        let y = builder.node("Mul", [x, w], outputs: ["y"])
        let z = builder.node("Add", [y, u], outputs: ["z"])
        builder.output(builder.node("ReduceSum", [z], outputs: ["r"]))
        _ = s
        return builder.model()
    }

    @Test func loadedModelEqualsTheInMemoryParse() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/model.onnx"
        try Self.model().save(path: path)
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        // Both big payloads come out, and the message shrinks by them.
        var scratch = bytes
        let extracted = scratch.withUnsafeMutableBytes { InitializerPayloads(buffer: $0.baseAddress!, count: $0.count) }
        #expect(extracted.payloads.map { $0?.byteCount } == [280_000, nil, 280_000])
        #expect(extracted.count < bytes.count - 560_000)
        let fromFile = try Model.load(path: path)
        let fromBytes = try Model(bytes: bytes)
        #expect(fromFile.graph.initializerOrder == fromBytes.graph.initializerOrder)
        for name in fromBytes.graph.initializerOrder {
            let a = try #require(fromFile.graph.initializers[name]), b = try #require(fromBytes.graph.initializers[name])
            #expect(a.shape == b.shape && a.elementType == b.elementType)
            #expect(a.withUnsafeBytes { Array($0) } == b.withUnsafeBytes { Array($0) }, "\(name)")
        }
        #expect(fromFile.graph.nodes == fromBytes.graph.nodes)
        #expect(fromFile.graph.inputs.map(\.name) == fromBytes.graph.inputs.map(\.name))
        // The file is not changed by loading it.
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))) == bytes)
    }

    /// raw_data given twice in one tensor (protobuf keeps the last): left in the message, loaded as protobuf-c
    /// reads it.
    @Test func repeatedRawDataIsLeftInTheMessage() throws {
        let first = [UInt8](repeating: 1, count: 80_000), last = [UInt8](repeating: 0, count: 80_000)
        let bytes = HostileInputTests.model { t in
            t.int(1, 20_000)
            t.int(2, 1)
            t.bytes(9, first)
            t.string(8, "w")
            t.bytes(9, last)
        }
        let (folder, path) = try Refusal.write(bytes)
        _ = folder
        let loaded = try Model.load(path: path)
        #expect(try #require(loaded.graph.initializers["w"]).floats == [Float](repeating: 0, count: 20_000))
    }

    /// A payload whose length does not match the tensor's dimensions names the initializer.
    @Test func payloadOfTheWrongSizeIsRefused() throws {
        let bytes = HostileInputTests.model { t in
            t.int(1, 30_000)
            t.int(2, 1)
            t.string(8, "w")
            t.bytes(9, [UInt8](repeating: 0, count: 100_000))
        }
        let (folder, path) = try Refusal.write(bytes)
        _ = folder
        #expect(throws: CnnrtError.self) { _ = try Model.load(path: path) }
        do { _ = try Model.load(path: path) } catch let error as CnnrtError {
            #expect(error.description.contains("'w'") && error.description.contains("100000"), "\(error)")
        }
    }

    /// Cut anywhere (inside the payload, its length, the tensor, the graph's header) or with a graph length
    /// that overruns the file: refused, no crash.
    @Test func truncatedAndCorruptedFilesAreRefused() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/model.onnx"
        try Self.model().save(path: path)
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let cuts = [1, 2, 3, 5, 9, 17, 40, 100, 1_000, 50_000, 200_000, bytes.count / 2, bytes.count - 100, bytes.count - 1]
        for cut in cuts where cut < bytes.count {
            let (cutFolder, cutPath) = try Refusal.write(Array(bytes[..<cut]))
            _ = cutFolder
            #expect(throws: CnnrtError.self, "cut at \(cut)") { _ = try Model.load(path: cutPath) }
        }
        // The graph field's length (after its key, 0x3A) one byte too long.
        if let key = bytes.firstIndex(of: 0x3A) {
            var corrupt = bytes
            var offset = key + 1
            while corrupt[offset] & 0x80 != 0 { offset += 1 }
            corrupt[offset] &+= 1
            let (corruptFolder, corruptPath) = try Refusal.write(corrupt)
            _ = corruptFolder
            #expect(throws: CnnrtError.self) { _ = try Model.load(path: corruptPath) }
        }
    }
}
