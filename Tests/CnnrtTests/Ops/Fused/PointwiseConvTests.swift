import Testing
@testable import Cnnrt

@Suite struct PointwiseConvTests {
    /// (batch, spatial, bias, residual, activation)
    static let cases: [(Int, [Int], Bool, Bool, OptActivation?)] = [
        (1, [4, 5], true, false, nil),
        (2, [3, 3], false, true, .relu),
        (1, [1, 1], true, true, .hardSwish),
        (2, [7], true, false, .clip),
    ]

    @Test(arguments: cases)
    func matchesA1x1Conv(batch: Int, spatial: [Int], bias: Bool, residual: Bool, activation: OptActivation?) throws {
        var g = OptGraph(seed: 61)
        g.opset = 14
        let x = g.input("x", [batch, 5] + spatial)
        let w = g.weight("w", [3, 5] + spatial.map { _ in 1 })
        let b = bias ? g.weight("b", [3]) : ""
        var value = g.node("Conv", bias ? [x, w, b] : [x, w])
        let z = residual ? g.input("z", [batch, 3] + spatial) : ""
        if residual { value = g.node("Add", [z, value]) }
        if let activation { value = activation.apply(&g, value) }
        let reference = g.model(outputs: [value])

        var fused = g
        let matrix = fused.constant("w_matrix", fused.initializers[0].1.reshaped([3, 5]))
        var inputs = [x, matrix, b, z]
        while inputs.last == "" { inputs.removeLast() }
        fused.nodes = [Node(name: "pw", opType: "PointwiseConv", domain: "ai.cnnrt", inputs: inputs, outputs: [value],
                            attributes: activation?.fused.attributes ?? [])]
        try OptimizerCheck.expectSameOutputs(reference, fused.model(outputs: [value]), feeds: g.feeds)
    }

    @Test func rejectsMismatchedShapes() throws {
        let op = try PointwiseConv(node: Node(opType: "PointwiseConv", domain: "ai.cnnrt", inputs: ["x", "w"],
                                              outputs: ["y"]), opset: 1)
        let x = TensorInfo(elementType: .float, shape: [1, 4, 2, 2])
        #expect(try op.inferOutputs([x, TensorInfo(elementType: .float, shape: [3, 4])]).first?.shape == [1, 3, 2, 2])
        #expect(throws: CnnrtError.self) { try op.inferOutputs([x, TensorInfo(elementType: .float, shape: [3, 5])]) }
        #expect(throws: CnnrtError.self) {
            try op.inferOutputs([x, TensorInfo(elementType: .float, shape: [3, 4, 1, 1])])
        }
    }
}
