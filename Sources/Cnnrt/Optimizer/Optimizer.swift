/// Rewrites a model into an equivalent one that runs faster: the entry point of cnnrt's graph optimizer.
public enum Optimizer {
    /// Optimizes `model` at `level`. The result computes the same outputs for every input (to
    /// rounding); at `.all` it may hold cnnrt's fused operators (domain `ai.cnnrt`, imported at version 1).
    /// - Parameters:
    ///   - model: the model to rewrite; it is not changed.
    ///   - level: which passes run (see `OptimizationLevel`).
    ///   - registry: the operators constant folding may run.
    /// - Returns: the rewritten model and what each pass changed.
    /// - Throws: `CnnrtError.invalidGraph` when the graph is not valid to begin with.
    public static func optimize(_ model: Model, level: OptimizationLevel,
                                registry: OperatorRegistry = .standard) throws -> (Model, OptimizationReport) {
        let before = model.graph.nodes.count
        guard level > .none else {
            return (model, OptimizationReport(level: level, nodesBefore: before, nodesAfter: before, passes: []))
        }
        try model.graph.validate()
        let editor = GraphEditor(model: model, registry: registry)
        var results: [OptimizationReport.PassResult] = []
        for pass in PassManager.passes(for: level) {
            let nodes = editor.nodes.count
            let initializers = editor.graph.initializers.count
            let changes = try pass.run(on: editor)
            results.append(OptimizationReport.PassResult(
                pass: pass.name, nodesBefore: nodes, nodesAfter: editor.nodes.count,
                initializersBefore: initializers, initializersAfter: editor.graph.initializers.count,
                changes: changes))
        }
        try editor.finish()
        let report = OptimizationReport(level: level, nodesBefore: before, nodesAfter: editor.nodes.count,
                                        passes: results)
        return (editor.model, report)
    }
}
