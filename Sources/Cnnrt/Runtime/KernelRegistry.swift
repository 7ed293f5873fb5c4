/// The fast kernels the executor may pick for a node, by domain and op type. A builder returns nil when
/// the node's shapes or constants do not fit its kernel; the node then runs its reference operator.
struct KernelRegistry: Sendable {
    typealias Builder = @Sendable (NodeKernelContext) throws -> NodeKernel?

    private let builders: [String: Builder]

    /// Ops whose output is their first input with another shape: the executor aliases them (no copy).
    static let aliasOps: Set<String> = ["Flatten", "Reshape", "Squeeze", "Unsqueeze", "Identity", "Dropout"]

    static let standard = KernelRegistry(builders: [
        "Conv": ConvNodeKernel.make,
        "ai.cnnrt:FusedConv": ConvNodeKernel.make,
        "ai.cnnrt:PointwiseConv": ConvNodeKernel.make,
        "Gemm": GemmNodeKernel.make,
        "MatMul": GemmNodeKernel.make,
        "ai.cnnrt:FusedGemm": GemmNodeKernel.make,
        "MaxPool": PoolNodeKernel.make,
        "AveragePool": PoolNodeKernel.make,
        "GlobalAveragePool": PoolNodeKernel.make,
        "Relu": ElementwiseNodeKernel.make,
        "Clip": ElementwiseNodeKernel.make,
        "LeakyRelu": ElementwiseNodeKernel.make,
        "Sigmoid": ElementwiseNodeKernel.make,
        "HardSigmoid": ElementwiseNodeKernel.make,
        "HardSwish": ElementwiseNodeKernel.make,
        "Add": ElementwiseNodeKernel.make,
        "BatchNormalization": ElementwiseNodeKernel.make,
        "ai.cnnrt:ScaleShift": ElementwiseNodeKernel.make,
        "Concat": ConcatNodeKernel.make,
    ])

    /// The fast kernel for the node, or nil to run its reference operator.
    func kernel(for context: NodeKernelContext) throws -> NodeKernel? {
        let node = context.node
        let key = node.isDefaultDomain ? node.opType : "\(node.domain):\(node.opType)"
        guard let builder = builders[key] else { return nil }
        return try builder(context)
    }
}
