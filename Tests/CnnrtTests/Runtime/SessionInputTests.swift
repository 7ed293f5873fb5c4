import Testing
@testable import Cnnrt

/// Binding inputs: names, element types, ranks and symbolic dimensions are checked before running.
@Suite struct SessionInputTests {
    /// x[N, 3] + y[N, 3] -> z, with a symbolic batch N shared by both inputs.
    static func model() throws -> Session {
        var b = GraphBuilder()
        let x = b.input("x", .float, dimensions: [.symbol("N"), .value(3)])
        let y = b.input("y", .float, dimensions: [.symbol("N"), .value(3)])
        b.output(b.node("Add", [x, y], outputs: ["z"]))
        return try Session(model: b.model())
    }

    static func floats(_ shape: [Int]) -> Tensor {
        Tensor(shape: shape, scalars: (0..<shape.reduce(1, *)).map { Float($0) })
    }

    static func expectInputError(_ feeds: [String: Tensor], _ text: String) throws {
        let session = try model()
        do {
            _ = try session.run(feeds)
            Issue.record("expected an error containing '\(text)'")
        } catch let error as CnnrtError {
            guard case .invalidInput = error else { Issue.record("\(error)"); return }
            #expect(error.description.contains(text), "\(error)")
        }
    }

    @Test func symbolicBatchResolvesFromInputs() throws {
        let out = try Self.model().run(["x": Self.floats([4, 3]), "y": Self.floats([4, 3])])
        #expect(out["z"]?.shape == [4, 3])
        #expect(out["z"]?.floats == (0..<12).map { Float(2 * $0) })
    }

    @Test func missingInputListsTheExpectedOnes() throws {
        try Self.expectInputError(["x": Self.floats([1, 3])], "x float32[N, 3], y float32[N, 3]")
    }

    @Test func unknownInputIsRefused() throws {
        try Self.expectInputError(["x": Self.floats([1, 3]), "y": Self.floats([1, 3]), "w": Self.floats([1])],
                                  "no such input")
    }

    @Test func wrongElementType() throws {
        try Self.expectInputError(["x": Tensor(shape: [1, 3], scalars: [Int64(1), 2, 3]), "y": Self.floats([1, 3])],
                                  "expected element type float32, got int64")
    }

    @Test func wrongRankAndShape() throws {
        try Self.expectInputError(["x": Self.floats([3]), "y": Self.floats([1, 3])], "expected rank 2")
        try Self.expectInputError(["x": Self.floats([1, 4]), "y": Self.floats([1, 4])], "expected shape [N, 3]")
    }

    @Test func symbolicDimensionMustAgree() throws {
        try Self.expectInputError(["x": Self.floats([2, 3]), "y": Self.floats([5, 3])], "'N' is 2 elsewhere but 5")
    }
}
