import ArgumentParser
import Cnnrt
#if canImport(Glibc)
import Glibc
#endif

/// The `cnnrt` command-line tool. Exit status: 0 success, 1 bad input (a model, tensor or data file
/// that cannot be used), 2 usage error.
@main
struct CnnrtCommand {
    static let configuration = CommandConfiguration(
        commandName: "cnnrt",
        abstract: "Inspect, convert and run convolutional networks stored in the ONNX format.",
        discussion: "Exit status: 0 on success, 1 when a model or input cannot be used, 2 on a usage error.",
        version: CnnrtVersion.string,
        subcommands: [InspectCommand.self, RunCommand.self, ConvertCommand.self, CheckCommand.self, OpsCommand.self,
                      BenchCommand.self]
    )

    static func main() {
        let command: ParsableCommand
        do {
            command = try Root.parseAsRoot()
        } catch {
            let code = Root.exitCode(for: error)
            if code == .success {
                print(Root.fullMessage(for: error))
                exit(0)
            }
            fputs(Root.fullMessage(for: error) + "\n", stderr)
            exit(2)
        }
        do {
            var command = command
            try command.run()
        } catch let error as CnnrtError {
            fputs("error: \(error)\n", stderr)
            exit(1)
        } catch let error as ExitCode {
            exit(error.rawValue)
        } catch {
            let code = Root.exitCode(for: error)
            fputs(Root.fullMessage(for: error) + "\n", stderr)
            exit(code == .validationFailure ? 2 : 1)
        }
    }

    /// The parsable root command; `main` wraps it to control messages and exit codes.
    struct Root: ParsableCommand {
        static let configuration = CnnrtCommand.configuration
    }
}

enum CnnrtVersion {
    static let string = "0.1.0"
}
