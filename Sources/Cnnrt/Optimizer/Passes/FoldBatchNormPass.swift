/// Folds an inference BatchNormalization into the Conv, ConvTranspose or Gemm that produces its input,
/// by scaling the weights per output channel and adjusting the bias. Only when the producer's result
/// feeds nothing else and its weights and bias are constants. The result uses standard ops only.
struct FoldBatchNormPass: NodeRewritePass {
    let name = "fold-batch-norm"

    func rewrite(_ position: Int, in graph: GraphEditor) throws -> String? {
        let norm = graph.nodes[position]
        guard norm.opType == "BatchNormalization",
              let parameters = BatchNormParameters(norm, in: graph),
              let producerPosition = graph.producer(of: norm.inputs[0]),
              graph.onlyFeeds(norm.inputs[0], position) else { return nil }
        let producer = graph.nodes[producerPosition]
        guard producer.isDefaultDomain, producer.outputs.count == 1, producer.inputs.count >= 2,
              let weight = graph.constant(producer.inputs[1]), weight.elementType == .float else { return nil }
        let bias = producer.inputs.count > 2 && !producer.inputs[2].isEmpty ? graph.constant(producer.inputs[2]) : nil
        guard producer.inputs.count <= 2 || producer.inputs[2].isEmpty || bias?.elementType == .float,
              let folded = fold(producer, weight: weight, bias: bias, parameters) else { return nil }
        var node = producer
        node.inputs = Array(producer.inputs.prefix(1))
            + [graph.addConstant(folded.weight, named: producer.inputs[1] + "_bn"),
               graph.addConstant(folded.bias, named: norm.inputs[1] + "_bias")]
        node.attributes = folded.attributes
        node.outputs = norm.outputs.prefix(1).map { $0 }
        graph.replace([producerPosition, position], with: node)
        return "folded \(norm.reportName) into \(producer.reportName)"
    }

    private struct Folded {
        var weight: Tensor
        var bias: Tensor
        var attributes: [Attribute]
    }

    private func fold(_ producer: Node, weight: Tensor, bias: Tensor?, _ p: BatchNormParameters) -> Folded? {
        switch producer.opType {
        case "Conv": return foldConv(producer, weight: weight, bias: bias, p, transposed: false)
        case "ConvTranspose": return foldConv(producer, weight: weight, bias: bias, p, transposed: true)
        case "Gemm": return foldGemm(producer, weight: weight, bias: bias, p)
        default: return nil
        }
    }

    /// Conv's weight is [M, C / group, k...]; ConvTranspose's is [C, M / group, k...].
    private func foldConv(_ node: Node, weight: Tensor, bias: Tensor?, _ p: BatchNormParameters,
                          transposed: Bool) -> Folded? {
        guard weight.rank >= 3, let group = try? node.int("group", default: 1), group >= 1 else { return nil }
        let outChannels = transposed ? weight.shape[1] * group : weight.shape[0]
        guard outChannels == p.channels, weight.shape[0] % group == 0,
              bias == nil || bias!.shape == [outChannels] else { return nil }
        let inner = weight.shape[2...].reduce(1, *)
        let perGroupIn = weight.shape[0] / group, perGroupOut = weight.shape[1]
        var values = weight.floats
        for i in values.indices {
            let row = i / inner
            let channel = transposed ? (row / weight.shape[1] / perGroupIn) * perGroupOut + row % weight.shape[1]
                                     : row / weight.shape[1]
            values[i] = Float(Double(values[i]) * p.multiplier[channel])
        }
        return Folded(weight: Tensor(shape: weight.shape, scalars: values),
                      bias: foldedBias(bias.map(\.floats), scale: 1, p), attributes: node.attributes)
    }

    /// Gemm's output channels are the columns of B' (B, or B transposed when transB).
    private func foldGemm(_ node: Node, weight: Tensor, bias: Tensor?, _ p: BatchNormParameters) -> Folded? {
        guard weight.rank == 2, let transB = try? node.int("transB", default: 0),
              let beta = try? node.float("beta", default: 1) else { return nil }
        let columns = transB != 0 ? weight.shape[0] : weight.shape[1]
        guard columns == p.channels else { return nil }
        var c: [Float]?
        if let bias {
            // Only a bias shared by every row folds into a per-column one.
            guard [[], [1], [columns], [1, columns]].contains(bias.shape) else { return nil }
            c = bias.count == 1 ? Array(repeating: bias.floats[0], count: columns) : bias.floats
        }
        var values = weight.floats
        for i in values.indices {
            let column = transB != 0 ? i / weight.shape[1] : i % columns
            values[i] = Float(Double(values[i]) * p.multiplier[column])
        }
        var attributes = node.attributes.filter { $0.name != "beta" }
        attributes.append(Attribute("beta", .float(1)))
        return Folded(weight: Tensor(shape: weight.shape, scalars: values),
                      bias: foldedBias(c, scale: Double(beta), p), attributes: attributes)
    }

    /// `(scale * bias + 0) * multiplier + offset` per channel.
    private func foldedBias(_ bias: [Float]?, scale: Double, _ p: BatchNormParameters) -> Tensor {
        let values = (0..<p.channels).map { c -> Float in
            let b = bias.map { scale * Double($0[c]) } ?? 0
            return Float(b * p.multiplier[c] + p.offset[c])
        }
        return Tensor(shape: [p.channels], scalars: values)
    }
}
