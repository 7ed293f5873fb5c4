import ArgumentParser
import Cnnrt

/// The `-O0` / `-O1` / `-O2` flags shared by `run`, `check` and `convert`.
struct OptimizationOptions: ParsableArguments {
    /// One flag per level, spelled with a single dash as compilers do.
    enum Level: String, EnumerableFlag {
        case O0, O1, O2

        static func name(for value: Level) -> NameSpecification {
            .customLong(value.rawValue, withSingleDash: true)
        }

        static func help(for value: Level) -> ArgumentHelp? {
            switch value {
            case .O0: return "Run the graph as loaded."
            case .O1: return "Clean up and fold (Identity, Dropout, constants, BatchNormalization); standard ops only."
            case .O2: return "Also fuse into cnnrt's ai.cnnrt operators (FusedConv, PointwiseConv, ...)."
            }
        }
    }

    @Flag var level: Level = .O2

    var optimizationLevel: OptimizationLevel {
        switch level {
        case .O0: return .none
        case .O1: return .basic
        case .O2: return .all
        }
    }
}
