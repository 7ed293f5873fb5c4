/// `Add(Conv(X, W, B), Z)` with Z of the convolution's output shape becomes
/// `FusedConv(X, W, B, Z)`: the residual connection at the end of a ResNet block. A following Relu is
/// fused afterwards by `FuseConvActivationPass`. -O2 only.
struct FuseConvAddPass: NodeRewritePass {
    let name = "fuse-conv-add"

    func rewrite(_ position: Int, in graph: GraphEditor) throws -> String? {
        let add = graph.nodes[position]
        guard add.opType == "Add", add.isDefaultDomain, add.inputs.count == 2, add.outputs.count == 1,
              add.inputs[0] != add.inputs[1] else { return nil }
        for index in 0..<2 {
            let value = add.inputs[index], residual = add.inputs[1 - index]
            guard let producer = graph.producer(of: value), graph.onlyFeeds(value, position),
                  let conv = FusableConv(graph.nodes[producer], in: graph),
                  conv.residual.isEmpty, conv.activation == .none,
                  let shape = graph.shape(of: value), graph.shape(of: residual) == shape else { continue }
            graph.replace([producer, position], with: conv.fused(residual: residual, activation: .none,
                                                                  output: add.outputs[0]))
            return "fused \(conv.node.reportName) + \(add.reportName) into FusedConv (residual '\(residual)')"
        }
        return nil
    }
}
