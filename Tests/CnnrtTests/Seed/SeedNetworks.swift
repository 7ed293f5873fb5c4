@testable import Cnnrt

/// The networks of the seed notes (items 16-19), built with `GraphBuilder` and seeded random weights.
struct SeedNetworks {
    var builder = GraphBuilder()
    var random = SeededRandom(seed: 16)
    var current: String
    /// Large networks are only checked for shapes and parameter counts: zero weights build faster.
    let zeroWeights: Bool

    init(input shape: [Int], zeroWeights: Bool = false) {
        current = builder.input("x", .float, shape)
        self.zeroWeights = zeroWeights
    }

    mutating func weights(_ shape: [Int], scale: Float) -> Tensor {
        zeroWeights ? Tensor(zeros: .float, shape: shape) : random.tensor(shape, scale: scale)
    }

    /// Weights scaled like PyTorch's default init so activations stay well inside float range.
    mutating func conv(_ cin: Int, _ cout: Int, kernel: Int, stride: Int = 1, pad: Int = 0) {
        let scale = 1 / Float(cin * kernel * kernel).squareRoot()
        let w = builder.constant("w\(builder.graph.initializers.count)", weights([cout, cin, kernel, kernel], scale: scale))
        let b = builder.constant("b\(builder.graph.initializers.count)", weights([cout], scale: scale))
        current = builder.node("Conv", [current, w, b], attributes: [
            Attribute("kernel_shape", .ints([kernel, kernel])), Attribute("strides", .ints([stride, stride])),
            Attribute("pads", .ints([pad, pad, pad, pad]))])
    }

    mutating func linear(_ nin: Int, _ nout: Int) {
        let scale = 1 / Float(nin).squareRoot()
        let w = builder.constant("w\(builder.graph.initializers.count)", weights([nout, nin], scale: scale))
        let b = builder.constant("b\(builder.graph.initializers.count)", weights([nout], scale: scale))
        current = builder.node("Gemm", [current, w, b], attributes: [Attribute("transB", .int(1))])
    }

    mutating func apply(_ op: String, _ attributes: [Attribute] = []) {
        current = builder.node(op, [current], attributes: attributes)
    }

    mutating func pool(_ op: String, kernel: Int, stride: Int) {
        apply(op, [Attribute("kernel_shape", .ints([kernel, kernel])), Attribute("strides", .ints([stride, stride]))])
    }

    mutating func finish() -> Model {
        builder.output(current)
        return builder.model()
    }

    /// Seed item 16: LeNet with sigmoid activations and average pooling.
    static func lenet() -> Model {
        var n = SeedNetworks(input: [1, 1, 28, 28])
        n.conv(1, 6, kernel: 5, pad: 2); n.apply("Sigmoid"); n.pool("AveragePool", kernel: 2, stride: 2)
        n.conv(6, 16, kernel: 5); n.apply("Sigmoid"); n.pool("AveragePool", kernel: 2, stride: 2)
        n.apply("Flatten")
        n.linear(400, 120); n.apply("Sigmoid")
        n.linear(120, 84); n.apply("Sigmoid")
        n.linear(84, 10)
        return n.finish()
    }

    /// Seed item 17: Conv(1->16, 3, p1) -> ReLU -> Flatten -> Linear(16*28*28 -> 10).
    static func oneLayer() -> Model {
        var n = SeedNetworks(input: [1, 1, 28, 28])
        n.conv(1, 16, kernel: 3, pad: 1); n.apply("Relu"); n.apply("Flatten"); n.linear(16 * 28 * 28, 10)
        return n.finish()
    }

    /// Seed item 18: AlexNet for 1x1x224x224 and 10 classes, with Dropout.
    static func alexnet(zeroWeights: Bool = true) -> Model {
        var n = SeedNetworks(input: [1, 1, 224, 224], zeroWeights: zeroWeights)
        n.conv(1, 96, kernel: 11, stride: 4, pad: 1); n.apply("Relu"); n.pool("MaxPool", kernel: 3, stride: 2)
        n.conv(96, 256, kernel: 5, pad: 2); n.apply("Relu"); n.pool("MaxPool", kernel: 3, stride: 2)
        n.conv(256, 384, kernel: 3, pad: 1); n.apply("Relu")
        n.conv(384, 384, kernel: 3, pad: 1); n.apply("Relu")
        n.conv(384, 256, kernel: 3, pad: 1); n.apply("Relu"); n.pool("MaxPool", kernel: 3, stride: 2)
        n.apply("Flatten")
        n.linear(6400, 4096); n.apply("Relu"); n.apply("Dropout")
        n.linear(4096, 4096); n.apply("Relu"); n.apply("Dropout")
        n.linear(4096, 10)
        return n.finish()
    }

    /// Seed item 19: VGG-11 for 1x1x224x224 and 10 classes.
    static func vgg11(zeroWeights: Bool = true) -> Model {
        var n = SeedNetworks(input: [1, 1, 224, 224], zeroWeights: zeroWeights)
        var channels = 1
        for (convs, width) in [(1, 64), (1, 128), (2, 256), (2, 512), (2, 512)] {
            for _ in 0..<convs {
                n.conv(channels, width, kernel: 3, pad: 1); n.apply("Relu")
                channels = width
            }
            n.pool("MaxPool", kernel: 2, stride: 2)
        }
        n.apply("Flatten")
        n.linear(512 * 7 * 7, 4096); n.apply("Relu"); n.apply("Dropout")
        n.linear(4096, 4096); n.apply("Relu"); n.apply("Dropout")
        n.linear(4096, 10)
        return n.finish()
    }
}
