import Foundation
import Testing
@testable import Cnnrt

/// Parameters, MACs, receptive field and jump per layer.
@Suite struct LayerAnalysisTests {
    static func zeros(_ shape: [Int]) -> Tensor {
        Tensor(zeros: .float, shape: shape)
    }

    @Test func lenetByHand() throws {
        let model = try Model.load(path: TestModels.fixture("lenet_digits", "model.onnx"))
        let analysis = LayerAnalysis(model: model)
        // The batch dimension N is symbolic: it counts as 1.
        #expect(analysis.inputShapes == ["input": [1, 1, 28, 28]])
        let convs = analysis.layers.filter { $0.opType == "Conv" }
        let gemms = analysis.layers.filter { $0.opType == "Gemm" }
        // conv1: 6 maps of 28x28 (pad 2), each output reads 1 channel x 5x5: 6*28*28 * 25 = 117,600.
        // conv2: 16 maps of 10x10, each reads 6 channels x 5x5: 16*10*10 * 150 = 240,000.
        #expect(convs.map(\.macs) == [117_600, 240_000])
        // fc layers: 400x120 = 48,000, 120x84 = 10,080, 84x10 = 840.
        #expect(gemms.map(\.macs) == [48_000, 10_080, 840])
        // Total: 117,600 + 240,000 + 48,000 + 10,080 + 840 = 416,520.
        #expect(analysis.totalMACs == 416_520)
        // Parameters: weights + biases, 6*25+6 = 156, 16*150+16 = 2,416.
        #expect(convs.map(\.parameters) == [156, 2_416])
        #expect(analysis.totalParameters == 61_706)
        // conv1 (k 5): rf 1 + 4*1 = 5, jump 1; pool (k 2, s 2): rf 5 + 1*1 = 6, jump 2;
        // conv2 (k 5): rf 6 + 4*2 = 14, jump 2.
        #expect(convs.map(\.receptiveField) == [[5, 5], [14, 14]])
        #expect(convs.map(\.jump) == [[1, 1], [2, 2]])
        #expect(convs.map(\.outputShape) == [[1, 6, 28, 28], [1, 16, 10, 10]])
    }

    @Test func dilationStrideAndBranchesTakeTheMax() throws {
        var b = GraphBuilder()
        let x = b.input("x", .float, [1, 1, 32, 32])
        // Branch a: 3x3 dilation 2 (k_eff 5): rf 1 + 4 = 5, jump 1.
        let a = b.node("Conv", [x, b.constant("wa", Self.zeros([2, 1, 3, 3]))],
                       attributes: [Attribute("dilations", .ints([2, 2])), Attribute("pads", .ints([2, 2, 2, 2]))])
        // Branch c: 3x3 stride 1 then 2x2 max pool stride 2: rf 3, then 3 + 1 = 4, jump 2;
        // then a 1x1 conv keeps rf 4; an Upsample x2 brings the jump back to 1.
        let c1 = b.node("Conv", [x, b.constant("wc", Self.zeros([2, 1, 3, 3]))],
                        attributes: [Attribute("pads", .ints([1, 1, 1, 1]))])
        let c2 = b.node("MaxPool", [c1], attributes: [Attribute("kernel_shape", .ints([2, 2])),
                                                      Attribute("strides", .ints([2, 2]))])
        let c3 = b.node("Resize", [c2, "", b.constant("scales", Tensor(shape: [4], scalars: [Float(1), 1, 2, 2]))],
                        attributes: [Attribute("mode", .string("nearest"))])
        let sum = b.node("Add", [a, c3])
        // After the Add: rf max(5, 4) = 5, jump max(1, 1) = 1. Then 3x3 stride 2: rf 5 + 2*1 = 7, jump 2.
        let y = b.node("Conv", [sum, b.constant("wy", Self.zeros([4, 2, 3, 3]))],
                       attributes: [Attribute("strides", .ints([2, 2]))])
        b.output(y)
        let layers = LayerAnalysis(model: b.model()).layers
        func field(_ op: String, _ k: Int = 0) -> ([Double]?, [Double]?) {
            let layer = layers.filter { $0.opType == op }[k]
            return (layer.receptiveField, layer.jump)
        }
        #expect(field("Conv", 0) == ([5, 5], [1, 1]))
        #expect(field("MaxPool") == ([4, 4], [2, 2]))
        #expect(field("Resize") == ([4, 4], [1, 1]))
        #expect(field("Add") == ([5, 5], [1, 1]))
        #expect(field("Conv", 2) == ([7, 7], [2, 2]))
        // The last conv: 4 maps of 15x15, each reading 2 channels x 3x3: 4*225*18 = 16,200 MACs.
        #expect(layers.last?.outputShape == [1, 4, 15, 15])
        #expect(layers.last?.macs == 16_200)
    }

    @Test func transposedConvolutionRefinesTheJump() throws {
        var b = GraphBuilder()
        let x = b.input("x", .float, [1, 1, 8, 8])
        let down = b.node("Conv", [x, b.constant("w", Self.zeros([1, 1, 2, 2]))],
                          attributes: [Attribute("strides", .ints([2, 2]))])
        // ConvTranspose k 3, s 2: jump 2 / 2 = 1; rf 2 + floor((3 - 1) / 2) * 2 = 4.
        let up = b.node("ConvTranspose", [down, b.constant("wt", Self.zeros([1, 1, 3, 3]))],
                        attributes: [Attribute("strides", .ints([2, 2]))])
        b.output(up)
        let layers = LayerAnalysis(model: b.model()).layers
        #expect(layers[0].receptiveField == [2, 2] && layers[0].jump == [2, 2])
        #expect(layers[1].receptiveField == [4, 4] && layers[1].jump == [1, 1])
        // Each of the 4x4 input elements scatters into 1 x 3x3 outputs: 16 * 9 = 144 MACs.
        #expect(layers[1].macs == 144)
    }

    @Test func graphvizNamesEveryNodeAndEdge() throws {
        let model = try Model.load(path: TestModels.fixture("lenet", "model.onnx"))
        let dot = model.graphviz()
        #expect(dot.hasPrefix("digraph "))
        #expect(dot.hasSuffix("}\n"))
        for (index, node) in model.graph.nodes.enumerated() {
            #expect(dot.contains("node\(index) [shape=box"), "node \(index)")
            #expect(dot.contains(node.opType))
        }
        // A chain: one edge into each node from the input or the previous node, one to the output.
        let edges = dot.split(separator: "\n").filter { $0.contains(" -> ") }
        #expect(edges.count == model.graph.nodes.count + 1)
        #expect(dot == model.graphviz())
    }
}
