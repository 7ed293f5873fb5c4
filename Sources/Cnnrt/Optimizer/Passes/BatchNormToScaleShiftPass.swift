/// An inference BatchNormalization left after folding (no Conv, ConvTranspose or Gemm to absorb it)
/// becomes `ScaleShift` (ai.cnnrt) with precomputed per-channel scale and shift. -O2 only.
struct BatchNormToScaleShiftPass: NodeRewritePass {
    let name = "batch-norm-to-scale-shift"

    func rewrite(_ position: Int, in graph: GraphEditor) throws -> String? {
        let norm = graph.nodes[position]
        guard norm.opType == "BatchNormalization",
              let parameters = BatchNormParameters(norm, in: graph),
              graph.elementType(of: norm.inputs[0]).map({ $0 == .float }) ?? true,
              graph.shape(of: norm.inputs[0]).map({ $0.count >= 2 && $0[1] == parameters.channels }) ?? true
        else { return nil }
        let (multiplier, offset) = parameters.tensors
        let node = Node(name: norm.name, opType: "ScaleShift", domain: GraphEditor.cnnrtDomain,
                        inputs: [norm.inputs[0],
                                 graph.addConstant(multiplier, named: norm.inputs[1] + "_scale"),
                                 graph.addConstant(offset, named: norm.inputs[2] + "_shift")],
                        outputs: [norm.outputs[0]])
        graph.setNode(position, node)
        return "replaced \(norm.reportName) by ScaleShift"
    }
}
