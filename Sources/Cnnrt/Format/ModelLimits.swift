/// Bounds applied while reading a model, so a hostile file is refused before it costs memory or stack.
public struct ModelLimits: Sendable, Equatable {
    /// Deepest nesting of protobuf messages (a subgraph adds about three levels). Checked on the raw
    /// bytes before protobuf-c, whose unpacker recurses without a limit of its own.
    public var maxMessageDepth: Int
    /// Total bytes of all tensors in the model, inline and external.
    public var maxTotalTensorBytes: Int
    /// Messages of any kind in the file (nodes, attributes, values, dimensions, ...), counted on the raw
    /// bytes before protobuf-c allocates a struct for each: 8 million is about 100 times a large CNN.
    public var maxMessages: Int

    /// Limits; the defaults suit any real CNN.
    public init(maxMessageDepth: Int = 64, maxTotalTensorBytes: Int = 4 << 30, maxMessages: Int = 8_000_000) {
        self.maxMessageDepth = maxMessageDepth
        self.maxTotalTensorBytes = maxTotalTensorBytes
        self.maxMessages = maxMessages
    }

    /// The default limits.
    public static let `default` = ModelLimits()
}
