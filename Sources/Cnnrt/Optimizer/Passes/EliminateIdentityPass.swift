/// Removes Identity nodes: their readers read the Identity's input instead.
struct EliminateIdentityPass: NodeRewritePass {
    let name = "eliminate-identity"

    func rewrite(_ position: Int, in graph: GraphEditor) throws -> String? {
        let node = graph.nodes[position]
        guard node.opType == "Identity", node.isDefaultDomain,
              node.inputs.count == 1, node.outputs.count == 1,
              graph.bypass(position, input: node.inputs[0], output: node.outputs[0]) else { return nil }
        return "removed \(node.reportName)"
    }
}
