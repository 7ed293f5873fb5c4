import Testing
@testable import Cnnrt

/// Malformed and hostile bytes must give a `CnnrtError`, never a crash or an allocation sized by the file.
@Suite struct HostileInputTests {
    /// A model whose graph has one initializer written by `tensor`.
    static func model(tensor: (inout ProtoBytes) -> Void) -> [UInt8] {
        var m = ProtoBytes()
        m.int(1, 8)
        m.message(7) { g in
            g.string(2, "g")
            g.message(5, tensor)
        }
        m.message(8) { o in o.int(2, 13) }
        return m.bytes
    }

    static func expectMalformed(_ bytes: [UInt8], containing text: String? = nil) {
        do {
            _ = try Model(bytes: bytes)
            Issue.record("expected an error")
        } catch let error as CnnrtError {
            if let text { #expect(error.description.contains(text), "\(error)") }
        } catch {
            Issue.record("unexpected error type \(error)")
        }
    }

    @Test func emptyFileHasNoGraph() {
        Self.expectMalformed([], containing: "no graph")
    }

    @Test func everyTruncationIsRefused() throws {
        let bytes = try TestModels.identity().serialized()
        for length in 1..<bytes.count {
            _ = try? Model(bytes: Array(bytes[..<length]))   // must not crash; most are errors
        }
        Self.expectMalformed(Array(bytes[..<(bytes.count / 2)]))
    }

    @Test func randomBytesNeverCrash() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<3000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let count = Int(state >> 54)
            var bytes: [UInt8] = []
            for _ in 0..<count {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                bytes.append(UInt8(truncatingIfNeeded: state >> 33))
            }
            _ = try? Model(bytes: bytes)
        }
    }

    @Test func anotherMessageIsRefused() throws {
        let tensorBytes = try Tensor(shape: [2], scalars: [Float(1), 2]).encodeProto(name: "x")
        Self.expectMalformed(tensorBytes)
    }

    @Test func lengthBeyondTheFileIsRefused() {
        var m = ProtoBytes()
        m.bytes = ProtoBytes.varint(7 << 3 | 2) + ProtoBytes.varint(1 << 40) + [0, 0]
        Self.expectMalformed(m.bytes, containing: "claims")
    }

    @Test func deeplyNestedSubgraphsAreRefusedBeforeParsing() {
        // Graph -> Node -> Attribute -> Graph ..., 5000 levels: protobuf-c alone would recurse that deep.
        var inner: [UInt8] = []
        for _ in 0..<5000 {
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
        Self.expectMalformed(m.bytes, containing: "nested deeper")
    }

    @Test func overflowingDimsAreRefused() {
        let bytes = Self.model { t in
            t.int(1, 1 << 40)
            t.int(1, 1 << 40)
            t.int(2, 1)
            t.string(8, "w")
            t.bytes(9, [0, 0, 0, 0])
        }
        Self.expectMalformed(bytes, containing: "overflow")
    }

    @Test func hugeButValidDimsNeedTheirBytes() {
        // 2^31 floats claimed, 4 bytes present: refused without allocating 8 GiB.
        let bytes = Self.model { t in
            t.int(1, 1 << 31)
            t.int(2, 1)
            t.string(8, "w")
            t.bytes(9, [0, 0, 0, 0])
        }
        Self.expectMalformed(bytes)
    }

    @Test func rawDataLengthMustMatch() {
        let bytes = Self.model { t in
            t.int(1, 3)
            t.int(2, 1)
            t.string(8, "w")
            t.bytes(9, [0, 0, 0, 0, 0, 0, 0, 0])
        }
        Self.expectMalformed(bytes, containing: "raw_data holds 8 bytes")
    }

    @Test func negativeDimsAreRefused() {
        let bytes = Self.model { t in
            t.int(1, -2)
            t.int(2, 1)
            t.string(8, "w")
        }
        Self.expectMalformed(bytes, containing: "negative")
    }

    @Test func unknownDataTypesAreRefused() {
        for type: Int64 in [0, 17, 99, -1] {
            let bytes = Self.model { t in
                t.int(1, 1)
                t.int(2, type)
                t.string(8, "w")
                t.bytes(9, [0])
            }
            Self.expectMalformed(bytes, containing: "data type")
        }
    }

    @Test func totalTensorBytesAreLimited() throws {
        let bytes = try TestModels.identity().serialized()
        #expect(throws: CnnrtError.self) {
            _ = try Model(bytes: bytes, limits: ModelLimits(maxTotalTensorBytes: 8))
        }
    }
}
