/// What the optimizer did to a model, pass by pass.
public struct OptimizationReport: Sendable, Equatable {
    /// One pass's effect.
    public struct PassResult: Sendable, Equatable {
        /// The pass's name, e.g. `fold-batch-norm`.
        public var pass: String
        /// Nodes before.
        public var nodesBefore: Int
        /// Nodes after.
        public var nodesAfter: Int
        /// Initializers before the pass.
        public var initializersBefore: Int
        /// Initializers after the pass.
        public var initializersAfter: Int
        /// One line per rewrite, naming the nodes involved.
        public var changes: [String]

        /// One pass's result.
        public init(pass: String, nodesBefore: Int, nodesAfter: Int, initializersBefore: Int,
                    initializersAfter: Int, changes: [String]) {
            self.pass = pass
            self.nodesBefore = nodesBefore
            self.nodesAfter = nodesAfter
            self.initializersBefore = initializersBefore
            self.initializersAfter = initializersAfter
            self.changes = changes
        }
    }

    /// The level the optimizer ran at.
    public var level: OptimizationLevel
    /// Nodes before.
    public var nodesBefore: Int
    /// Nodes after.
    public var nodesAfter: Int
    /// The passes that ran, in order.
    public var passes: [PassResult]

    /// A report.
    public init(level: OptimizationLevel, nodesBefore: Int, nodesAfter: Int, passes: [PassResult]) {
        self.level = level
        self.nodesBefore = nodesBefore
        self.nodesAfter = nodesAfter
        self.passes = passes
    }

    /// Every change of every pass, in order.
    public var changes: [String] { passes.flatMap(\.changes) }

    /// A human-readable account: a summary line, then each pass with its node counts and changes.
    public func text() -> String {
        var lines = ["optimization \(level.flag): \(nodesBefore) nodes -> \(nodesAfter) nodes"]
        let width = passes.map(\.pass.count).max() ?? 0
        for result in passes {
            let name = result.pass + String(repeating: " ", count: width - result.pass.count)
            var line = "  \(name)  nodes \(result.nodesBefore) -> \(result.nodesAfter)"
            if result.initializersBefore != result.initializersAfter {
                line += ", initializers \(result.initializersBefore) -> \(result.initializersAfter)"
            }
            line += result.changes.isEmpty ? "  (no change)" : "  (\(result.changes.count) rewrites)"
            lines.append(line)
            lines += result.changes.map { "      \($0)" }
        }
        return lines.joined(separator: "\n")
    }
}
