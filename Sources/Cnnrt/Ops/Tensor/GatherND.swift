/// ONNX GatherND (opset 11+): slices of `data` picked by the index tuples in the last axis of `indices`
/// (int64; negative counts from the back). With `batch_dims` = b (opset 12+) the first b axes of data and
/// indices are batch axes walked together. For indices of shape [..., m] the output has shape
/// `indices.shape[..<-1] + data.shape[(b + m)...]`.
struct GatherND: NodeNamedOperator {
    static let opType = "GatherND"
    static var supportedOpsets: ClosedRange<Int> { 11...OperatorRegistry.newestOpset }

    let nodeName: String
    let batchDims: Int

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 2...2)
        nodeName = node.displayName
        batchDims = try node.int("batch_dims", default: 0)
        guard batchDims >= 0 else { throw node.invalid("batch_dims must not be negative, got \(batchDims)") }
        if batchDims != 0 && opset < 12 { throw node.invalid("batch_dims is only defined from opset 12") }
    }

    /// The tuple length m and the output shape.
    private func plan(_ data: TensorInfo, _ indices: TensorInfo) throws -> (Int, [Int]) {
        _ = try elementSize(data.elementType)
        try requireIndexType(indices.elementType)
        let b = batchDims, q = indices.shape.count, r = data.shape.count
        guard q >= 1, r >= 1, b < min(q, r) else {
            throw nodeError("batch_dims \(b) must be less than the ranks of data \(data.shape) and indices "
                + "\(indices.shape)")
        }
        guard Array(data.shape[..<b]) == Array(indices.shape[..<b]) else {
            throw nodeError("batch dimensions of data \(data.shape) and indices \(indices.shape) differ")
        }
        let m = indices.shape[q - 1]
        guard m >= 1, b + m <= r else {
            throw nodeError("index tuples of length \(m) do not fit data of rank \(r) with batch_dims \(b)")
        }
        let shape = Array(indices.shape[..<(q - 1)]) + Array(data.shape[(b + m)...])
        try checkedCount(shape, data.elementType)
        return (m, shape)
    }

    func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo] {
        [TensorInfo(elementType: inputs[0]!.elementType, shape: try plan(inputs[0]!, inputs[1]!).1)]
    }

    func run(_ inputs: [Tensor?]) throws -> [Tensor] {
        let data = inputs[0]!, indexTensor = inputs[1]!
        let (m, shape) = try plan(TensorInfo(data), TensorInfo(indexTensor))
        let b = batchDims
        let indices = try integers(indexTensor, "indices")
        let strides = Shape.strides(data.shape)
        let slice = data.shape[(b + m)...].reduce(1, *)
        let batchSize = data.shape[b...].reduce(1, *)
        let tuplesPerBatch = indexTensor.shape[b..<(indexTensor.rank - 1)].reduce(1, *)
        let tuples = indices.count / m
        var y = try makeOutput(data.elementType, shape)
        let size = data.elementType.byteSize
        // The data offset of each tuple's slice.
        var starts = [Int](repeating: 0, count: tuples)
        for t in 0..<tuples {
            var offset = (tuplesPerBatch == 0 ? 0 : t / tuplesPerBatch) * batchSize
            for j in 0..<m {
                let axis = b + j
                offset += try checkedIndex(indices[t * m + j], dim: data.shape[axis], axis: axis) * strides[axis]
            }
            starts[t] = offset
        }
        data.withUnsafeBytes { src in
            y.withUnsafeMutableBytesForMovement { dst in
                for (t, start) in starts.enumerated() {
                    DataMovement.copyBytes(src, from: start &* size, dst, to: t &* slice &* size, count: slice &* size)
                }
            }
        }
        return [y]
    }
}
