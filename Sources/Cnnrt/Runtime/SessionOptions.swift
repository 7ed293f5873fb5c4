/// How a session is built and run.
public struct SessionOptions: Sendable {
    /// Worker threads for kernels; nil means one per available core.
    public var threads: Int?
    /// The largest tensor, in bytes, that any operator may create during a run (default 4 GiB): a shape,
    /// scale or broadcast that asks for more is refused with `CnnrtError.limitExceeded`.
    public var maxTensorBytes: Int

    public init(threads: Int? = nil, maxTensorBytes: Int = TensorLimits.defaultMaxTensorBytes) {
        self.threads = threads
        self.maxTensorBytes = maxTensorBytes
    }
}
