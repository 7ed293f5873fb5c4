#if canImport(Glibc)
import Glibc
#endif

/// A compiled model ready to run: operators built and checked once, then run many times.
///
/// For each set of input shapes a session compiles an `ExecutionPlan` (shapes inferred, weights packed,
/// fast kernels chosen, memory planned) on first use and caches it; a node with no fast kernel runs its
/// reference operator. Shared between threads: the model, the operators, the plans (immutable) and the
/// thread pool (a loop that finds it busy runs on its caller's thread). Per run: an execution context
/// (arena and scratch) taken from the plan's pool of contexts, so one session may be used from several
/// threads at once. `CNNRT_EXECUTOR=reference` in the environment runs every node's reference operator.
public final class Session: @unchecked Sendable {
    /// The model the session runs, after optimization.
    public let model: Model
    /// The options the session was built with.
    public let options: SessionOptions

    private struct Step {
        var node: Node
        var op: any Operator
        var inputs: [String]
        var outputs: [String]
        /// Values whose last consumer is this step: dropped after it runs to bound memory.
        var releases: [String]
    }

    private let steps: [Step]
    private let graphInputs: [ValueInfo]
    private let graphOutputs: [String]
    /// Worker threads for kernels (nil when `threads` is 1).
    let pool: ThreadPool?
    private let kernels: KernelSet
    private let useFastPath: Bool
    /// Compiled plans by input shapes (nil: compilation failed, run the reference path), and the plan
    /// used last with its shapes: `run` with the same shapes as before finds it without hashing.
    private struct PlanCache {
        var plans: [[[Int]]: ExecutionPlan?] = [:]
        var lastKey: [[Int]]?
        var lastPlan: ExecutionPlan?
    }
    private let plans = Locked(PlanCache())

