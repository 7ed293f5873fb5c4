/// What a compiled plan runs, for reports and profiles.
public struct PlanSummary: Sendable {
    /// One entry per node, in execution order.
    public struct NodeEntry: Sendable {
        public var name: String
        public var opType: String
        /// The fast kernel's name, `reference` for a reference operator, `alias` for a view.
        public var kernel: String
        public var flops: Double
    }

    public var nodes: [NodeEntry]
    /// Bytes of the arena that holds the outputs of fast kernels.
    public var arenaBytes: Int
    /// Scratch floats per thread.
    public var scratchFloatsPerThread: Int
    public var threads: Int
    public var isa: String

    init(_ plan: ExecutionPlan) {
        nodes = plan.steps.map { step in
            switch step.action {
            case .fast(let kernel):
                return NodeEntry(name: step.node.displayName, opType: step.node.opType, kernel: kernel.kernelName,
                                 flops: kernel.flops)
            case .reference:
                return NodeEntry(name: step.node.displayName, opType: step.node.opType, kernel: "reference", flops: 0)
            case .alias:
                return NodeEntry(name: step.node.displayName, opType: step.node.opType, kernel: "alias", flops: 0)
            }
        }
        arenaBytes = plan.arenaBytes
        scratchFloatsPerThread = plan.scratchFloatsPerThread
        threads = plan.pool?.threads ?? 1
        isa = KernelISA.active.rawValue
    }
}
