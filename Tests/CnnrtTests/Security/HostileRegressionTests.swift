import Foundation
import Testing
@testable import Cnnrt

/// Every committed hostile input (fuzzer findings and hand-made edge cases in `Resources/hostile/`) goes
/// through the library and the CLI: it may load or be refused, but a refusal is a `CnnrtError` and, in the
/// CLI, exit status 1 with `error:` on stderr and nothing on stdout; never a crash.
@Suite struct HostileRegressionTests {
    static var folder: String {
        String(#filePath).components(separatedBy: "/Security/")[0] + "/Resources/hostile"
    }

    static var files: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { !$0.hasPrefix(".") && !$0.hasSuffix(".md") }.sorted()
    }

    @Test func thereAreRegressionInputs() {
        #expect(!Self.files.isEmpty, "no files in \(Self.folder)")
    }

    @Test(arguments: files)
    func libraryFailsCleanly(_ file: String) throws {
        let path = Self.folder + "/" + file
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        _ = try? Npy.decode(bytes, source: file)
        _ = try? Tensor.decodeProto(bytes)
        guard let model = try? Model.load(path: path) else { return }
        _ = try? model.validate()
        _ = model.inferShapes()
        let saved = try model.serialized()
        #expect(try Model(bytes: saved).serialized() == saved)
        _ = Refusal.libraryError(path: path)
    }

    @Test(arguments: files)
    func commandFailsCleanly(_ file: String) throws {
        let path = Self.folder + "/" + file
        for command in ["inspect", "run"] {
            let result = try CommandRunner.run([command, path])
            #expect(result.status == 0 || result.status == 1, "\(command) \(file): exit \(result.status)")
            if result.status == 1 {
                #expect(result.stderr.hasPrefix("error: "), "\(command) \(file): \(result.stderr)")
                #expect(result.stdout.isEmpty, "\(command) \(file): \(result.stdout)")
            }
        }
    }
}