    /// Builds a session: optimizes the model at `options.optimizationLevel` (so `model` is the optimized
    /// one), validates the graph, checks every operator is supported (reporting all
    /// unsupported nodes at once) and parses each node's attributes.
    /// - Throws: `CnnrtError` naming the graph, node or operator at fault.
    public init(model: Model, options: SessionOptions = SessionOptions(),
                registry: OperatorRegistry = .standard) throws {
        // An untrusted graph is checked before any optimizer pass rewrites it, and again after.
        try model.validate()
        // Constant folding runs operators: the session's tensor limit applies to it as to `run`.
        let model = try TensorLimits.$maxTensorBytes.withValue(options.maxTensorBytes) {
            try Optimizer.optimize(model, level: options.optimizationLevel, registry: registry).0
        }
        self.model = model
        self.options = options
        let graph = model.graph
        try model.validate()
        let order = try graph.topologicalOrder()

        let unsupported = order.compactMap { index -> String? in
            let node = graph.nodes[index]
            return registry.unsupportedReason(node, opset: model.opsetVersion(for: node.domain))
        }
        guard unsupported.isEmpty else { throw CnnrtError.unsupportedOperators(unsupported) }

        var lastUse: [String: Int] = [:]
        for (position, index) in order.enumerated() {
            for input in graph.nodes[index].inputs where !input.isEmpty { lastUse[input] = position }
        }
        let kept = Set(graph.outputs.map(\.name)).union(graph.initializers.keys)
        var steps: [Step] = []
        for (position, index) in order.enumerated() {
            let node = graph.nodes[index]
            let op = try registry.makeOperator(node, opset: model.opsetVersion(for: node.domain))
            let releases = Set(node.inputs.filter { !$0.isEmpty && lastUse[$0] == position && !kept.contains($0) })
            steps.append(Step(node: node, op: op, inputs: node.inputs, outputs: node.outputs,
                              releases: Array(releases)))
        }
        self.steps = steps
        graphInputs = graph.runtimeInputs
        graphOutputs = graph.outputs.map(\.name)
        let threads = max(1, options.threads ?? Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        pool = threads > 1 ? ThreadPool(threads: threads) : nil
        kernels = options.allowWinograd ? .active : KernelSet.active.withoutWinograd
        useFastPath = getenv("CNNRT_EXECUTOR").map { String(cString: $0) } != "reference"
    }

    /// The plan for the shapes of `feeds`, compiled on first use; nil when the reference path runs.
    func plan(for feeds: [String: Tensor]) -> ExecutionPlan? {
        guard useFastPath else { return nil }
        // Same shapes as the last run: compare in place, no key built.
        let last: ExecutionPlan?? = plans.withLock { cache in
            guard let key = cache.lastKey, key.count == graphInputs.count else { return nil }
            for (i, info) in graphInputs.enumerated() where feeds[info.name]?.shape ?? [] != key[i] { return nil }
            return .some(cache.lastPlan)
        }
        if let last { return last }
        let key = graphInputs.map { feeds[$0.name]?.shape ?? [] }
        if let cached = plans.withLock({ cache -> ExecutionPlan?? in
            guard let cached = cache.plans[key] else { return nil }
            (cache.lastKey, cache.lastPlan) = (key, cached)
            return cached
        }) {
            return cached
        }
        var shapes: [String: [Int]] = [:]
        for (info, shape) in zip(graphInputs, key) { shapes[info.name] = shape }
        let plan = try? ExecutionPlan(model: model, order: steps.map { ($0.node, $0.op) }, inputShapes: shapes,
                                      pool: pool, kernels: kernels, minParallelWork: options.minParallelWork)
        plans.withLock { cache in
            cache.plans[key] = .some(plan)
            (cache.lastKey, cache.lastPlan) = (key, plan)
        }
        return plan
    }

    /// What the plan for `feeds` runs: per node its kernel and FLOPs, and the arena size.
    public func planSummary(for feeds: [String: Tensor]) -> PlanSummary? {
        plan(for: feeds).map(PlanSummary.init)
    }

    /// Runs the model and measures each node.
    /// - Parameter seconds: receives the seconds spent in each node, added to what it holds (indexed like
    ///   `planSummary(for:).nodes`); left alone when the reference path runs.
    public func run(_ feeds: [String: Tensor], profile seconds: inout [Double]) throws -> [String: Tensor] {
        try TensorLimits.$maxTensorBytes.withValue(options.maxTensorBytes) {
            try checkFeeds(feeds)
            guard let plan = plan(for: feeds) else { return try runReference(feeds) }
            if seconds.count != plan.steps.count { seconds = Array(repeating: 0, count: plan.steps.count) }
            return try seconds.withUnsafeMutableBufferPointer { try plan.run(feeds, profile: $0.baseAddress) }
        }
    }

    /// The inputs a caller binds, with their declared types and shapes.
    public var inputs: [ValueInfo] { graphInputs }
    /// The outputs `run` returns.
    public var outputs: [ValueInfo] { model.graph.outputs }

    /// Runs the model.
    /// - Parameter feeds: a tensor for every input in `inputs`, by name.
    /// - Returns: every graph output by name.
    /// - Throws: `CnnrtError.invalidInput` for a missing, unknown or mis-shaped input; an operator's error.
    public func run(_ feeds: [String: Tensor]) throws -> [String: Tensor] {
        try checkFeeds(feeds)
        let plan = plan(for: feeds)
        // Only reference operators allocate tensors the limit bounds: a plan of fast kernels and aliases
        // runs without binding it (binding a task-local costs an allocation per run).
        if let plan, !plan.hasReferenceSteps { return try plan.run(feeds) }
        return try TensorLimits.$maxTensorBytes.withValue(options.maxTensorBytes) {
            if let plan { return try plan.run(feeds) }
            return try runReference(feeds)
        }
    }

    /// Runs every node's reference operator, holding values in a dictionary.
    private func runReference(_ feeds: [String: Tensor]) throws -> [String: Tensor] {
        var values: [String: Tensor] = model.graph.initializers
        for (name, tensor) in feeds { values[name] = tensor }
        for step in steps {
            let args = step.inputs.map { $0.isEmpty ? nil : values[$0] }
            let results: [Tensor]
            do {
                results = try step.op.run(args)
            } catch let error as CnnrtError {
                throw error
            } catch {
                throw CnnrtError.invalidNode(node: step.node.displayName, opType: step.node.opType,
                                             reason: "\(error)")
            }
            // Every named output must get a result, wherever it sits (outputs may be skipped with "").
            if let unfilled = step.outputs.indices.first(where: { !step.outputs[$0].isEmpty && $0 >= results.count }) {
                throw CnnrtError.invalidNode(
                    node: step.node.displayName, opType: step.node.opType,
                    reason: "produced \(results.count) outputs, but output \(unfilled) "
                        + "('\(step.outputs[unfilled])') is used")
            }
            for (name, tensor) in zip(step.outputs, results) where !name.isEmpty {
                values[name] = tensor
            }
            for name in step.releases { values[name] = nil }
        }
        var result: [String: Tensor] = [:]
        for name in graphOutputs { result[name] = values[name] }
        return result
    }

    /// Checks names, element types, ranks and dimensions of the bound inputs against the graph,
    /// binding each symbolic dimension to one size.
    private func checkFeeds(_ feeds: [String: Tensor]) throws {
        // Built only for an error message: `run` calls this every time.
        var expected: String {
            graphInputs.map { "\($0.name) \($0.elementType.map(String.init(describing:)) ?? "?")"
                + "\($0.shapeDescription)" }.joined(separator: ", ")
        }
        for name in feeds.keys where !graphInputs.contains(where: { $0.name == name })
            && model.graph.initializers[name] == nil {
            throw CnnrtError.invalidInput(name: name, reason: "the model has no such input (expected: \(expected))")
        }
        var symbols: [String: Int] = [:]
        for info in graphInputs {
            guard let tensor = feeds[info.name] else {
                throw CnnrtError.invalidInput(name: info.name, reason: "missing (the model expects: \(expected))")
            }
            guard let nominal = Shape.nominalByteCount(tensor.shape, elementType: tensor.elementType),
                  nominal <= options.maxTensorBytes else {
                throw CnnrtError.invalidInput(
                    name: info.name, reason: "shape \(tensor.shape) is over the limit of \(options.maxTensorBytes) "
                        + "bytes (SessionOptions.maxTensorBytes; empty axes count as 1)")
            }
            if let type = info.elementType, type != tensor.elementType {
                throw CnnrtError.invalidInput(name: info.name,
                                              reason: "expected element type \(type), got \(tensor.elementType)")
            }
            guard let dims = info.shape else { continue }
            guard dims.count == tensor.rank else {
                throw CnnrtError.invalidInput(
                    name: info.name, reason: "expected rank \(dims.count) \(info.shapeDescription), got shape \(tensor.shape)")
            }
            for (axis, (dim, size)) in zip(dims, tensor.shape).enumerated() {
                switch dim {
                case .value(let v) where v != size:
                    throw CnnrtError.invalidInput(
                        name: info.name,
                        reason: "expected shape \(info.shapeDescription), got \(tensor.shape) (axis \(axis))")
                case .symbol(let s):
                    if let bound = symbols[s], bound != size {
                        throw CnnrtError.invalidInput(
                            name: info.name, reason: "dimension '\(s)' is \(bound) elsewhere but \(size) here")
                    }
                    symbols[s] = size
                default:
                    break
                }
            }
        }
    }
}
