/// Removes Dropout nodes, which pass their input through at inference, unless a constant
/// `training_mode` input asks for training or the mask output is read.
struct EliminateDropoutPass: NodeRewritePass {
    let name = "eliminate-dropout"

    func rewrite(_ position: Int, in graph: GraphEditor) throws -> String? {
        let node = graph.nodes[position]
        guard node.opType == "Dropout", node.isDefaultDomain,
              let data = node.inputs.first, let output = node.outputs.first, !output.isEmpty,
              !isTraining(node, in: graph),
              node.outputs.dropFirst().allSatisfy({ isUnused($0, in: graph) }),
              graph.bypass(position, input: data, output: output) else { return nil }
        return "removed \(node.reportName)"
    }

    /// True unless `training_mode` is absent or a constant false.
    private func isTraining(_ node: Node, in graph: GraphEditor) -> Bool {
        guard node.inputs.count > 2, !node.inputs[2].isEmpty else { return false }
        guard let mode = graph.constant(node.inputs[2]), mode.count == 1 else { return true }
        return mode.doubles()[0] != 0
    }

    private func isUnused(_ value: String, in graph: GraphEditor) -> Bool {
        value.isEmpty || (graph.consumers(of: value).isEmpty && !graph.isGraphOutput(value))
    }
}
