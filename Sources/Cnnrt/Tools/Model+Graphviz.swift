extension Model {
    /// The graph in Graphviz's DOT language: a box per node (operator, name, output shape, parameter
    /// count), an ellipse per graph input and output, and an edge per value labelled with its shape.
    /// Initializers are not drawn; their size shows as the node's parameter count.
    ///
    /// Render it with `dot -Tsvg model.dot -o model.svg`.
    /// - Parameter inputShapes: concrete input shapes for the shape labels (see ``LayerAnalysis``).
    public func graphviz(inputShapes: [String: [Int]] = [:]) -> String {
        let analysis = LayerAnalysis(model: self, inputShapes: inputShapes)
        let shapes = inferShapes(inputShapes: analysis.inputShapes).values
        func quoted(_ text: String) -> String {
            "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                .replacingOccurrences(of: "\n", with: "\\n") + "\""
        }
        func shapeText(_ name: String) -> String {
            shapes[name].map { "[" + $0.shape.map(String.init).joined(separator: ", ") + "]" } ?? ""
        }
        var lines = ["digraph \(quoted(graph.name.isEmpty ? "model" : graph.name)) {",
                     "    rankdir=TB;",
                     "    node [fontname=\"Helvetica\", fontsize=10];",
                     "    edge [fontname=\"Helvetica\", fontsize=9];"]
        var producer: [String: String] = [:]
        for (position, input) in graph.runtimeInputs.enumerated() {
            let id = "input\(position)"
            producer[input.name] = id
            lines.append("    \(id) [shape=ellipse, style=filled, fillcolor=\"#dbeafe\", "
                         + "label=\(quoted(input.name + "\n" + input.shapeDescription))];")
        }
        for layer in analysis.layers {
            let node = graph.nodes[layer.index]
            let id = "node\(layer.index)"
            for output in node.outputs where !output.isEmpty { producer[output] = id }
            var label = node.opType
            if !node.name.isEmpty { label += "\n" + node.name }
            if let shape = layer.outputShape { label += "\n[" + shape.map(String.init).joined(separator: ", ") + "]" }
            if layer.parameters > 0 { label += "\n\(layer.parameters) params" }
            lines.append("    \(id) [shape=box, style=rounded, label=\(quoted(label))];")
        }
        for layer in analysis.layers {
            var drawn = Set<String>()
            for input in graph.nodes[layer.index].inputs where !input.isEmpty && drawn.insert(input).inserted {
                guard let source = producer[input] else { continue }
                lines.append("    \(source) -> node\(layer.index) [label=\(quoted(shapeText(input)))];")
            }
        }
        for (position, output) in graph.outputs.enumerated() {
            let id = "output\(position)"
            lines.append("    \(id) [shape=ellipse, style=filled, fillcolor=\"#dcfce7\", "
                         + "label=\(quoted(output.name + "\n" + shapeText(output.name)))];")
            if let source = producer[output.name] { lines.append("    \(source) -> \(id);") }
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }
}
