import Testing
@testable import Cnnrt

/// ONNX-checker rules and the runtime's own (operator support) through the library and `cnnrt run`.
@Suite struct GraphCheckTests {
    /// x -> Relu -> y at opset 13, with the nodes given.
    static func model(_ nodes: [Node], outputs: [String] = ["y"], opsets: [OpsetImport]? = nil) -> Model {
        var graph = Graph(name: "g")
        graph.inputs = [ValueInfo(name: "x", elementType: .float, shape: [.value(1), .value(2)])]
        graph.nodes = nodes
        graph.outputs = outputs.map { ValueInfo(name: $0, elementType: .float, shape: nil) }
        return Model(graph: graph, opsetImports: opsets ?? [OpsetImport(domain: "", version: 13)])
    }

    static func relu(_ name: String, _ input: String, _ output: String) -> Node {
        Node(name: name, opType: "Relu", inputs: [input], outputs: [output])
    }

    @Test func nodeDomainWithoutOpsetImport() throws {
        let node = Node(name: "custom", opType: "Frob", domain: "com.example", inputs: ["x"], outputs: ["y"])
        try Refusal.expectBoth(Self.model([node]), naming: ["custom", "com.example", "opset"])
    }

    @Test func defaultDomainWithoutOpsetImport() throws {
        let model = Self.model([Self.relu("r", "x", "y")], opsets: [OpsetImport(domain: "ai.cnnrt", version: 1)])
        try Refusal.expectBoth(model, naming: ["'r'", "does not import"])
    }

    @Test func domainImportedTwice() throws {
        let model = Self.model([Self.relu("r", "x", "y")],
                               opsets: [OpsetImport(domain: "", version: 13),
                                        OpsetImport(domain: "ai.onnx", version: 11)])
        try Refusal.expectBoth(model, naming: ["imported twice"])
    }

    @Test func valueAssignedTwice() throws {
        let model = Self.model([Self.relu("first", "x", "y"), Self.relu("second", "x", "y")])
        try Refusal.expectBoth(model, naming: ["'y'", "second", "already defined"])
    }

    @Test func undefinedInput() throws {
        try Refusal.expectBoth(Self.model([Self.relu("r", "ghost", "y")]), naming: ["'r'", "ghost"])
    }

    @Test func cycle() throws {
        let model = Self.model([Self.relu("a", "z", "y"), Self.relu("b", "y", "z")])
        try Refusal.expectBoth(model, naming: ["cycle"])
    }

    @Test func outputNotProduced() throws {
        try Refusal.expectBoth(Self.model([Self.relu("r", "x", "y")], outputs: ["y", "nowhere"]),
                               naming: ["nowhere", "not produced"])
    }

    @Test func initializerDefinedTwice() throws {
        var m = ProtoBytes()
        m.int(1, 8)
        m.message(7) { g in
            g.string(2, "g")
            for _ in 0..<2 {
                g.message(5) { t in
                    t.int(1, 1)
                    t.int(2, 1)
                    t.string(8, "twin")
                    t.bytes(9, [0, 0, 0, 0])
                }
            }
        }
        m.message(8) { o in o.int(2, 13) }
        let (folder, path) = try Refusal.write(m.bytes)
        Refusal.expectLibrary(path: path, naming: ["twin", "defined twice"])
        try Refusal.expectCommand(["run", path], naming: [path, "twin", "defined twice"])
        try Refusal.expectCommand(["inspect", path], naming: [path, "twin"])
        _ = folder
    }

    /// Every unsupported node is listed, with its name, in one error.
    @Test func unsupportedOperatorsAreListedTogether() throws {
        let nodes = [
            Node(name: "warp", opType: "GridSample", inputs: ["x", "x"], outputs: ["a"]),
            Node(name: "loop", opType: "Loop", inputs: ["x"], outputs: ["b"]),
            Node(name: "old", opType: "Resize", inputs: ["x", "x"], outputs: ["y"]),
        ]
        let model = Self.model(nodes, outputs: ["a", "b", "y"], opsets: [OpsetImport(domain: "", version: 9)])
        try Refusal.expectBoth(model, naming: ["warp", "GridSample", "loop", "Loop", "old", "opset 9"])
    }
}
