import Testing
@testable import Cnnrt

@Suite struct ElementwiseBatchNormalizationTests {
    static let scale = ewF([3], [1, 2, 3])
    static let bias = ewF([3], [0.5, 0, -0.5])
    static let mean = ewF([3], [1, 2, 3])
    static let variance = ewF([3], [4, 9, 16])

    /// Seed note 15: every x = 5 gives (5 - m) / sqrt(v) * s + b = (2.5, 2.0, 1.0) per channel.
    @Test(arguments: [7, 9, 14, 15])
    func inferenceMatchesHandComputedValues(opset: Int) throws {
        let x = ewF([2, 3, 2, 2], [Float](repeating: 5, count: 24))
        let y = try ewRun1("BatchNormalization", opset: opset, [x, Self.scale, Self.bias, Self.mean, Self.variance],
                           attributes: [Attribute("epsilon", .float(1e-5))])
        #expect(y.shape == [2, 3, 2, 2])
        let perChannel: [Double] = [2.5, 2.0, 1.0]
        ewExpectClose(y, (0..<24).map { perChannel[($0 / 4) % 3] }, rtol: 1e-5)
    }

    @Test func inferenceWithVaryingInput() throws {
        // One channel, mean 1, var 4 (eps 0): y = 3 * (x - 1) / 2 + 1.
        let x = ewF([1, 1, 3], [1, 3, -1])
        let y = try ewRun1("BatchNormalization", [x, ewF([1], [3]), ewF([1], [1]), ewF([1], [1]), ewF([1], [4])],
                           attributes: [Attribute("epsilon", .float(0))])
        ewExpectClose(y, [1, 4, -2])
        // Rank 2 ([N, C]) input.
        let flat = try ewRun1("BatchNormalization", [ewF([2, 1], [1, 3]), ewF([1], [3]), ewF([1], [1]), ewF([1], [1]),
                                                     ewF([1], [4])], attributes: [Attribute("epsilon", .float(0))])
        ewExpectClose(flat, [1, 4])
    }

    @Test func float16InputWithFloatParameters() throws {
        // Opset 15 allows the parameters a different float type than X.
        let x = Tensor(shape: [1, 3, 1], scalars: [Float16(5), 5, 5])
        let y = try ewRun1("BatchNormalization", opset: 15, [x, Self.scale, Self.bias, Self.mean, Self.variance])
        #expect(y.elementType == .float16)
        ewExpectClose(y, [2.5, 2.0, 1.0], rtol: 1e-3)
    }

    @Test func spatialZeroTakesPerActivationParameters() throws {
        // Opset 7, X [1, 2, 2], parameters [2, 2]: one per (channel, position). eps 0.
        let x = ewF([1, 2, 2], [1, 2, 3, 4])
        let ones = ewF([2, 2], [1, 1, 1, 1])
        let zeros = ewF([2, 2], [0, 0, 0, 0])
        let mean = ewF([2, 2], [1, 0, 1, 0])
        let variance = ewF([2, 2], [1, 4, 9, 16])
        let y = try ewRun1("BatchNormalization", opset: 7, [x, ones, zeros, mean, variance],
                           attributes: [Attribute("spatial", .int(0)), Attribute("epsilon", .float(0))])
        ewExpectClose(y, [0, 1, 2.0 / 3, 1])
        // With spatial=1 (the default) per-activation parameters are an error.
        ewExpectError("BatchNormalization", opset: 7, [x, ones, zeros, mean, variance])
    }

    @Test func trainingModeUsesBatchStatisticsAndUpdatesRunningOnes() throws {
        // One channel, values 1...4 over N=2 and D=2: batch mean 2.5, population variance 1.25.
        let x = ewF([2, 1, 2], [1, 2, 3, 4])
        let outputs = try ewRun("BatchNormalization", opset: 14,
                                [x, ewF([1], [1]), ewF([1], [0]), ewF([1], [0]), ewF([1], [1])],
                                attributes: [Attribute("training_mode", .int(1)), Attribute("epsilon", .float(0)),
                                             Attribute("momentum", .float(0.9))], outputs: 3)
        let s = 1.25.squareRoot()
        ewExpectClose(outputs[0], [-1.5 / s, -0.5 / s, 0.5 / s, 1.5 / s])
        // running = given * momentum + batch * (1 - momentum)
        ewExpectClose(outputs[1], [0.25], shape: [1])
        ewExpectClose(outputs[2], [1.025], shape: [1])
        // Y alone.
        let y = try ewRun1("BatchNormalization", opset: 14,
                           [x, ewF([1], [1]), ewF([1], [0]), ewF([1], [0]), ewF([1], [1])],
                           attributes: [Attribute("training_mode", .int(1)), Attribute("epsilon", .float(0))])
        ewExpectClose(y, [-1.5 / s, -0.5 / s, 0.5 / s, 1.5 / s])
    }

    @Test func extraOutputsBeforeOpset14PassTheStatisticsThrough() throws {
        let x = ewF([1, 3, 1], [5, 5, 5])
        let outputs = try ewRun("BatchNormalization", opset: 9, [x, Self.scale, Self.bias, Self.mean, Self.variance],
                                outputs: 5)
        ewExpectClose(outputs[0], [2.5, 2.0, 1.0])
        #expect(outputs[1] == Self.mean && outputs[3] == Self.mean)
        #expect(outputs[2] == Self.variance && outputs[4] == Self.variance)
        // Opset 6 with is_test=0 still runs the inference form.
        let old = try ewRun1("BatchNormalization", opset: 6, [x, Self.scale, Self.bias, Self.mean, Self.variance],
                             attributes: [Attribute("is_test", .int(0))])
        ewExpectClose(old, [2.5, 2.0, 1.0])
    }

    @Test func rejections() {
        let x = ewF([1, 3, 1], [5, 5, 5])
        let good = [Self.scale, Self.bias, Self.mean, Self.variance]
        ewExpectError("BatchNormalization", [x, ewF([2], [1, 2])] + good[1...])
        ewExpectError("BatchNormalization", [ewF([3], [1, 2, 3])] + good)
        ewExpectError("BatchNormalization", [Tensor(shape: [1, 3, 1], scalars: [Int32(1), 2, 3])] + good)
        ewExpectError("BatchNormalization", [x, Self.scale, Self.bias, Self.mean])
        ewExpectError("BatchNormalization", opset: 14, [x] + good, attributes: [Attribute("training_mode", .int(2))])
        ewExpectError("BatchNormalization", opset: 7, [x] + good, attributes: [Attribute("spatial", .int(3))])
        ewExpectError("BatchNormalization", opset: 14, [x] + good, outputs: 5)
        let intVariance = Tensor(shape: [3], scalars: [Int32(1), 2, 3])
        ewExpectError("BatchNormalization", [x, Self.scale, Self.bias, Self.mean, intVariance])
    }
}
