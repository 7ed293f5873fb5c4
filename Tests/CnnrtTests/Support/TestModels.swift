@testable import Cnnrt

/// Small graphs built with the Swift API.
enum TestModels {
    /// x[1,1,3,3] -> Identity -> y, with one initializer of each common type.
    static func identity() -> Model {
        let graph = Graph(
            name: "identity",
            nodes: [Node(name: "id", opType: "Identity", inputs: ["x"], outputs: ["y"],
                         attributes: [Attribute("note", .string("kept")), Attribute("ks", .ints([3, 3])),
                                      Attribute("alpha", .float(0.5))])],
            initializers: [("w", Tensor(shape: [2, 2], scalars: [Float(1), 2, 3, 4])),
                           ("shape", Tensor(shape: [2], scalars: [Int64(-1), 4])),
                           ("flag", Tensor(shape: [1], scalars: [true]))],
            inputs: [ValueInfo(name: "x", elementType: .float, shape: [.symbol("N"), .value(1), .value(3), .value(3)])],
            outputs: [ValueInfo(name: "y", elementType: .float, shape: [.symbol("N"), .value(1), .value(3), .value(3)])]
        )
        return Model(graph: graph, opsetImports: [OpsetImport(domain: "", version: 13)],
                     producerName: "cnnrt-tests", metadata: [(key: "purpose", value: "test")])
    }

    /// The path of a committed fixture file, e.g. `fixture("lenet", "model.onnx")`.
    static func fixture(_ name: String, _ file: String) -> String {
        "\(fixturesRoot)/\(name)/\(file)"
    }

    /// `fixtures/models` of this checkout.
    static var fixturesRoot: String {
        let repository = String(#filePath).components(separatedBy: "/Tests/")[0]
        return "\(repository)/fixtures/models"
    }
}
