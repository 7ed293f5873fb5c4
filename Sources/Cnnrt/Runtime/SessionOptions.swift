/// How a session is built and run.
public struct SessionOptions: Sendable {
    /// Worker threads for kernels; nil means one per available core.
    public var threads: Int?

    public init(threads: Int? = nil) {
        self.threads = threads
    }
}
