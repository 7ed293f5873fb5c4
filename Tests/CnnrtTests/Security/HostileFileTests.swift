import Foundation
import Testing
@testable import Cnnrt

/// Hostile model files through `Model.load` and through the CLI: every refusal names the file and the
/// tensor or value at fault, exits 1 and prints nothing on stdout.
@Suite struct HostileFileTests {
    /// A model with one initializer `w` written by `tensor` (see `HostileInputTests.model`).
    static func withTensor(_ tensor: @escaping (inout ProtoBytes) -> Void) -> [UInt8] {
        HostileInputTests.model(tensor: tensor)
    }

    /// A model whose graph input `x` has the dimensions given.
    static func withInput(dims: [Int64]) -> [UInt8] {
        var m = ProtoBytes()
        m.int(1, 8)
        m.message(7) { g in
            g.string(2, "g")
            g.message(11) { v in
                v.string(1, "x")
                v.message(2) { type in
                    type.message(1) { tensor in
                        tensor.int(1, 1)
                        tensor.message(2) { shape in
                            for d in dims { shape.message(1) { dim in dim.int(1, d) } }
                        }
                    }
                }
            }
        }
        m.message(8) { o in o.int(2, 13) }
        return m.bytes
    }

    /// Writes `bytes` and expects `cnnrt inspect`, `cnnrt run` and `Model.load` to refuse them.
    static func expectRefused(_ bytes: [UInt8], naming words: [String], extra: [UInt8]? = nil,
                              sourceLocation: SourceLocation = #_sourceLocation) throws {
        let (folder, path) = try Refusal.write(bytes)
        if let extra { try folder.write("weights.bin", extra) }
        Refusal.expectLibrary(path: path, naming: [path] + words, sourceLocation: sourceLocation)
        for command in ["inspect", "run", "convert"] {
            let arguments = command == "convert" ? [command, path, folder.path + "/out.onnx"] : [command, path]
            try Refusal.expectCommand(arguments, naming: [path] + words, sourceLocation: sourceLocation)
        }
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/out.onnx"), sourceLocation: sourceLocation)
    }

    @Test func deepNestingIsRefusedBeforeParsing() throws {
        var inner: [UInt8] = []
        for _ in 0..<2_000 {
            var attribute = ProtoBytes()
            attribute.bytes(6, inner)
            var node = ProtoBytes()
            node.bytes(5, attribute.bytes)
            var graph = ProtoBytes()
            graph.bytes(1, node.bytes)
            inner = graph.bytes
        }
        var m = ProtoBytes()
        m.bytes(7, inner)
        try Self.expectRefused(m.bytes, naming: ["nested deeper than 64"])
    }

