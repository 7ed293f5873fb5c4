/// An activation that follows a value and can be fused into the value's producer: the standard nodes
/// that compute it and the value they produce.
struct ActivationMatch {
    var activation: FusedActivation
    /// Positions of the activation's nodes (one, or two for x * sigmoid(x) and x * hardsigmoid(x)).
    var nodes: [Int]
    /// The activation's result, which the fused node produces instead.
    var output: String
    /// The matched nodes for reports, e.g. `'relu1' (Relu)`.
    var description: String

    /// Finds the activation applied to `value`, which must feed nothing else and not be a graph output.
    static func find(after value: String, in graph: GraphEditor) -> ActivationMatch? {
        guard !graph.isGraphOutput(value) else { return nil }
        let readers = graph.consumers(of: value)
        if readers.count == 1 { return single(readers[0], after: value, in: graph) }
        if readers.count == 2 { return gated(readers, after: value, in: graph) }
        return nil
    }

    /// One node computing a standard activation of `value`.
    private static func single(_ position: Int, after value: String, in graph: GraphEditor) -> ActivationMatch? {
        let node = graph.nodes[position]
        guard node.isDefaultDomain, node.inputs.first == value, node.outputs.count == 1,
              node.inputs.dropFirst().allSatisfy({ $0 != value }),
              let activation = activation(of: node, in: graph) else { return nil }
        return ActivationMatch(activation: activation, nodes: [position], output: node.outputs[0],
                               description: node.reportName)
    }

    /// The standard activation `node` computes on its first input, or nil.
    static func activation(of node: Node, in graph: GraphEditor) -> FusedActivation? {
        switch node.opType {
        case "Relu":
            return .relu
        case "Sigmoid":
            return .sigmoid
        case "HardSwish":
            return .hardSwish
        case "LeakyRelu":
            return (try? node.float("alpha", default: 0.01)).map { .leakyRelu(alpha: $0) }
        case "HardSigmoid":
            guard let alpha = try? node.float("alpha", default: 0.2),
                  let beta = try? node.float("beta", default: 0.5) else { return nil }
            return .hardSigmoid(alpha: alpha, beta: beta)
        case "Clip":
            return clipBounds(node, in: graph).map { .clip(min: $0.min, max: $0.max) }
        default:
            return nil
        }
    }

    /// Clip's bounds: attributes before opset 11, optional constant scalar inputs from opset 11.
    private static func clipBounds(_ node: Node, in graph: GraphEditor) -> (min: Float, max: Float)? {
        guard let opset = graph.opset(of: node) else { return nil }
        if opset < 11 {
            guard let low = try? node.float("min", default: -Float.greatestFiniteMagnitude),
                  let high = try? node.float("max", default: Float.greatestFiniteMagnitude) else { return nil }
            return (low, high)
        }
        func bound(_ index: Int, _ absent: Float) -> Float? {
            guard index < node.inputs.count, !node.inputs[index].isEmpty else { return absent }
            guard let tensor = graph.constant(node.inputs[index]), tensor.elementType == .float,
                  tensor.count == 1 else { return nil }
            return tensor.floats[0]
        }
        guard node.inputs.count <= 3, let low = bound(1, -.infinity), let high = bound(2, .infinity) else {
            return nil
        }
        return (low, high)
    }

    /// `value * Sigmoid(value)` (SiLU) or `value * HardSigmoid(value; 1/6, 1/2)` (HardSwish): the value
    /// feeds the gate and the Mul, and the gate feeds only the Mul.
    private static func gated(_ readers: [Int], after value: String, in graph: GraphEditor) -> ActivationMatch? {
        let nodes = readers.map { graph.nodes[$0] }
        guard let gateIndex = nodes.firstIndex(where: { $0.opType == "Sigmoid" || $0.opType == "HardSigmoid" }),
              let mulIndex = nodes.firstIndex(where: { $0.opType == "Mul" }) else { return nil }
        let gate = nodes[gateIndex], mul = nodes[mulIndex]
        guard gate.isDefaultDomain, mul.isDefaultDomain, gate.inputs == [value], gate.outputs.count == 1,
              mul.outputs.count == 1, mul.inputs.count == 2,
              Set(mul.inputs) == [value, gate.outputs[0]],
              graph.onlyFeeds(gate.outputs[0], readers[mulIndex]) else { return nil }
        let activation: FusedActivation
        if gate.opType == "Sigmoid" {
            activation = .silu
        } else {
            guard let alpha = try? gate.float("alpha", default: 0.2), abs(alpha - 1 / Float(6)) <= 1e-7,
                  let beta = try? gate.float("beta", default: 0.5), beta == 0.5 else { return nil }
            activation = .hardSwish
        }
        return ActivationMatch(activation: activation, nodes: [readers[gateIndex], readers[mulIndex]],
                               output: mul.outputs[0], description: "\(gate.reportName) * \(mul.reportName)")
    }
}
