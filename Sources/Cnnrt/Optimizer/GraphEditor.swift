/// A model being rewritten by the optimizer, with indexes of who produces and who consumes each
/// value. The indexes are rebuilt lazily after every change, so a pass always sees the current graph.
final class GraphEditor {
    /// The domain of cnnrt's own operators.
    static let cnnrtDomain = "ai.cnnrt"

    private(set) var model: Model
    let registry: OperatorRegistry

    private struct ValueIndex {
        var producer: [String: Int] = [:]
        /// Consuming node indices per value, each node once, in node order.
        var consumers: [String: [Int]] = [:]
    }

    private var index: ValueIndex?
    private var inferred: [String: TensorInfo]?
    /// The graph's inputs and outputs (no pass changes them), kept apart from the index so that lookups
    /// between edits do not rebuild it.
    private let graphInputNames: Set<String>
    private let graphOutputNames: Set<String>
    /// Every value and node name the graph has had since the editor was made: only grows, so a name not
    /// in it is unused (kept up to date by each change instead of rebuilt, as constant folding and fusions
    /// add names one at a time).
    private var taken: Set<String>

    init(model: Model, registry: OperatorRegistry) {
        self.model = model
        self.registry = registry
        let graph = model.graph
        graphInputNames = Set(graph.inputs.map(\.name))
        graphOutputNames = Set(graph.outputs.map(\.name))
        taken = graphInputNames.union(graph.initializerOrder).union(graphOutputNames)
        for node in graph.nodes { Self.addNames(of: node, to: &taken) }
    }

    private static func addNames(of node: Node, to names: inout Set<String>) {
        for output in node.outputs where !output.isEmpty { names.insert(output) }
        if !node.name.isEmpty { names.insert(node.name) }
    }

    var graph: Graph { model.graph }
    var nodes: [Node] { model.graph.nodes }

    private var values: ValueIndex {
        if let index { return index }
        var built = ValueIndex()
        let nodes = model.graph.nodes
        built.producer.reserveCapacity(nodes.count)
        built.consumers.reserveCapacity(nodes.count)
        for (position, node) in nodes.enumerated() {
            for output in node.outputs where !output.isEmpty { built.producer[output] = position }
            for (slot, input) in node.inputs.enumerated() where !input.isEmpty {
                // Each node once, even when it reads the value twice.
                if node.inputs[..<slot].contains(input) { continue }
                built.consumers[input, default: []].append(position)
            }
        }
        index = built
        return built
    }

    // MARK: Queries

    /// The index of the node producing `value`, or nil for inputs, initializers and unknown names.
    func producer(of value: String) -> Int? {
        values.producer[value]
    }

    /// The nodes consuming `value`, each once, in node order.
    func consumers(of value: String) -> [Int] {
        values.consumers[value] ?? []
    }

    func isGraphOutput(_ value: String) -> Bool {
        graphOutputNames.contains(value)
    }

    /// True when `value` feeds node `consumer` and nothing else: no other node, not a graph output.
    /// Fusing a value's producer into its consumer is only valid then.
    func onlyFeeds(_ value: String, _ consumer: Int) -> Bool {
        !isGraphOutput(value) && consumers(of: value) == [consumer]
    }

    /// The value of a constant: an initializer that no graph input of the same name can override.
    func constant(_ name: String) -> Tensor? {
        guard !name.isEmpty, !graphInputNames.contains(name) else { return nil }
        return model.graph.initializers[name]
    }

    /// The statically known shape of a value, from the constant itself or from shape inference over
    /// the model as it was when first asked (rewrites keep every remaining value's meaning).
    func shape(of value: String) -> [Int]? {
        if let tensor = constant(value) { return tensor.shape }
        return inferredValues[value]?.shape
    }

    /// The statically known element type of a value.
    func elementType(of value: String) -> ElementType? {
        if let tensor = constant(value) { return tensor.elementType }
        return inferredValues[value]?.elementType
    }

    private var inferredValues: [String: TensorInfo] {
        if let inferred { return inferred }
        let result = model.inferShapes(registry: registry).values
        inferred = result
        return result
    }

    /// The opset version that applies to `node`.
    func opset(of node: Node) -> Int? {
        model.opsetVersion(for: node.domain)
    }

