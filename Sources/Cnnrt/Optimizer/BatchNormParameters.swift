/// An inference BatchNormalization with constant parameters, reduced to a per-channel affine map:
/// `y = x * multiplier[c] + offset[c]`, where `multiplier = scale / sqrt(var + epsilon)` and
/// `offset = B - mean * multiplier` (computed in Double).
struct BatchNormParameters {
    var multiplier: [Double]
    var offset: [Double]

    var channels: Int { multiplier.count }

    /// Reads `node` if it is a float32 BatchNormalization in inference mode whose parameters are all
    /// constants of shape [C] and whose running-statistics outputs nobody reads; nil otherwise.
    init?(_ node: Node, in graph: GraphEditor) {
        guard node.opType == "BatchNormalization", node.isDefaultDomain, node.inputs.count == 5,
              let first = node.outputs.first, !first.isEmpty,
              node.outputs.dropFirst().allSatisfy({ $0.isEmpty || (graph.consumers(of: $0).isEmpty
                                                                      && !graph.isGraphOutput($0)) }),
              (try? node.int("training_mode", default: 0)) == 0,
              let epsilon = try? node.float("epsilon", default: 1e-5) else { return nil }
        let tensors = node.inputs[1...4].compactMap { graph.constant($0) }
        guard tensors.count == 4, tensors.allSatisfy({ $0.elementType == .float && $0.rank == 1 }),
              Set(tensors.map(\.count)).count == 1 else { return nil }
        let (scale, bias, mean, variance) = (tensors[0].floats, tensors[1].floats, tensors[2].floats,
                                             tensors[3].floats)
        let multiplier = zip(scale, variance).map { Double($0) / (Double($1) + Double(epsilon)).squareRoot() }
        self.multiplier = multiplier
        offset = (0..<scale.count).map { Double(bias[$0]) - Double(mean[$0]) * multiplier[$0] }
        guard multiplier.allSatisfy(\.isFinite), offset.allSatisfy(\.isFinite) else { return nil }
    }

    /// The affine map as float32 tensors [C]: `(multiplier, offset)`.
    var tensors: (multiplier: Tensor, offset: Tensor) {
        (Tensor(shape: [channels], scalars: multiplier.map { Float($0) }),
         Tensor(shape: [channels], scalars: offset.map { Float($0) }))
    }
}
