/// ONNX SpaceToDepth: moves blocks of `blocksize` x `blocksize` pixels of X (N x C x H x W) into channels,
/// giving N x C*b*b x H/b x W/b. In `mode` DCR (the default) the pixel at block offset (bh, bw) of channel c
/// goes to output channel `(bh * b + bw) * C + c`; in CRD (opset 28+) to `c * b * b + bh * b + bw`.
struct SpaceToDepth: NodeNamedOperator {
    static let opType = "SpaceToDepth"

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
        guard mode == "DCR" || (mode == "CRD" && opset >= 28) else {
            throw node.invalid("mode must be DCR or CRD (CRD from opset 28), got '\(mode)'")
        }
        columnRowDepth = mode == "CRD"
    }

    private func outputShape(_ x: TensorInfo) throws -> [Int] {
        _ = try elementSize(x.elementType)
        guard x.shape.count == 4 else { throw nodeError("input must be 4-D (N x C x H x W), got \(x.shape)") }
        guard x.shape[2] % blockSize == 0, x.shape[3] % blockSize == 0 else {
            throw nodeError("height and width \(x.shape[2]) x \(x.shape[3]) are not divisible by blocksize "
                + "\(blockSize)")
        }
        let (square, o1) = blockSize.multipliedReportingOverflow(by: blockSize)
        let (channels, o2) = x.shape[1].multipliedReportingOverflow(by: square)
        guard !o1, !o2 else { throw nodeError("output size overflows") }
        let shape = [x.shape[0], channels, x.shape[2] / blockSize, x.shape[3] / blockSize]
        try checkedCount(shape, x.elementType)
        return shape
    }

    func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo] {
        [TensorInfo(elementType: inputs[0]!.elementType, shape: try outputShape(inputs[0]!))]
    }

    func run(_ inputs: [Tensor?]) throws -> [Tensor] {
        let x = inputs[0]!
        let shape = try outputShape(TensorInfo(x))
        let b = blockSize, c = x.shape[1], w = x.shape[3], plane = x.shape[2] * x.shape[3]
        let batch = (0..<shape[0]).map { $0 * c * plane }
        let channel = (0..<shape[1]).map { oc -> Int in
            let (inputChannel, bh, bw) = columnRowDepth
                ? (oc / (b * b), (oc % (b * b)) / b, oc % b)
                : (oc % c, oc / (b * c), (oc / c) % b)
            return inputChannel * plane + bh * w + bw
        }
        let rows = (0..<shape[2]).map { $0 * b * w }
        let columns = (0..<shape[3]).map { $0 * b }
        let reads = [batch, channel, rows, columns].map { DataMovement.AxisRead(stride: 1, map: $0) }
        return [DataMovement.gather(x, shape: shape, reads: reads)]
    }
}
