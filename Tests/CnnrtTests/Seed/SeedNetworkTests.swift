import Testing
@testable import Cnnrt

/// Seed items 16-19: parameter counts, the shapes the notes list, and a full run of the small networks.
@Suite struct SeedNetworkTests {
    /// The inferred output shape of every node of `op`, in graph order.
    static func shapes(of op: String, in model: Model) -> [[Int]] {
        let values = model.inferShapes().values
        return model.graph.nodes.filter { $0.opType == op }.map { values[$0.outputs[0]]?.shape ?? [] }
    }

    @Test func lenet() throws {
        let model = SeedNetworks.lenet()
        #expect(model.graph.parameterCount.elements == 61_706)
        let convParams = model.graph.nodes.filter { $0.opType == "Conv" }.map { node in
            node.inputs.dropFirst().reduce(0) { $0 + model.graph.initializers[$1]!.count }
        }
        #expect(convParams == [156, 2_416])
        #expect(Self.shapes(of: "Conv", in: model) == [[1, 6, 28, 28], [1, 16, 10, 10]])
        #expect(Self.shapes(of: "AveragePool", in: model) == [[1, 6, 14, 14], [1, 16, 5, 5]])
        #expect(Self.shapes(of: "Flatten", in: model) == [[1, 400]])
        var random = SeededRandom(seed: 1)
        let output = try Session(model: model).run(["x": random.tensor([1, 1, 28, 28])])
        let y = try #require(output[model.graph.outputs[0].name])
        #expect(y.shape == [1, 10])
        #expect(y.floats.allSatisfy { $0.isFinite })
    }

    @Test func oneLayerCNN() throws {
        let model = SeedNetworks.oneLayer()
        #expect(Self.shapes(of: "Conv", in: model) == [[1, 16, 28, 28]])
        #expect(Self.shapes(of: "Gemm", in: model) == [[1, 10]])
        var random = SeededRandom(seed: 2)
        let y = try Session(model: model).run(["x": random.tensor([1, 1, 28, 28])])
        #expect(y.values.first?.shape == [1, 10])
    }

    @Test func alexnetShapesAndParameters() {
        let model = SeedNetworks.alexnet()
        #expect(model.graph.parameterCount.elements == 46_764_746)
        #expect(Self.shapes(of: "Conv", in: model).first == [1, 96, 54, 54])
        #expect(Self.shapes(of: "MaxPool", in: model) == [[1, 96, 26, 26], [1, 256, 12, 12], [1, 256, 5, 5]])
        #expect(Self.shapes(of: "Flatten", in: model) == [[1, 6400]])
        #expect(Self.shapes(of: "Gemm", in: model).last == [1, 10])
    }

    @Test func vgg11ShapesAndParameters() {
        let model = SeedNetworks.vgg11()
        #expect(model.graph.parameterCount.elements == 128_806_154)
        #expect(Self.shapes(of: "MaxPool", in: model).last == [1, 512, 7, 7])
        #expect(Self.shapes(of: "Gemm", in: model).last == [1, 10])
    }
}
