/// How a session is built and run.
public struct SessionOptions: Sendable {
    /// Worker threads for kernels; nil means one per available core.
    public var threads: Int?
    /// How much the optimizer rewrites the model before the session compiles it (default: every rewrite).
    public var optimizationLevel: OptimizationLevel

    public init(threads: Int? = nil, optimizationLevel: OptimizationLevel = .all) {
        self.threads = threads
        self.optimizationLevel = optimizationLevel
    }
}
