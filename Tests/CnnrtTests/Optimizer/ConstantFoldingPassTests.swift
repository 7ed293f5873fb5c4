import Testing
@testable import Cnnrt

@Suite struct ConstantFoldingPassTests {
    /// PyTorch's `x.view(x.size(0), -1)`: Shape -> Gather -> Unsqueeze -> Concat -> Reshape.
    @Test func foldsTheExportedFlatten() throws {
        var g = OptGraph()
        let x = g.input("x", [2, 3, 4, 4])
        let zero = g.constant("zero", Tensor(scalar: Int64(0)))
        let axes = g.constant("axes", Tensor(shape: [1], scalars: [Int64(0)]))
        let rest = g.constant("rest", Tensor(shape: [1], scalars: [Int64(-1)]))
        let r = g.node("Relu", [x])
        let shape = g.node("Shape", [r])
        let batch = g.node("Gather", [shape, zero], [Attribute("axis", .int(0))])
        let unsqueezed = g.node("Unsqueeze", [batch, axes])
        let target = g.node("Concat", [unsqueezed, rest], [Attribute("axis", .int(0))])
        let y = g.node("Reshape", [r, target])
        let (optimized, report) = try OptimizerCheck.optimize(g.model(outputs: [y]), level: .basic, feeds: g.feeds)
        #expect(OptimizerCheck.ops(optimized) == ["Relu", "Reshape"], "\(report.text())")
        let folded = try #require(optimized.graph.initializers[optimized.graph.nodes[1].inputs[1]])
        #expect(folded.integers() == [2, -1])
        #expect(optimized.graph.initializers.count == 1)
    }

    @Test func foldsConstantNodesAndArithmetic() throws {
        var g = OptGraph()
        let x = g.input("x", [2, 3])
        let c = g.node("Constant", [], [Attribute("value", .tensor(Tensor(shape: [3], scalars: [Float(1), 2, 3])))])
        let two = g.node("Constant", [], [Attribute("value_float", .float(2))])
        let scaled = g.node("Mul", [c, two])
        let y = g.node("Add", [x, scaled])
        let (optimized, _) = try OptimizerCheck.optimize(g.model(outputs: [y]), level: .basic, feeds: g.feeds)
        #expect(OptimizerCheck.ops(optimized) == ["Add"])
        #expect(optimized.graph.initializers[scaled]?.floats == [2, 4, 6])
    }

    /// An initializer that a graph input of the same name can override is not a constant.
    @Test func leavesOverridableInitializers() throws {
        var g = OptGraph()
        let x = g.input("x", [3])
        let d = g.constant("d", Tensor(shape: [3], scalars: [Float(1), 2, 3]))
        g.inputs.append(ValueInfo(name: "d", elementType: .float, shape: [.value(3)]))
        let doubled = g.node("Add", [d, d])
        let y = g.node("Mul", [x, doubled])
        let (optimized, _) = try OptimizerCheck.optimize(g.model(outputs: [y]), level: .basic, feeds: g.feeds)
        #expect(OptimizerCheck.ops(optimized) == ["Add", "Mul"])
    }

    /// Shape of a value whose batch size is symbolic is not known before the model runs.
    @Test func leavesShapesOfSymbolicValues() throws {
        var g = OptGraph()
        g.inputs = [ValueInfo(name: "x", elementType: .float, shape: [.symbol("N"), .value(3)])]
        g.feeds = ["x": g.random([2, 3])]
        let shape = g.node("Shape", ["x"])
        let y = g.node("Reshape", ["x", shape])
        let (optimized, _) = try OptimizerCheck.optimize(g.model(outputs: [y]), level: .basic, feeds: g.feeds)
        #expect(OptimizerCheck.ops(optimized) == ["Shape", "Reshape"])
    }

    /// Results much larger than the inputs stay computed at run time.
    @Test func leavesLargeResults() throws {
        var g = OptGraph()
        let x = g.input("x", [512, 256])
        let size = g.constant("size", Tensor(shape: [2], scalars: [Int64(512), 256]))
        let filled = g.node("ConstantOfShape", [size])
        let y = g.node("Add", [x, filled])
        let (optimized, _) = try OptimizerCheck.optimize(g.model(outputs: [y]), level: .basic, feeds: g.feeds)
        #expect(OptimizerCheck.ops(optimized) == ["ConstantOfShape", "Add"])
    }
}
