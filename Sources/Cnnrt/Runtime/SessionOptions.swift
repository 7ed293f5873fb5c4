/// How a session is built and run.
public struct SessionOptions: Sendable {
    /// Worker threads for kernels; nil means one per available core.
    public var threads: Int?
    /// How much the optimizer rewrites the model before the session compiles it (default: every rewrite).
    public var optimizationLevel: OptimizationLevel
    /// The largest tensor, in bytes, that any operator may create during a run (default 4 GiB): a shape,
    /// scale or broadcast that asks for more is refused with `CnnrtError.limitExceeded`.
    public var maxTensorBytes: Int
    /// Whether 3x3 stride-1 convolutions may use Winograd F(4x4, 3x3) (default true): faster, and rounds
    /// differently from a direct sum (errors around 1e-5 of the output's peak instead of 1e-7). Off, every
    /// convolution sums its products directly.
    public var allowWinograd: Bool
    /// The least work (FLOPs, or 8 per output element) for which a kernel may split its work over the
    /// session's threads; smaller nodes run on the calling thread (see `ExecutionPlan.defaultMinParallelWork`).
    /// Internal: tests set 0 to send every kernel through the pool.
    var minParallelWork: Double = ExecutionPlan.defaultMinParallelWork

    /// Options; the defaults use every core, every optimization and every fast algorithm.
    public init(threads: Int? = nil, optimizationLevel: OptimizationLevel = .all,
                maxTensorBytes: Int = TensorLimits.defaultMaxTensorBytes, allowWinograd: Bool = true) {
        self.threads = threads
        self.optimizationLevel = optimizationLevel
        self.maxTensorBytes = maxTensorBytes
        self.allowWinograd = allowWinograd
    }
}
