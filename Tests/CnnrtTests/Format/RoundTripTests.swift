import Testing
@testable import Cnnrt
#if canImport(Glibc)
import Glibc
#endif

@Suite struct RoundTripTests {
    @Test func swiftModelSurvivesSerialization() throws {
        let model = TestModels.identity()
        let bytes = try model.serialized()
        let again = try Model(bytes: bytes)
        #expect(again == model)
        #expect(try again.serialized() == bytes)
    }

    @Test func tensorProtoRoundTrip() throws {
        let tensor = Tensor(shape: [2, 3], scalars: (0..<6).map { Float($0) * 0.5 })
        let bytes = try tensor.encodeProto(name: "t")
        let (name, decoded) = try Tensor.decodeProto(bytes)
        #expect(name == "t")
        #expect(decoded == tensor)
    }

    @Test func typedDataFieldsLoad() throws {
        // float_data written unpacked (one tag per value) and int64_data packed: both encodings load.
        var tensor = ProtoBytes()
        tensor.int(1, 3)        // dims
        tensor.int(2, 1)        // FLOAT
        for v: Float in [1.5, -2, 4] {
            tensor.bytes += ProtoBytes.varint(4 << 3 | 5) + withUnsafeBytes(of: v.bitPattern.littleEndian, Array.init)
        }
        tensor.string(8, "f")
        let (_, floats) = try Tensor.decodeProto(tensor.bytes)
        #expect(floats.floats == [1.5, -2, 4])

        var ints = ProtoBytes()
        ints.int(1, 2)
        ints.int(2, 7)          // INT64
        ints.bytes(7, ProtoBytes.varint(5) + ProtoBytes.varint(UInt64(bitPattern: -3)))
        let (_, decoded) = try Tensor.decodeProto(ints.bytes)
        #expect(decoded.scalars(as: Int64.self) == [5, -3])
    }

    @Test func saveIsAtomicAndReplaces() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/m.onnx"
        try TestModels.identity().save(path: path)
        var changed = TestModels.identity()
        changed.producerName = "second"
        try changed.save(path: path)
        #expect(try Model.load(path: path).producerName == "second")
        #expect(try folder.files() == ["m.onnx"])   // no temporary file left behind
    }

    @Test func failedSaveLeavesNothingBehind() throws {
        let folder = try TemporaryFolder()
        #expect(throws: CnnrtError.self) {
            try TestModels.identity().save(path: folder.path + "/missing/m.onnx")
        }
        #expect(try folder.files().isEmpty)
    }

    @Test func committedFixtureRoundTrips() throws {
        let path = TestModels.fixture("lenet", "model.onnx")
        #expect(access(path, F_OK) == 0, "the committed fixture \(path) is missing")
        let model = try Model.load(path: path)
        let again = try Model(bytes: try model.serialized())
        #expect(again == model)
    }
}
