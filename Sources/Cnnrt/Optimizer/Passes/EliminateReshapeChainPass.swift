/// Removes Reshape and Flatten nodes that do nothing (the output shape equals the input shape) and
/// collapses a chain of them into one Reshape of the chain's input.
struct EliminateReshapeChainPass: NodeRewritePass {
    let name = "eliminate-reshape-chain"

    static let reshapes: Set<String> = ["Reshape", "Flatten"]

    func rewrite(_ position: Int, in graph: GraphEditor) throws -> String? {
        let node = graph.nodes[position]
        guard Self.reshapes.contains(node.opType), node.isDefaultDomain, node.outputs.count == 1,
              let data = node.inputs.first, !data.isEmpty else { return nil }
        if let inputShape = graph.shape(of: data), inputShape == graph.shape(of: node.outputs[0]) {
            guard graph.bypass(position, input: data, output: node.outputs[0]) else { return nil }
            return "removed \(node.reportName): its output shape \(inputShape) is its input's"
        }
        return collapse(position, node, in: graph)
    }

    /// `Reshape|Flatten(Reshape|Flatten(x))` -> `Reshape(x, shape)`, where the inner result feeds only
    /// the outer node and `shape` is the outer's constant target (without 0 entries, which would copy
    /// a dimension of the inner result) or the outer's statically known output shape.
    private func collapse(_ position: Int, _ node: Node, in graph: GraphEditor) -> String? {
        guard let innerPosition = graph.producer(of: node.inputs[0]) else { return nil }
        let inner = graph.nodes[innerPosition]
        guard Self.reshapes.contains(inner.opType), inner.isDefaultDomain, inner.outputs.count == 1,
              let source = inner.inputs.first, !source.isEmpty,
              graph.onlyFeeds(inner.outputs[0], position),
              let target = targetShape(node, in: graph) else { return nil }
        let attributes = node.opType == "Reshape" ? node.attributes : []
        let collapsed = Node(name: node.name, opType: "Reshape", inputs: [source, target],
                             outputs: node.outputs, attributes: attributes)
        graph.replace([innerPosition, position], with: collapsed)
        return "collapsed \(inner.reportName) -> \(node.reportName) into one Reshape"
    }

    /// The name of a constant holding the shape the outer node produces, or nil.
    private func targetShape(_ node: Node, in graph: GraphEditor) -> String? {
        if node.opType == "Reshape", node.inputs.count == 2, let shape = graph.constant(node.inputs[1]),
           let dims = shape.integers() {
            let allowZero = (try? node.int("allowzero", default: 0)) ?? 0
            if !dims.contains(0) || allowZero != 0 { return node.inputs[1] }
        }
        guard let dims = graph.shape(of: node.outputs[0]), !dims.contains(0) else { return nil }
        return graph.addConstant(Tensor(shape: [dims.count], scalars: dims.map(Int64.init)),
                                 named: node.outputs[0] + "_shape")
    }
}
