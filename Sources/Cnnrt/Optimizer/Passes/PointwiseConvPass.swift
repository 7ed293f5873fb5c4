/// A 2-D 1x1 convolution with stride 1, no padding and group 1 (Conv or FusedConv; dilation does not
/// matter for a 1x1 kernel) becomes a PointwiseConv: a matrix product with the weight reshaped to
/// [M, C], keeping its bias, residual and activation. -O2 only; runs after the other conv fusions.
struct PointwiseConvPass: NodeRewritePass {
    let name = "pointwise-conv"

    func rewrite(_ position: Int, in graph: GraphEditor) throws -> String? {
        guard let conv = FusableConv(graph.nodes[position], in: graph),
              let weight = graph.constant(conv.weight), weight.rank == 4, weight.shape[2...] == [1, 1],
              isPointwise(conv.node) else { return nil }
        let matrix = graph.addConstant(weight.reshaped([weight.shape[0], weight.shape[1]]),
                                       named: conv.weight + "_matrix")
        var inputs = [conv.data, matrix, conv.bias, conv.residual]
        while inputs.last?.isEmpty == true { inputs.removeLast() }
        let node = Node(name: conv.node.name, opType: "PointwiseConv", domain: GraphEditor.cnnrtDomain,
                        inputs: inputs, outputs: [conv.output], attributes: conv.activation.attributes)
        graph.setNode(position, node)
        return "rewrote \(conv.node.reportName) as PointwiseConv"
    }

    /// Stride 1, no padding, group 1.
    private func isPointwise(_ node: Node) -> Bool {
        guard let group = try? node.int("group", default: 1), group == 1,
              let strides = try? node.ints("strides") ?? [1, 1], strides.allSatisfy({ $0 == 1 }),
              let pads = try? node.ints("pads") ?? [0, 0, 0, 0], pads.allSatisfy({ $0 == 0 }),
              let kernel = try? node.ints("kernel_shape") ?? [1, 1], kernel == [1, 1],
              let autoPad = try? node.string("auto_pad", default: "NOTSET"),
              ["NOTSET", "VALID", "SAME_UPPER", "SAME_LOWER"].contains(autoPad) else { return false }
        return true
    }
}
