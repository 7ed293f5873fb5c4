extension Model {
    /// Checks the model as ONNX's checker does, naming what is at fault: each operator-set domain is
    /// imported once with a positive version, every node's domain is imported, and the graph is valid
    /// (see `Graph.validate()`). Operator support is checked by `Session`.
    /// - Throws: `CnnrtError.invalidGraph`.
    public func validate() throws {
        var imported: [String: Int] = [:]
        for opset in opsetImports {
            let domain = Self.canonicalDomain(opset.domain)
            guard opset.version >= 1 else {
                throw CnnrtError.invalidGraph(
                    reason: "opset import for domain '\(opset.domain)' has version \(opset.version)")
            }
            guard imported.updateValue(opset.version, forKey: domain) == nil else {
                throw CnnrtError.invalidGraph(reason: "domain '\(opset.domain)' is imported twice")
            }
        }
        for node in graph.nodes where imported[Self.canonicalDomain(node.domain)] == nil {
            throw CnnrtError.invalidGraph(
                reason: "node '\(node.displayName)' (\(node.opType)) uses domain '\(node.domain)', "
                    + "which the model does not import (no opset_import entry)")
        }
        try graph.validate()
    }

    /// "" and "ai.onnx" both name ONNX's default domain.
    private static func canonicalDomain(_ domain: String) -> String {
        domain == "ai.onnx" ? "" : domain
    }
}
