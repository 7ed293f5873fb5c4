import Testing
@testable import Cnnrt

/// One FusedConv configuration, compared with Conv -> Add(Z) -> activation built from standard ops.
struct FusedConvCase: Sendable, CustomStringConvertible {
    var batch = 1
    var channels = 4
    var outChannels = 6
    var spatial: [Int]
    var kernel: [Int]
    var attributes: [Attribute] = []
    var group = 1
    var bias = true
    var residual = false
    var activation: OptActivation?

    var description: String {
        "x\(spatial) k\(kernel) g\(group) \(attributes.map { "\($0.name)=\($0.value)" }) bias \(bias) "
            + "residual \(residual) \(activation.map(\.rawValue) ?? "none")"
    }
}

@Suite struct FusedConvTests {
    static let cases: [FusedConvCase] = [
        FusedConvCase(spatial: [6, 6], kernel: [3, 3], attributes: [Attribute("pads", .ints([1, 1, 1, 1]))],
                      activation: .relu),
        FusedConvCase(spatial: [7, 6], kernel: [3, 3], attributes: [Attribute("strides", .ints([2, 2])),
                                                                    Attribute("pads", .ints([0, 1, 1, 0]))],
                      bias: false),
        FusedConvCase(spatial: [8, 7], kernel: [3, 3], attributes: [Attribute("dilations", .ints([2, 1]))],
                      group: 2, residual: true, activation: .leakyRelu),
        FusedConvCase(batch: 2, spatial: [9], kernel: [3],
                      attributes: [Attribute("strides", .ints([2])), Attribute("auto_pad", .string("SAME_UPPER"))],
                      activation: .silu),
        FusedConvCase(channels: 2, outChannels: 3, spatial: [3, 4, 5], kernel: [2, 2, 2],
                      attributes: [Attribute("auto_pad", .string("SAME_LOWER"))], activation: .clip),
        FusedConvCase(outChannels: 4, spatial: [5, 5], kernel: [3, 3],
                      attributes: [Attribute("pads", .ints([1, 1, 1, 1]))], group: 4, residual: true,
                      activation: .hardSwish),
        FusedConvCase(spatial: [7, 7], kernel: [5, 5],
                      attributes: [Attribute("strides", .ints([3, 3])), Attribute("auto_pad", .string("VALID"))],
                      activation: .sigmoid),
        FusedConvCase(batch: 2, spatial: [4, 6], kernel: [1, 3], attributes: [Attribute("pads", .ints([0, 1, 0, 1]))],
                      residual: true, activation: .hardSigmoid),
    ]

    /// The standard composition and the fused node, with their feeds.
    static func models(_ c: FusedConvCase) throws -> (reference: Model, fused: Model, feeds: [String: Tensor]) {
        var g = OptGraph(seed: UInt64(c.spatial.reduce(c.group, *)))
        g.opset = 14
        let x = g.input("x", [c.batch, c.channels] + c.spatial)
        let w = g.weight("w", [c.outChannels, c.channels / c.group] + c.kernel)
        let b = c.bias ? g.weight("b", [c.outChannels]) : ""
        let attributes = c.attributes + [Attribute("group", .int(c.group))]
        var value = g.node("Conv", c.bias ? [x, w, b] : [x, w], attributes)
        let outputShape = try #require(g.model(outputs: [value]).inferShapes().values[value]?.shape)
        var z = ""
        if c.residual {
            z = g.input("z", outputShape)
            value = g.node("Add", [value, z])
        }
        if let activation = c.activation { value = activation.apply(&g, value) }
        let reference = g.model(outputs: [value])

        var fused = g
        let inputs = c.residual ? [x, w, b, z] : (c.bias ? [x, w, b] : [x, w])
        fused.nodes = [Node(name: "fused", opType: "FusedConv", domain: "ai.cnnrt", inputs: inputs, outputs: [value],
                            attributes: attributes + (c.activation?.fused.attributes ?? []))]
        return (reference, fused.model(outputs: [value]), g.feeds)
    }

    @Test(arguments: cases)
    func matchesTheStandardComposition(_ c: FusedConvCase) throws {
        let (reference, fused, feeds) = try Self.models(c)
        try OptimizerCheck.expectSameOutputs(reference, fused, feeds: feeds)
        let info = fused.inferShapes().values[fused.graph.outputs[0].name]
        #expect(info?.shape == reference.inferShapes().values[reference.graph.outputs[0].name]?.shape)
    }

    @Test func rejectsBadInputsAndAttributes() throws {
        let node = Node(name: "f", opType: "FusedConv", domain: "ai.cnnrt", inputs: ["x", "w", "", "z"],
                        outputs: ["y"], attributes: [Attribute("activation", .string("Relu"))])
        let op = try FusedConv(node: node, opset: 1)
        let x = TensorInfo(elementType: .float, shape: [1, 2, 4, 4])
        let w = TensorInfo(elementType: .float, shape: [3, 2, 3, 3])
        #expect(try op.inferOutputs([x, w, nil, nil]).first?.shape == [1, 3, 2, 2])
        #expect(throws: CnnrtError.self) {
            try op.inferOutputs([x, w, nil, TensorInfo(elementType: .float, shape: [1, 3, 4, 4])])
        }
        #expect(throws: CnnrtError.self) {
            try op.inferOutputs([x, TensorInfo(elementType: .float, shape: [3, 4, 3, 3]), nil, nil])
        }
        var unknown = node
        unknown.attributes = [Attribute("activation", .string("Swish"))]
        #expect(throws: CnnrtError.self) { try FusedConv(node: unknown, opset: 1) }
        var missing = node
        missing.attributes = [Attribute("activation", .string("Clip")), Attribute("activation_params", .floats([0]))]
        #expect(throws: CnnrtError.self) { try FusedConv(node: missing, opset: 1) }
    }
}
