/// ONNX GatherElements (opset 11+): `out[i][j][k] = data[indices[i][j][k]][j][k]` (for `axis` = 0; likewise
/// on any axis). `indices` (int32 or int64; negative counts from the back) has data's rank, and its other
/// dimensions must not exceed data's; the output has the shape of `indices`.
struct GatherElements: NodeNamedOperator {
    static let opType = "GatherElements"
    static var supportedOpsets: ClosedRange<Int> { 11...OperatorRegistry.newestOpset }

    let nodeName: String
    let axis: Int

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 2...2)
        nodeName = node.displayName
        axis = try node.int("axis", default: 0)
    }

    private func check(_ data: TensorInfo, _ indices: TensorInfo) throws -> Int {
        _ = try elementSize(data.elementType)
        try requireIndexType(indices.elementType)
        guard data.shape.count == indices.shape.count, !data.shape.isEmpty else {
            throw nodeError("indices \(indices.shape) must have the rank of data \(data.shape) (at least 1)")
        }
        let a = try normalizedAxis(axis, rank: data.shape.count)
        for d in data.shape.indices where d != a && indices.shape[d] > data.shape[d] {
            throw nodeError("indices \(indices.shape) exceed data \(data.shape) on axis \(d)")
        }
        return a
    }

    func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo] {
        _ = try check(inputs[0]!, inputs[1]!)
        return [TensorInfo(elementType: inputs[0]!.elementType, shape: inputs[1]!.shape)]
    }

    func run(_ inputs: [Tensor?]) throws -> [Tensor] {
        let data = inputs[0]!, indexTensor = inputs[1]!
        let a = try check(TensorInfo(data), TensorInfo(indexTensor))
        let indices = try integers(indexTensor, "indices")
        let strides = Shape.strides(data.shape)
        var sources = [Int](repeating: 0, count: indices.count)
        try IndexedElements.forEachIndex(indexTensor.shape) { flat, index in
            var offset = 0
            for d in index.indices {
                let i = d == a ? try checkedIndex(indices[flat], dim: data.shape[a], axis: a) : index[d]
                offset += i * strides[d]
            }
            sources[flat] = offset
        }
        var y = try makeOutput(data.elementType, indexTensor.shape)
        let size = data.elementType.byteSize
        data.withUnsafeBytes { src in
            y.withUnsafeMutableBytesForMovement { dst in
                for (i, s) in sources.enumerated() {
                    DataMovement.copyBytes(src, from: s &* size, dst, to: i &* size, count: size)
                }
            }
        }
        return [y]
    }
}
