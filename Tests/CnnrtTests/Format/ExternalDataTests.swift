import Testing
@testable import Cnnrt

@Suite struct ExternalDataTests {
    /// A model whose initializer `w` (4 floats) lives in an external file.
    static func model(location: String, offset: Int? = nil, length: Int? = nil) -> [UInt8] {
        HostileInputTests.model { t in
            t.int(1, 4)
            t.int(2, 1)
            t.string(8, "w")
            t.message(13) { e in e.string(1, "location"); e.string(2, location) }
            if let offset { t.message(13) { e in e.string(1, "offset"); e.string(2, "\(offset)") } }
            if let length { t.message(13) { e in e.string(1, "length"); e.string(2, "\(length)") } }
            t.int(14, 1)
        }
    }

    static let weights: [UInt8] = [Float(1), 2, 3, 4].flatMap { withUnsafeBytes(of: $0, Array.init) }

    @Test func loadsFromTheModelsFolder() throws {
        let folder = try TemporaryFolder()
        try folder.write("weights.bin", [9, 9, 9, 9] + Self.weights)
        try folder.write("m.onnx", Self.model(location: "weights.bin", offset: 4, length: 16))
        let model = try Model.load(path: folder.path + "/m.onnx")
        #expect(model.graph.initializers["w"]?.floats == [1, 2, 3, 4])
    }

    @Test(arguments: ["../weights.bin", "/etc/passwd", "sub/../../weights.bin"])
    func locationsOutsideTheFolderAreRefused(location: String) throws {
        let folder = try TemporaryFolder()
        try folder.write("m.onnx", Self.model(location: location))
        #expect(throws: CnnrtError.self) { _ = try Model.load(path: folder.path + "/m.onnx") }
    }

    @Test func rangesOutsideTheFileAreRefused() throws {
        let folder = try TemporaryFolder()
        try folder.write("weights.bin", Self.weights)
        for (offset, length) in [(8, 16), (1 << 40, 16), (0, 32)] {
            try folder.write("m.onnx", Self.model(location: "weights.bin", offset: offset, length: length))
            #expect(throws: CnnrtError.self) { _ = try Model.load(path: folder.path + "/m.onnx") }
        }
    }

    @Test func bytesWithoutAFolderCannotResolveExternalData() {
        HostileInputTests.expectMalformed(Self.model(location: "weights.bin"), containing: "not loaded from a file")
    }
}
