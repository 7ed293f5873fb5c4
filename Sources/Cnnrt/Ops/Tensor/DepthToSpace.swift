/// ONNX DepthToSpace: moves blocks of `blocksize` x `blocksize` channels of X (N x C x H x W) into space,
/// giving N x C/(b*b) x H*b x W*b. In `mode` DCR (the default) input channel `(bh * b + bw) * C' + c` goes
/// to output channel c at block offset (bh, bw); in CRD (opset 11+) input channel `c * b * b + bh * b + bw`.
struct DepthToSpace: NodeNamedOperator {
    static let opType = "DepthToSpace"

    let nodeName: String
    let blockSize: Int
    let columnRowDepth: Bool

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 1...1)
        nodeName = node.displayName
        guard let b = try node.int("blocksize") else { throw node.invalid("attribute 'blocksize' is required") }
        guard b > 0 else { throw node.invalid("blocksize must be positive, got \(b)") }
        blockSize = b
        let mode = try node.string("mode", default: "DCR")
        guard mode == "DCR" || (mode == "CRD" && opset >= 11) else {
            throw node.invalid("mode must be DCR or CRD (CRD from opset 11), got '\(mode)'")
        }
        columnRowDepth = mode == "CRD"
    }

    private func outputShape(_ x: TensorInfo) throws -> [Int] {
        _ = try elementSize(x.elementType)
        guard x.shape.count == 4 else { throw nodeError("input must be 4-D (N x C x H x W), got \(x.shape)") }
        let (square, overflow) = blockSize.multipliedReportingOverflow(by: blockSize)
        guard !overflow, x.shape[1] % square == 0 else {
            throw nodeError("channels \(x.shape[1]) are not divisible by blocksize² (blocksize \(blockSize))")
        }
        let shape = [x.shape[0], x.shape[1] / square, x.shape[2] &* blockSize, x.shape[3] &* blockSize]
        guard x.shape[2].multipliedReportingOverflow(by: blockSize).overflow == false,
              x.shape[3].multipliedReportingOverflow(by: blockSize).overflow == false else {
            throw nodeError("output size overflows")
        }
        try checkedCount(shape, x.elementType)
        return shape
    }

    func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo] {
        [TensorInfo(elementType: inputs[0]!.elementType, shape: try outputShape(inputs[0]!))]
    }

    func run(_ inputs: [Tensor?]) throws -> [Tensor] {
        let x = inputs[0]!
        let shape = try outputShape(TensorInfo(x))
        let b = blockSize, h = x.shape[2], w = x.shape[3], channels = shape[1]
        let plane = h * w
        // Element offsets in X per output axis; the input channel splits into a part per output axis.
        let batch = (0..<shape[0]).map { $0 * x.shape[1] * plane }
        let channel = (0..<channels).map { c in (columnRowDepth ? c * b * b : c) * plane }
        let blockStep = columnRowDepth ? 1 : channels   // input channels between neighbouring bw
        let rows = (0..<shape[2]).map { oh in (oh / b) * w + (oh % b) * b * blockStep * plane }
        let columns = (0..<shape[3]).map { ow in ow / b + (ow % b) * blockStep * plane }
        let reads = [batch, channel, rows, columns].map { DataMovement.AxisRead(stride: 1, map: $0) }
        return [DataMovement.gather(x, shape: shape, reads: reads)]
    }
}
