/// ONNX ScatterElements (opset 11+): a copy of `data` in which each element of `updates` is written at the
/// position of `indices` (same shape as updates; int32 or int64, negative counts from the back) along
/// `axis`, other coordinates kept: for axis 0, `out[indices[i][j]][j] = updates[i][j]`. `reduction`
/// combines instead of overwriting: add, mul (opset 16+), max, min (opset 18+); with none the last of
/// duplicate indices wins. Also serves the deprecated Scatter (opsets 9-10), which has no reduction.
struct ScatterElements: NodeNamedOperator {
    static let opType = "ScatterElements"
    static var supportedOpsets: ClosedRange<Int> { 11...OperatorRegistry.newestOpset }

    let nodeName: String
    let label: ElementwiseLabel
    let axis: Int
    let reduction: ScatterReduction

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 3...3)
        nodeName = node.displayName
        label = ElementwiseLabel(node)
        axis = try node.int("axis", default: 0)
        reduction = try ScatterReduction(node: node, opset: opset)
    }

    private func check(_ data: TensorInfo, _ indices: TensorInfo, _ updates: TensorInfo) throws -> Int {
        _ = try elementSize(data.elementType)
        try requireIndexType(indices.elementType)
        guard updates.elementType == data.elementType else {
            throw nodeError("updates have element type \(updates.elementType), data has \(data.elementType)")
        }
        guard indices.shape == updates.shape else {
            throw nodeError("indices \(indices.shape) and updates \(updates.shape) must have one shape")
        }
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
        _ = try check(inputs[0]!, inputs[1]!, inputs[2]!)
        return [TensorInfo(elementType: inputs[0]!.elementType, shape: inputs[0]!.shape)]
    }

    func run(_ inputs: [Tensor?]) throws -> [Tensor] {
        let data = inputs[0]!, indexTensor = inputs[1]!, updates = inputs[2]!
        let a = try check(TensorInfo(data), TensorInfo(indexTensor), TensorInfo(updates))
        let indices = try integers(indexTensor, "indices")
        let strides = Shape.strides(data.shape)
        var targets = [Int](repeating: 0, count: indices.count)
        try IndexedElements.forEachIndex(indexTensor.shape) { flat, index in
            var offset = 0
            for d in index.indices {
                let i = d == a ? try checkedIndex(indices[flat], dim: data.shape[a], axis: a) : index[d]
                offset += i * strides[d]
            }
            targets[flat] = offset
        }
        return [try reduction.apply(data, updates, target: targets, source: Array(targets.indices), label)]
    }
}

/// ONNX Scatter (opsets 9-10, deprecated for ScatterElements): ScatterElements without `reduction`.
struct Scatter: NodeNamedOperator {
    static let opType = "Scatter"
    static var supportedOpsets: ClosedRange<Int> { 9...10 }

    let nodeName: String
    let elements: ScatterElements

    init(node: Node, opset: Int) throws {
        if node.hasAttribute("reduction") { throw node.invalid("Scatter has no attribute 'reduction'") }
        nodeName = node.displayName
        elements = try ScatterElements(node: node, opset: opset)
    }

    func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo] { try elements.inferOutputs(inputs) }
    func run(_ inputs: [Tensor?]) throws -> [Tensor] { try elements.run(inputs) }
}
