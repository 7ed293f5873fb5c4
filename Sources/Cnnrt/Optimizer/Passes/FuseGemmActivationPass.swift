/// A float32 Gemm followed by an activation (as `FuseConvActivationPass` matches them) becomes one
/// FusedGemm. -O2 only.
struct FuseGemmActivationPass: NodeRewritePass {
    let name = "fuse-gemm-activation"

    static let gemmAttributes: Set<String> = ["alpha", "beta", "transA", "transB"]

    func rewrite(_ position: Int, in graph: GraphEditor) throws -> String? {
        let gemm = graph.nodes[position]
        guard gemm.opType == "Gemm", gemm.isDefaultDomain, (2...3).contains(gemm.inputs.count),
              gemm.outputs.count == 1, graph.elementType(of: gemm.inputs[1]) == .float,
              gemm.attributes.allSatisfy({ Self.gemmAttributes.contains($0.name) }),
              let match = ActivationMatch.find(after: gemm.outputs[0], in: graph) else { return nil }
        var inputs = gemm.inputs
        while inputs.last?.isEmpty == true { inputs.removeLast() }
        let fused = Node(name: gemm.name, opType: "FusedGemm", domain: GraphEditor.cnnrtDomain, inputs: inputs,
                         outputs: [match.output], attributes: gemm.attributes + match.activation.attributes)
        graph.replace([position] + match.nodes, with: fused)
        return "fused \(gemm.reportName) + \(match.description) into FusedGemm (\(match.activation.name))"
    }
}
