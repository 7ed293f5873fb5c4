/// A Conv (or a FusedConv without activation) followed by Relu, Clip, LeakyRelu, Sigmoid, HardSigmoid,
/// HardSwish or x * sigmoid(x) becomes one FusedConv that applies the activation. -O2 only.
struct FuseConvActivationPass: NodeRewritePass {
    let name = "fuse-conv-activation"

    func rewrite(_ position: Int, in graph: GraphEditor) throws -> String? {
        guard let conv = FusableConv(graph.nodes[position], in: graph), conv.activation == .none,
              let match = ActivationMatch.find(after: conv.output, in: graph) else { return nil }
        graph.replace([position] + match.nodes, with: conv.fused(residual: conv.residual,
                                                                  activation: match.activation,
                                                                  output: match.output))
        return "fused \(conv.node.reportName) + \(match.description) into FusedConv (\(match.activation.name))"
    }
}
