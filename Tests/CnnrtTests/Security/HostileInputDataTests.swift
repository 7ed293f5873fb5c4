import Foundation
import Testing
@testable import Cnnrt

/// Hostile input tensors (.npy and .pb files, and tensors given to `Session.run`): refused with the file or
/// input named, before anything sized by them is allocated.
@Suite struct HostileInputDataTests {
    let lenet = TestModels.fixture("lenet", "model.onnx")

    /// An .npy file with the given header and data bytes.
    static func npy(_ header: String, data: [UInt8] = []) -> [UInt8] {
        let text = Array(header.utf8) + [0x0A]
        return [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(text.count & 0xFF), UInt8(text.count >> 8)] + text + data
    }

    static let badFiles: [(name: String, bytes: [UInt8], says: String)] = [
        ("magic.npy", Array("not numpy at all".utf8), "bad magic"),
        ("overflow.npy", npy("{'descr': '<f4', 'fortran_order': False, 'shape': (4611686018427387904, 4), }"),
         "overflows"),
        ("short.npy", npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 1, 28, 28), }", data: [0, 0]),
         "needs 3136"),
        ("negative.npy", npy("{'descr': '<f4', 'fortran_order': False, 'shape': (-1, 28), }"), "invalid dimension"),
        ("header.npy", [0x93] + Array("NUMPY".utf8) + [1, 0, 0xFF, 0xFF, 0x7B], "truncated header"),
        ("dtype.npy", npy("{'descr': '<c16', 'fortran_order': False, 'shape': (1,), }",
                          data: [UInt8](repeating: 0, count: 16)),
         "unsupported dtype"),
        ("fortran.npy", npy("{'descr': '<f4', 'fortran_order': True, 'shape': (1,), }", data: [0, 0, 0, 0]),
         "Fortran"),
        ("garbage.pb", [0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F], "claims"),
        ("dims.pb", { var t = ProtoBytes(); t.int(1, 1 << 40); t.int(1, 1 << 40); t.int(2, 1); return t.bytes }(),
         "overflow"),
        ("extension.txt", [1, 2, 3], "unknown tensor file type"),
    ]

    @Test func badTensorFilesAreRefusedByTheCommand() throws {
        let folder = try TemporaryFolder()
        for file in Self.badFiles {
            try folder.write(file.name, file.bytes)
            let path = folder.path + "/" + file.name
            try Refusal.expectCommand(["run", lenet, path], naming: [path, file.says])
            #expect(throws: CnnrtError.self) { _ = try TensorFile.read(path: path) }
        }
    }

    @Test func inputsThatDoNotFitTheModelAreRefused() throws {
        let folder = try TemporaryFolder()
        let cases: [(Tensor, String)] = [
            (Tensor(zeros: .float, shape: [1, 1, 28, 27]), "expected shape"),
            (Tensor(zeros: .float, shape: [1, 28, 28]), "expected rank"),
            (Tensor(zeros: .int64, shape: [1, 1, 28, 28]), "element type"),
        ]
        let model = try Model.load(path: lenet)
        let session = try Session(model: model)
        let name = session.inputs[0].name
        for (i, (tensor, says)) in cases.enumerated() {
            let path = folder.path + "/input\(i).npy"
            try Npy.write(tensor, path: path)
            try Refusal.expectCommand(["run", lenet, path], naming: [name, says])
            #expect(throws: CnnrtError.self) { _ = try session.run([name: tensor]) }
        }
        try Refusal.expectCommand(["run", lenet], naming: [name, "missing"])
        try Refusal.expectCommand(["run", lenet, "nosuch=" + TestModels.fixture("lenet", "input_0.npy"),
                                   TestModels.fixture("lenet", "input_0.npy")], naming: ["nosuch=", "cannot open"])
    }

    /// A symbolic batch dimension is bound by the input, and the run's tensor limit applies to what follows.
    @Test func runTimeSizesAreLimited() throws {
        var b = GraphBuilder()
        let x = b.input("x", .float, dimensions: [.symbol("N"), .value(1)])
        let row = b.constant("row", Tensor(zeros: .float, shape: [1, 1 << 12]))
        b.output(b.node("Add", [x, row], name: "widen"))
        let session = try Session(model: b.model(), options: SessionOptions(maxTensorBytes: 1 << 20))
        _ = try session.run(["x": Tensor(zeros: .float, shape: [16, 1])])
        #expect(throws: CnnrtError.self) { _ = try session.run(["x": Tensor(zeros: .float, shape: [1 << 10, 1])]) }
        do {
            _ = try session.run(["x": Tensor(zeros: .float, shape: [1 << 10, 1])])
        } catch let error as CnnrtError {
            #expect(error.description.contains("widen"))
            #expect(error.description.contains("maxTensorBytes"))
        }
    }
}
