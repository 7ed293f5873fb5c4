/// `Add(MatMul(A, B), bias)` with A and B matrices and a constant bias that broadcasts to the product's
/// shape becomes `Gemm(A, B, bias)`, when the product feeds nothing else.
struct MatMulAddToGemmPass: NodeRewritePass {
    let name = "matmul-add-to-gemm"

    func rewrite(_ position: Int, in graph: GraphEditor) throws -> String? {
        let add = graph.nodes[position]
        guard add.opType == "Add", add.isDefaultDomain, add.inputs.count == 2, add.outputs.count == 1,
              let (productIndex, matmulPosition) = matmul(feeding: add, at: position, in: graph) else { return nil }
        let matmul = graph.nodes[matmulPosition]
        let bias = add.inputs[1 - productIndex]
        guard let opset = graph.opset(of: add), opset >= 7, matmul.inputs.count == 2, matmul.outputs.count == 1,
              let a = graph.shape(of: matmul.inputs[0]), let b = graph.shape(of: matmul.inputs[1]),
              a.count == 2, b.count == 2, a[1] == b[0],
              let type = graph.elementType(of: matmul.inputs[0]), [.float, .double].contains(type),
              let c = graph.constant(bias), c.elementType == type, c.rank <= 2,
              Shape.broadcast([a[0], b[1]], c.shape) == [a[0], b[1]] else { return nil }
        let gemm = Node(name: matmul.name, opType: "Gemm", inputs: matmul.inputs + [bias], outputs: add.outputs)
        graph.replace([matmulPosition, position], with: gemm)
        return "fused \(matmul.reportName) + \(add.reportName) into Gemm"
    }

    /// Which input of `add` a MatMul produces (feeding only the Add), and that MatMul's position.
    private func matmul(feeding add: Node, at position: Int, in graph: GraphEditor) -> (Int, Int)? {
        for index in 0..<2 {
            guard let producer = graph.producer(of: add.inputs[index]) else { continue }
            let node = graph.nodes[producer]
            if node.opType == "MatMul", node.isDefaultDomain, graph.onlyFeeds(add.inputs[index], position) {
                return (index, producer)
            }
        }
        return nil
    }
}
