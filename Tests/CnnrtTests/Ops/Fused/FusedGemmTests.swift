import Testing
@testable import Cnnrt

@Suite struct FusedGemmTests {
    /// (transA, transB, alpha, beta, C shape or nil, activation)
    static let cases: [(Bool, Bool, Float, Float, [Int]?, OptActivation?)] = [
        (false, false, 1, 1, [4], .relu),
        (true, false, 0.5, 2, [3, 1], .silu),
        (false, true, 1.5, 0.25, [3, 4], .leakyRelu),
        (true, true, 1, 1, [], .sigmoid),
        (false, true, 1, 1, nil, .hardSwishAsGate),
        (false, false, 2, 0, [1, 4], nil),
    ]

    @Test(arguments: cases)
    func matchesGemmThenActivation(transA: Bool, transB: Bool, alpha: Float, beta: Float, cShape: [Int]?,
                                   activation: OptActivation?) throws {
        var g = OptGraph(seed: 71)
        g.opset = 14
        let a = g.input("a", transA ? [5, 3] : [3, 5])
        let b = g.weight("b", transB ? [4, 5] : [5, 4])
        let c = cShape.map { g.weight("c", $0) }
        let attributes = [Attribute("transA", .int(transA ? 1 : 0)), Attribute("transB", .int(transB ? 1 : 0)),
                          Attribute("alpha", .float(alpha)), Attribute("beta", .float(beta))]
        var value = g.node("Gemm", [a, b] + (c.map { [$0] } ?? []), attributes)
        if let activation { value = activation.apply(&g, value) }
        let reference = g.model(outputs: [value])

        var fused = g
        let inputs = [a, b] + (c.map { [$0] } ?? [])
        fused.nodes = [Node(name: "fg", opType: "FusedGemm", domain: "ai.cnnrt", inputs: inputs,
                            outputs: [value], attributes: attributes + (activation?.fused.attributes ?? []))]
        try OptimizerCheck.expectSameOutputs(reference, fused.model(outputs: [value]), feeds: g.feeds)
    }

    @Test func rejectsMismatchedShapes() throws {
        let op = try FusedGemm(node: Node(opType: "FusedGemm", domain: "ai.cnnrt", inputs: ["a", "b", "c"],
                                          outputs: ["y"]), opset: 1)
        let a = TensorInfo(elementType: .float, shape: [3, 5])
        let b = TensorInfo(elementType: .float, shape: [5, 4])
        #expect(try op.inferOutputs([a, b, nil]).first?.shape == [3, 4])
        #expect(throws: CnnrtError.self) { try op.inferOutputs([a, a, nil]) }
        #expect(throws: CnnrtError.self) { try op.inferOutputs([a, b, TensorInfo(elementType: .float, shape: [2, 4])]) }
    }
}
