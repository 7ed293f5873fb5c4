/// Removes nodes whose outputs nothing reads (directly or through other nodes) and initializers that no
/// node reads. Graph inputs and outputs are never removed, nor initializers that are graph inputs.
struct RemoveUnusedPass: OptimizerPass {
    let name = "remove-unused"

    func run(on graph: GraphEditor) throws -> [String] {
        var live = Set(graph.graph.outputs.map(\.name))
        var dead: [Int] = []
        for position in try graph.graph.topologicalOrder().reversed() {
            let node = graph.nodes[position]
            guard node.outputs.contains(where: { !$0.isEmpty && live.contains($0) }) else {
                dead.append(position)
                continue
            }
            live.formUnion(node.inputs)
        }
        var changes = dead.sorted().map { "removed unused node \(graph.nodes[$0].reportName)" }
        graph.remove(dead)
        let inputs = Set(graph.graph.inputs.map(\.name))
        let read = Set(graph.nodes.flatMap(\.inputs)).union(graph.graph.outputs.map(\.name))
        let unused = graph.graph.initializerOrder.filter { !read.contains($0) && !inputs.contains($0) }
        for name in unused { graph.removeInitializer(name) }
        if !unused.isEmpty {
            let shown = unused.prefix(8).map { "'\($0)'" }.joined(separator: ", ")
            changes.append("removed \(unused.count) unused initializer\(unused.count == 1 ? "" : "s"): \(shown)"
                           + (unused.count > 8 ? ", ..." : ""))
        }
        return changes
    }
}
