import Testing
@testable import Cnnrt

@Suite struct ValidationTests {
    static let x = ValueInfo(name: "x", elementType: .float, shape: [.value(1)])

    static func graph(_ nodes: [Node], outputs: [String] = ["y"]) -> Graph {
        Graph(nodes: nodes, inputs: [x], outputs: outputs.map { ValueInfo(name: $0, elementType: .float, shape: nil) })
    }

    static func expectInvalid(_ graph: Graph, _ text: String) {
        do {
            try graph.validate()
            Issue.record("expected '\(text)'")
        } catch {
            #expect("\(error)".contains(text), "\(error)")
        }
    }

    @Test func validGraphPasses() throws {
        try Self.graph([Node(opType: "Relu", inputs: ["x"], outputs: ["y"])]).validate()
    }

    @Test func duplicateValueNames() {
        Self.expectInvalid(Self.graph([Node(name: "a", opType: "Relu", inputs: ["x"], outputs: ["y"]),
                                       Node(name: "b", opType: "Relu", inputs: ["x"], outputs: ["y"])]),
                           "'y' is produced by node 'b'")
    }

    @Test func undefinedInputs() {
        Self.expectInvalid(Self.graph([Node(name: "a", opType: "Add", inputs: ["x", "z"], outputs: ["y"])]),
                           "node 'a' consumes 'z'")
    }

    @Test func cycles() {
        Self.expectInvalid(Self.graph([Node(name: "a", opType: "Add", inputs: ["x", "q"], outputs: ["p"]),
                                       Node(name: "b", opType: "Relu", inputs: ["p"], outputs: ["q"]),
                                       Node(name: "c", opType: "Relu", inputs: ["q"], outputs: ["y"])]),
                           "cycle")
    }

    @Test func unproducedOutputs() {
        Self.expectInvalid(Self.graph([Node(opType: "Relu", inputs: ["x"], outputs: ["y"])], outputs: ["y", "z"]),
                           "graph output 'z'")
    }

    @Test func nodesOutOfOrderAreSorted() throws {
        let g = Self.graph([Node(name: "second", opType: "Relu", inputs: ["h"], outputs: ["y"]),
                            Node(name: "first", opType: "Relu", inputs: ["x"], outputs: ["h"])])
        try g.validate()
        #expect(try g.topologicalOrder() == [1, 0])
    }

    @Test func unsupportedOperatorsAreListedTogether() {
        let g = Self.graph([Node(name: "a", opType: "Frobnicate", inputs: ["x"], outputs: ["h"]),
                            Node(name: "b", opType: "Wibble", domain: "com.example", inputs: ["h"], outputs: ["y"])])
        do {
            // Every domain a node uses must be imported (else the model is invalid before ops are looked up).
            let imports = [OpsetImport(domain: "", version: 13), OpsetImport(domain: "com.example", version: 1)]
            _ = try Session(model: Model(graph: g, opsetImports: imports))
            Issue.record("expected an error")
        } catch let CnnrtError.unsupportedOperators(list) {
            #expect(list.count == 2)
            #expect(list[0].contains("node 'a'") && list[1].contains("com.example"))
        } catch {
            Issue.record("\(error)")
        }
    }
}
