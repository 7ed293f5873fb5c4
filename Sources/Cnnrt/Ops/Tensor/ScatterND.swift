/// ONNX ScatterND (opset 11+): a copy of `data` in which the slices of `updates` are written at the
/// positions given by the index tuples in the last axis of `indices` (int64; negative counts from the back).
/// For indices of shape [..., k], updates have shape `indices.shape[..<-1] + data.shape[k...]`.
/// `reduction` combines instead of overwriting: add, mul (opset 16+), max, min (opset 18+); with none the
/// last of duplicate tuples wins.
struct ScatterND: NodeNamedOperator {
    static let opType = "ScatterND"
    static var supportedOpsets: ClosedRange<Int> { 11...OperatorRegistry.newestOpset }

    let nodeName: String
    let label: ElementwiseLabel
    let reduction: ScatterReduction

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 3...3)
        nodeName = node.displayName
        label = ElementwiseLabel(node)
        reduction = try ScatterReduction(node: node, opset: opset)
    }

    /// The tuple length k.
    private func check(_ data: TensorInfo, _ indices: TensorInfo, _ updates: TensorInfo) throws -> Int {
        _ = try elementSize(data.elementType)
        try requireIndexType(indices.elementType)
        guard updates.elementType == data.elementType else {
            throw nodeError("updates have element type \(updates.elementType), data has \(data.elementType)")
        }
        guard let k = indices.shape.last, k >= 1, k <= data.shape.count else {
            throw nodeError("indices \(indices.shape) must end in a tuple length between 1 and data's rank "
                + "\(data.shape.count)")
        }
        let expected = Array(indices.shape.dropLast()) + Array(data.shape[k...])
        guard updates.shape == expected else {
            throw nodeError("updates must have shape \(expected), got \(updates.shape)")
        }
        return k
    }

    func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo] {
        _ = try check(inputs[0]!, inputs[1]!, inputs[2]!)
        return [TensorInfo(elementType: inputs[0]!.elementType, shape: inputs[0]!.shape)]
    }

    func run(_ inputs: [Tensor?]) throws -> [Tensor] {
        let data = inputs[0]!, indexTensor = inputs[1]!, updates = inputs[2]!
        let k = try check(TensorInfo(data), TensorInfo(indexTensor), TensorInfo(updates))
        let indices = try integers(indexTensor, "indices")
        let strides = Shape.strides(data.shape)
        let slice = data.shape[k...].reduce(1, *)
        let tuples = indices.count / k
        var targets: [Int] = []
        targets.reserveCapacity(tuples * slice)
        for t in 0..<tuples {
            var start = 0
            for j in 0..<k {
                start += try checkedIndex(indices[t * k + j], dim: data.shape[j], axis: j) * strides[j]
            }
            for e in 0..<slice { targets.append(start + e) }
        }
        return [try reduction.apply(data, updates, target: targets, source: Array(targets.indices), label)]
    }
}
