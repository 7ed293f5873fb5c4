import Testing
@testable import Cnnrt

/// The pattern PyTorch exports for `x.view(x.size(0), -1)`: Shape -> Gather -> Unsqueeze -> Concat -> Reshape.
@Suite struct ShapeGraphTests {
    static func flattenGraph(opset: Int) -> Model {
        let nodes = [
            Node(name: "shape", opType: "Shape", inputs: ["x"], outputs: ["s"]),
            Node(name: "gather", opType: "Gather", inputs: ["s", "zero"], outputs: ["n"],
                 attributes: [SO.int("axis", 0)]),
            Node(name: "unsqueeze", opType: "Unsqueeze", inputs: ["n", "axes"], outputs: ["n1"]),
            Node(name: "concat", opType: "Concat", inputs: ["n1", "minus1"], outputs: ["target"],
                 attributes: [SO.int("axis", 0)]),
            Node(name: "reshape", opType: "Reshape", inputs: ["x", "target"], outputs: ["y"]),
        ]
        let graph = Graph(
            name: "flatten", nodes: nodes,
            initializers: [("zero", Tensor(scalar: Int64(0))), ("axes", SO.i64([0])), ("minus1", SO.i64([-1]))],
            inputs: [ValueInfo(name: "x", elementType: .float, shape: [.symbol("batch"), .value(3), .value(4),
                                                                         .value(5)])],
            outputs: [ValueInfo(name: "y", elementType: .float, shape: nil)])
        return Model(graph: graph, opsetImports: [OpsetImport(domain: "", version: opset)])
    }

    @Test func runsThroughSession() throws {
        let session = try Session(model: Self.flattenGraph(opset: 13))
        let x = SO.iota([2, 3, 4, 5])
        let y = try #require(try session.run(["x": x])["y"])
        #expect(y.shape == [2, 60] && y.floats == x.floats)
    }

    @Test func shapeInferenceFoldsTheShapeComputation() throws {
        // With a concrete input shape the chain's values are known before running, so Reshape's shape is too.
        let model = Self.flattenGraph(opset: 13)
        var infos: [String: TensorInfo] = ["x": TensorInfo(elementType: .float, shape: [2, 3, 4, 5])]
        for (name, tensor) in model.graph.initializers { infos[name] = TensorInfo(tensor) }
        for node in model.graph.nodes {
            let op = try OperatorRegistry.standard.makeOperator(node, opset: 13)
            let outputs = try op.inferOutputs(node.inputs.map { infos[$0] })
            for (name, info) in zip(node.outputs, outputs) { infos[name] = info }
        }
        #expect(infos["target"]?.value == SO.i64([2, -1]))
        #expect(infos["y"]?.shape == [2, 60])
    }
}
