/// One rewrite rule of the optimizer.
protocol OptimizerPass: Sendable {
    /// A short kebab-case name for reports, e.g. `fold-batch-norm`.
    var name: String { get }
    /// Rewrites `graph` in place.
    /// - Returns: one line per rewrite, naming the nodes involved.
    func run(on graph: GraphEditor) throws -> [String]
}

/// A pass made of one local match-and-rewrite, tried at every node until nothing matches any more.
protocol NodeRewritePass: OptimizerPass {
    /// Tries to match the pattern rooted at node `position` and rewrite it.
    /// - Returns: a description of the rewrite, or nil (changing nothing) when the node does not match.
    func rewrite(_ position: Int, in graph: GraphEditor) throws -> String?
}

extension NodeRewritePass {
    func run(on graph: GraphEditor) throws -> [String] {
        var changes: [String] = []
        var position = 0
        // Every rewrite removes a node or replaces matched nodes by ones this pass does not match
        // again; the bound only guards against a rule that breaks that promise.
        var budget = 4 * graph.nodes.count + 16
        while position < graph.nodes.count, budget > 0 {
            if let change = try rewrite(position, in: graph) {
                changes.append(change)
                budget -= 1
                // A rewrite may enable a match at an earlier node; rescan from the start.
                position = 0
            } else {
                position += 1
            }
        }
        return changes
    }
}

extension Node {
    /// `'name' (Op)` for optimizer reports.
    var reportName: String { "'\(displayName)' (\(opType))" }
}
