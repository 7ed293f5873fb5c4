/// ONNX GroupNormalization (opset 18+): the channels of X (N x C x D1 ... Dn) split into `num_groups`
/// groups, each instance's group normalized to `(x - mean) / sqrt(variance + epsilon)` (epsilon defaults to
/// 1e-5), then scaled and shifted: per group with `scale` and `bias` of shape [num_groups] in opsets 18-20,
/// per channel with shape [C] from opset 21. Computed in Double whatever `stash_type` (opset 21) says.
struct GroupNormalization: OperatorDefinition {
    static let opType = "GroupNormalization"
    static var supportedOpsets: ClosedRange<Int> { 18...OperatorRegistry.newestOpset }
    let label: ElementwiseLabel
    let epsilon: Double
    let groupCount: Int
    /// Opset 21+: scale and bias per channel rather than per group.
    let perChannel: Bool

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 3...3)
        label = ElementwiseLabel(node)
        epsilon = Double(try node.float("epsilon", default: 1e-5))
        guard epsilon >= 0 else { throw node.invalid("epsilon must not be negative, got \(epsilon)") }
        guard let groups = try node.int("num_groups") else { throw node.invalid("attribute 'num_groups' is required") }
        guard groups > 0 else { throw node.invalid("num_groups must be positive, got \(groups)") }
        groupCount = groups
        perChannel = opset >= 21
        let stash = try node.int("stash_type", default: 1)
        guard [1, 10, 11, 16].contains(stash) else {
            throw node.invalid("stash_type must name a float type (1, 10, 11 or 16), got \(stash)")
        }
    }

    func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo] {
        let x = inputs[0]!
        try label.requireFloat(x.elementType, "input X")
        guard x.shape.count >= 2 else { throw label.error("X must have rank 2 or more, got shape \(x.shape)") }
        guard x.shape[1] % groupCount == 0 else {
            throw label.error("num_groups \(groupCount) does not divide the \(x.shape[1]) channels")
        }
        let parameterShape = [perChannel ? x.shape[1] : groupCount]
        try label.requireParameter(inputs[1], "scale", type: x.elementType, shape: parameterShape)
        try label.requireParameter(inputs[2], "bias", type: x.elementType, shape: parameterShape)
        return [TensorInfo(elementType: x.elementType, shape: x.shape)]
    }

    func run(_ inputs: [Tensor?]) throws -> [Tensor] {
        let x = inputs[0]!
        _ = try inferOutputs(inputs.map { $0.map(TensorInfo.init) })
        let channels = x.shape[1]
        let plane = x.shape[2...].reduce(1, *)
        let groups = NormalizationGroups(x, shape: [x.shape[0] * groupCount, channels / groupCount * plane],
                                         reduced: [false, true])
        let normalized = groups.standardized(epsilon: epsilon)
        let scale = inputs[1]!.doubles(), bias = inputs[2]!.doubles()
        let y = normalized.indices.map { i -> Double in
            // Element i is in channel (i / plane) % C, whose group is channel / (C / num_groups).
            let c = (i / max(plane, 1)) % channels
            let k = perChannel ? c : c / (channels / groupCount)
            return normalized[i] * scale[k] + bias[k]
        }
        return [DataMovement.floatingTensor(y, type: x.elementType, shape: x.shape)]
    }
}
