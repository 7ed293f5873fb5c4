import Foundation
import Testing
@testable import Cnnrt

/// Shared checks of the security tests: a hostile file or input must give a clear error, through the
/// library (a `CnnrtError` whose message names the culprit) and through the CLI (exit status 1, a message
/// on stderr starting with `error:` and naming the culprit, nothing on stdout).
enum Refusal {
    /// Saves `model` into a fresh folder as `model.onnx` and returns the folder (kept alive by the caller).
    static func save(_ model: Model, as name: String = "model.onnx") throws -> (TemporaryFolder, String) {
        let folder = try TemporaryFolder()
        let path = folder.path + "/" + name
        try model.save(path: path)
        return (folder, path)
    }

    /// Writes raw bytes as a model file.
    static func write(_ bytes: [UInt8], as name: String = "model.onnx") throws -> (TemporaryFolder, String) {
        let folder = try TemporaryFolder()
        try folder.write(name, bytes)
        return (folder, folder.path + "/" + name)
    }

    /// Loads the file at `path`, builds a session and runs it on zeros for every input with a concrete
    /// shape; returns the first error, or nil when everything succeeded.
    static func libraryError(path: String, options: SessionOptions = SessionOptions()) -> CnnrtError? {
        do {
            let model = try Model.load(path: path)
            let session = try Session(model: model, options: options)
            var feeds: [String: Tensor] = [:]
            for input in session.inputs {
                let shape = input.concreteShape ?? []
                let type = input.elementType ?? .float
                // Feed zeros only where that is cheap; a model with larger inputs is only loaded and built.
                guard type != .string, let bytes = Shape.nominalByteCount(shape, elementType: type),
                      bytes <= 16 << 20 else { return nil }
                feeds[input.name] = Tensor(zeros: type, shape: shape)
            }
            _ = try session.run(feeds)
            return nil
        } catch let error as CnnrtError {
            return error
        } catch {
            Issue.record("not a CnnrtError: \(error)")
            return nil
        }
    }

    /// Expects the library to refuse the file with a message containing every one of `words`.
    static func expectLibrary(path: String, naming words: [String], options: SessionOptions = SessionOptions(),
                              sourceLocation: SourceLocation = #_sourceLocation) {
        guard let error = libraryError(path: path, options: options) else {
            Issue.record("the library accepted \(path)", sourceLocation: sourceLocation)
            return
        }
        for word in words {
            #expect(error.description.contains(word), "\(error) should name \(word)", sourceLocation: sourceLocation)
        }
    }

    /// Expects `cnnrt ARGUMENTS` to exit 1 with `error: ...` naming every one of `words` and print nothing.
    @discardableResult
    static func expectCommand(_ arguments: [String], naming words: [String],
                              sourceLocation: SourceLocation = #_sourceLocation) throws -> CommandResult {
        let result = try CommandRunner.run(arguments)
        #expect(result.status == 1, "exit \(result.status): \(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stdout.isEmpty, "stdout: \(result.stdout)", sourceLocation: sourceLocation)
        #expect(result.stderr.hasPrefix("error: "), "stderr: \(result.stderr)", sourceLocation: sourceLocation)
        for word in words {
            #expect(result.stderr.contains(word), "stderr should name \(word): \(result.stderr)",
                    sourceLocation: sourceLocation)
        }
        return result
    }

    /// Both: the library and `cnnrt run MODEL` refuse the model with messages naming `words`.
    static func expectBoth(_ model: Model, naming words: [String],
                           sourceLocation: SourceLocation = #_sourceLocation) throws {
        let (folder, path) = try save(model)
        expectLibrary(path: path, naming: words, sourceLocation: sourceLocation)
        try expectCommand(["run", path], naming: words, sourceLocation: sourceLocation)
        _ = folder
    }
}
