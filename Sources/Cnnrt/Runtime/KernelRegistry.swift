/// The fast kernels the executor may pick for a node, by domain and op type. A builder returns nil when
/// the node's shapes or constants do not fit its kernel; the node then runs its reference operator.
struct KernelRegistry: Sendable {
    typealias Builder = @Sendable (NodeKernelContext) throws -> NodeKernel?

    private let builders: [String: Builder]

    /// Ops whose output is their first input with another shape: the executor aliases them (no copy).
    static let aliasOps: Set<String> = ["Flatten", "Reshape", "Squeeze", "Unsqueeze", "Identity", "Dropout"]

    static let standard = KernelRegistry(builders: [
        "Conv": { try ConvNodeKernel.make($0) },
        "ai.cnnrt:FusedConv": { try ConvNodeKernel.make($0) },
        "ai.cnnrt:PointwiseConv": { try ConvNodeKernel.make($0) },
        "Gemm": { try GemmNodeKernel.make($0) },
        "MatMul": { try GemmNodeKernel.make($0) },
        "ai.cnnrt:FusedGemm": { try GemmNodeKernel.make($0) },
        "MaxPool": { try PoolNodeKernel.make($0) },
        "AveragePool": { try PoolNodeKernel.make($0) },
        "GlobalAveragePool": { try PoolNodeKernel.make($0) },
        "Relu": { try ElementwiseNodeKernel.make($0) },
        "Clip": { try ElementwiseNodeKernel.make($0) },
        "LeakyRelu": { try ElementwiseNodeKernel.make($0) },
        "Sigmoid": { try ElementwiseNodeKernel.make($0) },
        "HardSigmoid": { try ElementwiseNodeKernel.make($0) },
        "HardSwish": { try ElementwiseNodeKernel.make($0) },
        "Add": { try ElementwiseNodeKernel.make($0) },
        "BatchNormalization": { try ElementwiseNodeKernel.make($0) },
        "ai.cnnrt:ScaleShift": { try ElementwiseNodeKernel.make($0) },
        "Concat": { try ConcatNodeKernel.make($0) },
    ])

    /// The fast kernel for the node, or nil to run its reference operator.
    func kernel(for context: NodeKernelContext) throws -> NodeKernel? {
        let node = context.node
        let key = node.isDefaultDomain ? node.opType : "\(node.domain):\(node.opType)"
        guard let builder = builders[key] else { return nil }
        return try builder(context)
    }
}
