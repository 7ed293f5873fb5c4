/// Replaces nodes whose result is known before the model runs by initializers: Constant nodes, Shape
/// and Size of values whose shape shape inference knows, and any node whose inputs are all constant
/// (so PyTorch's Shape -> Gather -> Unsqueeze -> Concat -> Reshape chains collapse to a constant shape).
struct ConstantFoldingPass: OptimizerPass {
    let name = "constant-folding"

    /// Operators whose result changes from run to run.
    static let nondeterministic: Set<String> = [
        "RandomNormal", "RandomUniform", "RandomNormalLike", "RandomUniformLike", "Multinomial", "Bernoulli",
    ]

    /// A folded result may take this many elements, or as many as the node's inputs, whichever is more,
    /// so that folding never blows a small constant up into a large one (an Expand, a ConstantOfShape).
    static let elementBudget = 1 << 16

    func run(on graph: GraphEditor) throws -> [String] {
        var changes: [String] = []
        var folded: [Int] = []
        for position in try graph.graph.topologicalOrder() {
            let node = graph.nodes[position]
            guard let values = fold(node, in: graph) else { continue }
            for (output, value) in zip(node.outputs, values) where !output.isEmpty {
                graph.setConstant(output, value)
            }
            folded.append(position)
            let shapes = values.map { "\($0.elementType)\($0.shape)" }.joined(separator: ", ")
            changes.append("folded \(node.reportName) into constant \(shapes)")
        }
        graph.remove(folded)
        return changes
    }

    /// The node's outputs when they can be computed now, else nil.
    private func fold(_ node: Node, in graph: GraphEditor) -> [Tensor]? {
        guard node.isDefaultDomain, !Self.nondeterministic.contains(node.opType),
              !node.outputs.isEmpty, node.outputs.allSatisfy({ !graph.isGraphOutput($0) }),
              !node.attributes.contains(where: { Self.holdsGraph($0.value) }) else { return nil }
        switch node.opType {
        case "Constant": return constantValue(node).map { [$0] }
        case "Shape": return shape(node, in: graph).map { [$0] }
        case "Size": return size(node, in: graph).map { [$0] }
        default: return evaluate(node, in: graph)
        }
    }

    private static func holdsGraph(_ value: AttributeValue) -> Bool {
        switch value {
        case .graph, .graphs: return true
        default: return false
        }
    }

    /// Constant's value, from whichever `value*` attribute it has (sparse and string values are left).
    private func constantValue(_ node: Node) -> Tensor? {
        guard node.inputs.isEmpty, node.outputs.count == 1, node.attributes.count == 1 else { return nil }
        switch node.attributes[0].name {
        case "value": return try? node.tensor("value")
        case "value_float": return (try? node.float("value_float")).flatMap { $0.map { Tensor(scalar: $0) } }
        case "value_int": return (try? node.int("value_int")).flatMap { $0.map { Tensor(scalar: Int64($0)) } }
        case "value_floats":
            return (try? node.floats("value_floats")).flatMap { $0.map { Tensor(shape: [$0.count], scalars: $0) } }
        case "value_ints":
            return (try? node.ints("value_ints")).flatMap { list in
                list.map { Tensor(shape: [$0.count], scalars: $0.map(Int64.init)) }
            }
        default: return nil
        }
    }

    /// Shape of a value whose shape is statically known, sliced by `start` / `end` (opset 15).
    private func shape(_ node: Node, in graph: GraphEditor) -> Tensor? {
        guard node.inputs.count == 1, node.outputs.count == 1, let dims = graph.shape(of: node.inputs[0]),
              let start = try? node.int("start", default: 0),
              let end = try? node.int("end", default: dims.count) else { return nil }
        func clamp(_ i: Int) -> Int { min(max(i < 0 ? i + dims.count : i, 0), dims.count) }
        let slice = clamp(start) < clamp(end) ? Array(dims[clamp(start)..<clamp(end)]) : []
        return Tensor(shape: [slice.count], scalars: slice.map(Int64.init))
    }

    private func size(_ node: Node, in graph: GraphEditor) -> Tensor? {
        guard node.inputs.count == 1, node.outputs.count == 1, let dims = graph.shape(of: node.inputs[0]),
              let count = Shape.elementCount(dims) else { return nil }
        return Tensor(scalar: Int64(count))
    }

    /// Runs the node's operator on its constant inputs.
    private func evaluate(_ node: Node, in graph: GraphEditor) -> [Tensor]? {
        let present = node.inputs.filter { !$0.isEmpty }
        guard !present.isEmpty else { return nil }
        var inputs: [Tensor?] = []
        for name in node.inputs {
            if name.isEmpty {
                inputs.append(nil)
            } else {
                guard let tensor = graph.constant(name) else { return nil }
                inputs.append(tensor)
            }
        }
        guard graph.registry.unsupportedReason(node, opset: graph.opset(of: node)) == nil,
              let op = try? graph.registry.makeOperator(node, opset: graph.opset(of: node)),
              let infos = try? op.inferOutputs(inputs.map { $0.map(TensorInfo.init) }) else { return nil }
        let budget = max(Self.elementBudget, inputs.reduce(0) { $0 + ($1?.count ?? 0) })
        let produced = infos.reduce(0) { $0 + (Shape.elementCount($1.shape) ?? .max / 2) }
        guard produced <= budget, let outputs = try? op.run(inputs),
              outputs.count >= node.outputs.filter({ !$0.isEmpty }).count else { return nil }
        return outputs
    }
}
