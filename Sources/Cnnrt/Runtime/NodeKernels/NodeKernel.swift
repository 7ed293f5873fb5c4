/// Where a compiled node finds its operands at run time: the execution context's table of value
/// addresses, and the node's input and output value indices into it.
struct NodeIO {
    let addresses: UnsafeMutablePointer<UnsafeMutableRawPointer?>
    let inputs: [Int]
    let outputs: [Int]

    /// The float data of input `i`, or nil when the input is omitted.
    @inline(__always)
    func input(_ i: Int) -> UnsafePointer<Float>? {
        guard i < inputs.count, inputs[i] >= 0, let raw = addresses[inputs[i]] else { return nil }
        return UnsafePointer(raw.assumingMemoryBound(to: Float.self))
    }

    @inline(__always)
    func output(_ i: Int) -> UnsafeMutablePointer<Float> {
        addresses[outputs[i]]!.assumingMemoryBound(to: Float.self)
    }
}

/// A node compiled for fixed input shapes: constants prepared once, run on raw float buffers that the
/// executor owns, with no allocation.
protocol NodeKernel: AnyObject, Sendable {
    /// The kernel's name for profiles (`f32-conv-im2col-gemm`, ...).
    var kernelName: String { get }
    /// Floating-point operations per run (0 when not meaningful).
    var flops: Double { get }
    /// The run's work in the FLOPs a GEMM does in the same time, for the plan's decision to hand the kernel the
    /// thread pool; nil for the plan's default (FLOPs, or 8 per output element). Memory-bound kernels count more.
    var parallelWork: Double? { get }
    /// Scratch floats one thread needs.
    var scratchFloatsPerThread: Int { get }
    /// Scratch floats all threads share.
    var sharedScratchFloats: Int { get }
    /// Computes the outputs from the inputs.
    func run(_ io: NodeIO, pool: ThreadPool?, scratch: GemmScratch)
}

extension NodeKernel {
    var flops: Double { 0 }
    var parallelWork: Double? { nil }
    var scratchFloatsPerThread: Int { 0 }
    var sharedScratchFloats: Int { 0 }
}

/// What a kernel builder knows about a node: its inputs' and outputs' types and shapes (constant inputs
/// carry their value) and the kernel set to use.
struct NodeKernelContext {
    let node: Node
    let opset: Int
    let inputs: [TensorInfo?]
    let outputs: [TensorInfo]
    let kernels: KernelSet

    /// Input `i` when present and float32.
    func floatInput(_ i: Int) -> TensorInfo? {
        guard i < inputs.count, let info = inputs[i], info.elementType == .float else { return nil }
        return info
    }

    /// True when input `i` is absent or empty.
    func isAbsent(_ i: Int) -> Bool { i >= node.inputs.count || node.inputs[i].isEmpty }

    var allFloat: Bool {
        outputs.allSatisfy { $0.elementType == .float } && inputs.allSatisfy { $0 == nil || $0!.elementType == .float }
    }
}
