/// A float32 Conv or FusedConv seen as the parts a fusion changes: its inputs, its convolution
/// attributes, its residual input and its activation.
struct FusableConv {
    var node: Node
    var data: String
    var weight: String
    /// "" when absent.
    var bias: String
    /// "" when absent.
    var residual: String
    /// The node's attributes other than the activation's.
    var convAttributes: [Attribute]
    var activation: FusedActivation

    static let activationAttributes: Set<String> = ["activation", "activation_params"]

    /// Reads `node` when it is a Conv (default domain) or a FusedConv (ai.cnnrt) over float32 values.
    init?(_ node: Node, in graph: GraphEditor) {
        let isConv = node.opType == "Conv" && node.isDefaultDomain
        let isFused = node.opType == "FusedConv" && node.domain == GraphEditor.cnnrtDomain
        guard isConv || isFused, node.outputs.count == 1, (2...(isConv ? 3 : 4)).contains(node.inputs.count),
              graph.elementType(of: node.inputs[1]) == .float,
              let activation = isFused ? try? FusedActivation(node: node) : FusedActivation.none else { return nil }
        self.node = node
        data = node.inputs[0]
        weight = node.inputs[1]
        bias = node.inputs.count > 2 ? node.inputs[2] : ""
        residual = node.inputs.count > 3 ? node.inputs[3] : ""
        convAttributes = node.attributes.filter { !Self.activationAttributes.contains($0.name) }
        self.activation = activation
    }

    var output: String { node.outputs[0] }

    /// A FusedConv with this convolution, the given residual and activation, producing `output`.
    func fused(residual: String, activation: FusedActivation, output: String) -> Node {
        var inputs = [data, weight, bias, residual]
        while inputs.last?.isEmpty == true { inputs.removeLast() }
        return Node(name: node.name, opType: "FusedConv", domain: GraphEditor.cnnrtDomain, inputs: inputs,
                    outputs: [output], attributes: convAttributes + activation.attributes)
    }
}
