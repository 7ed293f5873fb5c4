import Foundation
import Testing

/// Progress shows on a terminal and nowhere else.
@Suite struct ProgressTests {
    static let model = TestModels.fixture("lenet", "model.onnx")

    @Test func pipedConvertIsSilentOnStderr() throws {
        let folder = try TemporaryFolder()
        let result = try CommandRunner.run(["convert", Self.model, folder.path + "/out.onnx"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        #expect(result.stdout == "wrote \(folder.path)/out.onnx\n")
    }

    /// Runs `cnnrt` under `script`, which gives it a pseudo-terminal, and returns what the terminal got.
    static func onTerminal(_ arguments: [String], environment: [String: String] = [:]) throws -> String? {
        let script = "/usr/bin/script"
        guard FileManager.default.isExecutableFile(atPath: script) else { return nil }
        let command = ([CommandRunner.executable] + arguments).map { "'\($0)'" }.joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: script)
        process.arguments = ["-qec", command, "/dev/null"]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe()
        process.standardOutput = out
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test func convertShowsItsStepsOnATerminal() throws {
        let folder = try TemporaryFolder()
        let output = folder.path + "/out.onnx"
        guard let screen = try Self.onTerminal(["convert", Self.model, output]) else { return }
        for step in ["loading \(Self.model) ... done", "optimizing (-O2) ... done", "saving \(output) ... done"] {
            #expect(screen.contains(step), "\(screen)")
        }
        #expect(screen.contains("wrote \(output)"))
        let quiet = try Self.onTerminal(["convert", Self.model, output], environment: ["CNNRT_PROGRESS": "0"])
        #expect(quiet?.contains("loading") == false)
    }

    @Test func aFailedStepEndsItsLineBeforeTheError() throws {
        guard let screen = try Self.onTerminal(["convert", "/nonexistent/model.onnx", "/tmp/never.onnx"]) else {
            return
        }
        #expect(screen.contains("loading /nonexistent/model.onnx ... failed"), "\(screen)")
        #expect(screen.contains("\nerror: /nonexistent/model.onnx") || screen.contains("\r\nerror: "))
    }
}
