/// The result of inferring types and shapes through a graph.
public struct InferredShapes: Sendable {
    /// What is known about each value, by name.
    public var values: [String: TensorInfo]
    /// Why inference stopped at a node, by node index (unsupported op, unknown input shape, bad attributes).
    public var failures: [Int: String]
}

extension Model {
    /// Infers element types and shapes of every value reachable from the inputs, using each operator's
    /// shape rule. Inputs take their declared shapes unless `inputShapes` overrides them; a symbolic or
    /// unknown input dimension leaves what depends on it unknown. Best effort: it never throws.
    public func inferShapes(inputShapes: [String: [Int]] = [:],
                            registry: OperatorRegistry = .standard) -> InferredShapes {
        var known: [String: TensorInfo] = [:]
        for (name, tensor) in graph.initializers { known[name] = TensorInfo(tensor) }
        for input in graph.runtimeInputs {
            guard let type = input.elementType, let shape = inputShapes[input.name] ?? input.concreteShape else {
                continue
            }
            known[input.name] = TensorInfo(elementType: type, shape: shape)
        }
        var failures: [Int: String] = [:]
        let order = (try? graph.topologicalOrder()) ?? Array(graph.nodes.indices)
        for index in order {
            let node = graph.nodes[index]
            let args = node.inputs.map { $0.isEmpty ? nil : known[$0] }
            if let missing = zip(node.inputs, args).first(where: { !$0.0.isEmpty && $0.1 == nil }) {
                failures[index] = "shape of '\(missing.0)' is unknown"
                continue
            }
            do {
                let op = try registry.makeOperator(node, opset: opsetVersion(for: node.domain))
                var results = try op.inferOutputs(args)
                // Fold constants so shape computations (Shape -> Gather -> Concat -> Reshape) resolve.
                if args.allSatisfy({ $0 == nil || $0?.value != nil }),
                   results.allSatisfy({ Shape.elementCount($0.shape).map { $0 <= 1 << 16 } ?? false }) {
                    let outputs = try op.run(args.map { $0?.value })
                    results = outputs.map(TensorInfo.init)
                }
                for (name, info) in zip(node.outputs, results) where !name.isEmpty { known[name] = info }
            } catch {
                failures[index] = "\(error)"
            }
        }
        return InferredShapes(values: known, failures: failures)
    }
}
