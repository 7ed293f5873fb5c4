import ArgumentParser
import Cnnrt

/// `cnnrt ops`: the operators this build implements.
struct OpsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ops",
        abstract: "List the operators cnnrt implements, one per line as DOMAIN OP (ai.onnx for the default domain)."
    )

    func run() throws {
        for domain in ["", "ai.cnnrt"] {
            for op in OperatorRegistry.standard.opTypes(domain: domain) {
                print("\(domain.isEmpty ? "ai.onnx" : domain) \(op)")
            }
        }
    }
}