    /// A value or node name not used anywhere in the graph, derived from `base`.
    func uniqueName(_ base: String) -> String {
        if !taken.contains(base) { return base }
        var counter = 1
        while taken.contains("\(base)_\(counter)") { counter += 1 }
        return "\(base)_\(counter)"
    }

    // MARK: Changes

    private func changed() {
        index = nil
    }

    /// Replaces node `position` in place.
    func setNode(_ position: Int, _ node: Node) {
        model.graph.nodes[position] = node
        Self.addNames(of: node, to: &taken)
        changed()
    }

    /// Removes the nodes at `positions`, putting `node` where the last of them was. Placing the
    /// replacement at the last matched node keeps a topologically sorted graph sorted: its inputs
    /// are all available there, and its outputs' consumers come later.
    func replace(_ positions: [Int], with node: Node) {
        guard let last = positions.max() else { return }
        model.graph.nodes[last] = node
        Self.addNames(of: node, to: &taken)
        for position in Set(positions).subtracting([last]).sorted(by: >) {
            model.graph.nodes.remove(at: position)
        }
        changed()
    }

    /// Removes the nodes at `positions`.
    func remove(_ positions: [Int]) {
        for position in Set(positions).sorted(by: >) { model.graph.nodes.remove(at: position) }
        changed()
    }

    /// Adds a constant under a fresh name derived from `base` and returns the name.
    func addConstant(_ tensor: Tensor, named base: String) -> String {
        let name = uniqueName(base)
        model.graph.setInitializer(name, tensor)
        taken.insert(name)
        changed()
        return name
    }

    /// Turns the value `name` into a constant (it must no longer be produced by a node).
    func setConstant(_ name: String, _ tensor: Tensor) {
        model.graph.setInitializer(name, tensor)
        taken.insert(name)
        changed()
    }

    func removeInitializer(_ name: String) {
        model.graph.removeInitializer(name)
        changed()
    }

    /// Removes node `position`, whose `output` equals its `input`, so that readers of `output` read
    /// `input`. When `output` is a graph output, the producer of `input` is renamed to produce it
    /// instead, which is only possible when `input` comes from a node and is not a graph output itself.
    /// - Returns: false (changing nothing) when the node cannot be removed.
    func bypass(_ position: Int, input: String, output: String) -> Bool {
        guard !input.isEmpty, input != output else { return false }
        guard isGraphOutput(output) else {
            let readers = consumers(of: output)
            model.graph.nodes.remove(at: position)
            changed()
            for reader in readers {
                let shifted = reader > position ? reader - 1 : reader
                model.graph.nodes[shifted].inputs = model.graph.nodes[shifted].inputs.map { $0 == output ? input : $0 }
            }
            changed()
            return true
        }
        guard let source = producer(of: input), !isGraphOutput(input) else { return false }
        // Rename `input` to `output` everywhere, then drop the node.
        model.graph.nodes[source].outputs = model.graph.nodes[source].outputs.map { $0 == input ? output : $0 }
        for reader in consumers(of: input) where reader != position {
            model.graph.nodes[reader].inputs = model.graph.nodes[reader].inputs.map { $0 == input ? output : $0 }
        }
        model.graph.nodes.remove(at: position)
        changed()
        return true
    }

    // MARK: Finishing

    /// Drops declared types of values that no longer exist, imports `ai.cnnrt` when a node needs it
    /// and sorts the nodes topologically (ONNX requires it; the original order is kept where valid).
    func finish() throws {
        let order = try model.graph.topologicalOrder()
        model.graph.nodes = order.map { model.graph.nodes[$0] }
        changed()
        let produced = Set(model.graph.nodes.flatMap(\.outputs))
        let constants = Set(model.graph.initializerOrder)
        model.graph.valueInfo.removeAll { !produced.contains($0.name) || constants.contains($0.name) }
        let usesCnnrt = model.graph.nodes.contains { $0.domain == Self.cnnrtDomain }
        if usesCnnrt, model.opsetVersion(for: Self.cnnrtDomain) == nil {
            model.opsetImports.append(OpsetImport(domain: Self.cnnrtDomain, version: 1))
        }
    }
}
