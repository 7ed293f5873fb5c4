/// How a session is built and run.
public struct SessionOptions: Sendable {
    /// Worker threads for kernels; nil means one per available core.
    public var threads: Int?
    /// How much the optimizer rewrites the model before the session compiles it (default: every rewrite).
    public var optimizationLevel: OptimizationLevel
    /// The largest tensor, in bytes, that any operator may create during a run (default 4 GiB): a shape,
    /// scale or broadcast that asks for more is refused with `CnnrtError.limitExceeded`.
    public var maxTensorBytes: Int
    /// The least work (FLOPs, or 8 per output element) for which a kernel may split its work over the
    /// session's threads; smaller nodes run on the calling thread (see `ExecutionPlan.defaultMinParallelWork`).
    /// Internal: tests set 0 to send every kernel through the pool.
    var minParallelWork: Double = ExecutionPlan.defaultMinParallelWork

    /// Options; the defaults use every core and every optimization.
    public init(threads: Int? = nil, optimizationLevel: OptimizationLevel = .all,
                maxTensorBytes: Int = TensorLimits.defaultMaxTensorBytes) {
        self.threads = threads
        self.optimizationLevel = optimizationLevel
        self.maxTensorBytes = maxTensorBytes
    }
}