    @Test func truncatedFixtureIsRefused() throws {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: TestModels.fixture("lenet", "model.onnx"))))
        try Self.expectRefused(Array(bytes[..<(bytes.count / 2)]), naming: ["byte"])
    }

    @Test func rawDataLengthMustMatchTheDims() throws {
        let bytes = Self.withTensor { t in
            t.int(1, 1 << 20)
            t.int(2, 1)
            t.string(8, "weights")
            t.bytes(9, [0, 0, 0, 0])
        }
        try Self.expectRefused(bytes, naming: ["'weights'", "raw_data holds 4 bytes"])
    }

    @Test func overflowingDimsAreRefused() throws {
        let bytes = Self.withTensor { t in
            for _ in 0..<3 { t.int(1, 1 << 30) }
            t.int(2, 1)
            t.string(8, "weights")
        }
        try Self.expectRefused(bytes, naming: ["'weights'", "overflow"])
    }

    /// No bytes, but axes that would size loops and tables: refused by their size with empty axes as 1.
    @Test func emptyTensorsWithHugeAxesAreRefused() throws {
        let bytes = Self.withTensor { t in
            t.int(1, 0)
            t.int(1, 1 << 40)
            t.int(1, 1 << 20)
            t.int(2, 1)
            t.string(8, "hollow")
        }
        try Self.expectRefused(bytes, naming: ["'hollow'", "maxTotalTensorBytes"])
    }

    @Test func repeatedAttributesAreRefused() throws {
        var node = ProtoBytes()
        node.string(1, "x")
        node.string(2, "y")
        node.string(3, "twice")
        node.string(4, "Relu")
        for _ in 0..<2 { node.message(5) { a in a.string(1, "alpha"); a.int(3, 1); a.int(20, 2) } }
        var m = ProtoBytes()
        m.int(1, 8)
        m.message(7) { g in g.bytes(1, node.bytes); g.string(2, "g") }
        m.message(8) { o in o.int(2, 13) }
        try Self.expectRefused(m.bytes, naming: ["'twice'", "'alpha' appears twice"])
    }

    @Test func typedDataCountMustMatchTheDims() throws {
        let bytes = Self.withTensor { t in
            t.int(1, 1000)
            t.int(2, 1)
            t.string(8, "weights")
            t.bytes(4, [0, 0, 0, 0])   // float_data, packed: one value for 1000 elements
        }
        try Self.expectRefused(bytes, naming: ["'weights'", "float_data holds 1 values"])
    }

    @Test func negativeInputDimsAreRefused() throws {
        try Self.expectRefused(Self.withInput(dims: [1, -3]), naming: ["'x'", "negative"])
    }

    @Test func overflowingInputDimsAreRefused() throws {
        try Self.expectRefused(Self.withInput(dims: [1 << 40, 1 << 40]), naming: ["'x'", "overflows"])
    }

    @Test func externalDataOutsideTheFolderIsRefused() throws {
        for location in ["../weights.bin", "/etc/passwd"] {
            try Self.expectRefused(ExternalDataTests.model(location: location), naming: ["'w'", "leaves"])
        }
        try Self.expectRefused(ExternalDataTests.model(location: "weights.bin", offset: 1 << 40, length: 16),
                               naming: ["'w'", "weights.bin", "outside the file"], extra: ExternalDataTests.weights)
    }

    @Test func externalDataThroughALinkOutsideTheFolderIsRefused() throws {
        let outside = try TemporaryFolder()
        try outside.write("secret.bin", ExternalDataTests.weights)
        let (folder, path) = try Refusal.write(ExternalDataTests.model(location: "link.bin"))
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/link.bin",
                                                   withDestinationPath: outside.path + "/secret.bin")
        Refusal.expectLibrary(path: path, naming: [path, "'w'", "leaves"])
        try Refusal.expectCommand(["inspect", path], naming: [path, "'w'", "leaves"])
    }

    /// The total tensor bytes limit is configurable and names the tensor that crosses it.
    @Test func totalTensorBytesLimitIsConfigurable() throws {
        let path = TestModels.fixture("lenet", "model.onnx")
        do {
            _ = try Model.load(path: path, limits: ModelLimits(maxTotalTensorBytes: 1000))
            Issue.record("loaded past the limit")
        } catch let error as CnnrtError {
            #expect(error.description.contains("maxTotalTensorBytes"))
            #expect(error.description.contains(path))
        }
        _ = try Model.load(path: path, limits: ModelLimits(maxTotalTensorBytes: 1 << 20))
    }

    /// A file of many tiny messages would make protobuf-c allocate far more than the file's size.
    @Test func messageCountIsLimited() throws {
        var graph = ProtoBytes()
        for _ in 0..<5000 { graph.bytes(1, []) }   // 5000 empty nodes, 2 bytes each
        var m = ProtoBytes()
        m.bytes(7, graph.bytes)
        do {
            _ = try Model(bytes: m.bytes, limits: ModelLimits(maxMessages: 1000))
            Issue.record("loaded past the message limit")
        } catch let error as CnnrtError {
            #expect(error.description.contains("ModelLimits.maxMessages"), "\(error)")
        }
        // Under a higher limit the same file gets as far as the graph checks (its nodes have no op_type).
        do {
            _ = try Model(bytes: m.bytes, limits: ModelLimits(maxMessages: 10_000))
        } catch let error as CnnrtError {
            #expect(error.description.contains("op_type"), "\(error)")
        }
    }

    @Test func nestingLimitIsConfigurable() throws {
        let bytes = try TestModels.identity().serialized()
        #expect(throws: CnnrtError.self) { _ = try Model(bytes: bytes, limits: ModelLimits(maxMessageDepth: 2)) }
        _ = try Model(bytes: bytes, limits: ModelLimits(maxMessageDepth: 8))
    }
}
