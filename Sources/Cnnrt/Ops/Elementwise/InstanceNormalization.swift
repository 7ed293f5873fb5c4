/// ONNX InstanceNormalization: `scale[c] * (x - mean) / sqrt(variance + epsilon) + B[c]`, the mean and
/// variance taken per instance and channel over the spatial axes of X (N x C x D1 ... Dn; epsilon
/// defaults to 1e-5). Computed in Double.
struct InstanceNormalization: OperatorDefinition {
    static let opType = "InstanceNormalization"
    let label: ElementwiseLabel
    let epsilon: Double

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 3...3)
        label = ElementwiseLabel(node)
        epsilon = Double(try node.float("epsilon", default: 1e-5))
        guard epsilon >= 0 else { throw node.invalid("epsilon must not be negative, got \(epsilon)") }
    }

    func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo] {
        let x = inputs[0]!
        try label.requireFloat(x.elementType, "input X")
        guard x.shape.count >= 2 else { throw label.error("X must have rank 2 or more, got shape \(x.shape)") }
        try label.requireParameter(inputs[1], "scale", type: x.elementType, shape: [x.shape[1]])
        try label.requireParameter(inputs[2], "B", type: x.elementType, shape: [x.shape[1]])
        return [TensorInfo(elementType: x.elementType, shape: x.shape)]
    }

    func run(_ inputs: [Tensor?]) throws -> [Tensor] {
        let x = inputs[0]!
        _ = try inferOutputs(inputs.map { $0.map(TensorInfo.init) })
        let channels = x.shape[1]
        let plane = x.shape[2...].reduce(1, *)
        let groups = NormalizationGroups(x, shape: [x.shape[0] * channels, plane], reduced: [false, true])
        let normalized = groups.standardized(epsilon: epsilon)
        let scale = inputs[1]!.doubles(), bias = inputs[2]!.doubles()
        let y = normalized.indices.map { i -> Double in
            let c = (groups.group[i]) % channels
            return normalized[i] * scale[c] + bias[c]
        }
        return [DataMovement.floatingTensor(y, type: x.elementType, shape: x.shape)]
    }
}
