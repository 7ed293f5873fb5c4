import Testing
@testable import Cnnrt

@Suite struct ScaleShiftTests {
    @Test(arguments: [[2, 3], [1, 3, 4, 5], [2, 3, 2, 2, 2]])
    func matchesMulThenAdd(shape: [Int]) throws {
        var g = OptGraph(seed: 81)
        let x = g.input("x", shape)
        let scale = g.weight("scale", [3]), shift = g.weight("shift", [3])
        let broadcast = [3] + Array(repeating: 1, count: shape.count - 2)
        let scale3 = g.constant("scale3", g.initializers[0].1.reshaped(broadcast))
        let shift3 = g.constant("shift3", g.initializers[1].1.reshaped(broadcast))
        let product = g.node("Mul", [x, scale3])
        let y = g.node("Add", [product, shift3])
        let reference = g.model(outputs: [y])
        var fused = g
        fused.nodes = [Node(opType: "ScaleShift", domain: "ai.cnnrt", inputs: [x, scale, shift], outputs: [y])]
        try OptimizerCheck.expectSameOutputs(reference, fused.model(outputs: [y]), feeds: g.feeds)
    }

    @Test func rejectsMismatchedChannels() throws {
        let op = try ScaleShift(node: Node(opType: "ScaleShift", domain: "ai.cnnrt", inputs: ["x", "s", "t"],
                                           outputs: ["y"]), opset: 1)
        let x = TensorInfo(elementType: .float, shape: [1, 3, 2])
        let three = TensorInfo(elementType: .float, shape: [3])
        #expect(try op.inferOutputs([x, three, three]).first?.shape == [1, 3, 2])
        #expect(throws: CnnrtError.self) {
            try op.inferOutputs([x, TensorInfo(elementType: .float, shape: [2]), three])
        }
    }
}
