/// Conv, FusedConv and PointwiseConv with constant weights and bias on 1-D or 2-D float images.
final class ConvNodeKernel: NodeKernel, @unchecked Sendable {
    let conv: Conv2DKernel
    let hasResidual: Bool

    var kernelName: String {
        var base = conv.algorithm.rawValue
        if conv.algorithm == .depthwise {
            base += conv.depthwiseLanes ? "-c16" : conv.depthwise3x3 ? "-3x3" : ""
        }
        return base + (conv.kernels.isa == .avx512 ? "-avx512" : "-portable")
    }
    var flops: Double { conv.flops }
    /// Depthwise convolutions run at about a tenth of a GEMM's FLOP rate (MobileNet's 7x7 ones, 0.85 MFLOP,
    /// take 60 us on one thread), and on one thread they read half their input from the other core's cache.
    var parallelWork: Double? { conv.algorithm == .depthwise ? 8 * conv.flops : nil }
    var scratchFloatsPerThread: Int { conv.scratchFloatsPerThread }
    var sharedScratchFloats: Int { conv.sharedScratchFloats }

    init(conv: Conv2DKernel, hasResidual: Bool) {
        self.conv = conv
        self.hasResidual = hasResidual
    }

    /// Builds the kernel, or returns nil when the node does not fit (runtime weights, 3-D, ...).
    static func make(_ c: NodeKernelContext) throws -> NodeKernel? {
        guard c.allFloat, let x = c.floatInput(0), x.value == nil, var weight = c.floatInput(1)?.value else {
            return nil
        }
        let bias: Tensor?
        if c.isAbsent(2) { bias = nil } else if let b = c.floatInput(2)?.value { bias = b } else { return nil }
        let fused = c.node.domain == "ai.cnnrt"
        let activation = fused ? try FusedActivation(node: c.node) : .none
        var node = c.node
        if c.node.opType == "PointwiseConv" {
            // W [M, C] is the weight of a 1x1 convolution with default attributes.
            guard weight.rank == 2 else { return nil }
            weight = weight.reshaped(weight.shape + Array(repeating: 1, count: x.shape.count - 2))
            node.attributes = []
        }
        guard let conv = try Conv2DKernel(node: node, input: x.shape, weight: weight, bias: bias,
                                          activation: activation, kernels: c.kernels) else { return nil }
        return ConvNodeKernel(conv: conv, hasResidual: fused && !c.isAbsent(3))
    }

    func run(_ io: NodeIO, pool: ThreadPool?, scratch: GemmScratch) {
        conv.run(input: io.input(0)!, output: io.output(0), residual: hasResidual ? io.input(3) : nil, pool: pool,
                 scratch: scratch)
    }
}
