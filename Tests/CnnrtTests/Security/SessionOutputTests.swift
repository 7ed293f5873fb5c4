import Testing
@testable import Cnnrt

/// An operator that returns fewer results than its node names must be an error, not a missing output.
@Suite struct SessionOutputTests {
    /// Returns one result whatever the node asks for.
    struct OneResult: OperatorDefinition {
        static let opType = "OneResult"
        static var domain: String { "test" }

        init(node: Node, opset: Int) throws {}

        func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo] { [inputs[0]!] }

        func run(_ inputs: [Tensor?]) throws -> [Tensor] { [inputs[0]!] }
    }

    @Test func skippedFirstOutputStillNeedsTheSecond() throws {
        var graph = Graph(name: "g")
        graph.inputs = [ValueInfo(name: "x", elementType: .float, shape: [.value(2)])]
        graph.nodes = [Node(name: "short", opType: "OneResult", domain: "test", inputs: ["x"], outputs: ["", "y"])]
        graph.outputs = [ValueInfo(name: "y", elementType: .float, shape: nil)]
        let model = Model(graph: graph, opsetImports: [OpsetImport(domain: "", version: 13),
                                                       OpsetImport(domain: "test", version: 1)])
        let session = try Session(model: model, registry: OperatorRegistry([OneResult.self]))
        #expect(throws: CnnrtError.self) { _ = try session.run(["x": Tensor(zeros: .float, shape: [2])]) }
        do {
            _ = try session.run(["x": Tensor(zeros: .float, shape: [2])])
        } catch let error as CnnrtError {
            #expect(error.description.contains("short"))
            #expect(error.description.contains("'y'"))
        }
    }
}
