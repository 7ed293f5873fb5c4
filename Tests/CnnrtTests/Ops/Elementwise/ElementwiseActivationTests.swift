import Testing
@testable import Cnnrt

@Suite struct ElementwiseActivationTests {
    @Test func relu() throws {
        ewExpectClose(try ewRun1("Relu", [ewF([4], [-1, 0, 2.5, .nan])]), [0, 0, 2.5, .nan])
        // Integer inputs (opset 14).
        let ints = try ewRun1("Relu", opset: 14, [Tensor(shape: [3], scalars: [Int32(-3), 0, 7])])
        #expect(ints.scalars(as: Int32.self) == [0, 0, 7])
        let half = try ewRun1("Relu", [Tensor(shape: [2], scalars: [Float16(-1), Float16(0.5)])])
        #expect(half.scalars(as: Float16.self) == [0, 0.5])
        ewExpectError("Relu", [Tensor(shape: [1], scalars: [true])])
        ewExpectError("Relu", [ewF([1], [1]), ewF([1], [1])])
    }

    @Test func leakyRelu() throws {
        ewExpectClose(try ewRun1("LeakyRelu", [ewF([3], [-2, 0, 3])]), [-0.02, 0, 3])
        ewExpectClose(try ewRun1("LeakyRelu", [ewF([2], [-2, 3])], attributes: [Attribute("alpha", .float(0.5))]),
                      [-1, 3])
        ewExpectError("LeakyRelu", [ewF([1], [1])], attributes: [Attribute("alpha", .string("x"))])
        ewExpectError("LeakyRelu", [Tensor(shape: [1], scalars: [Int32(1)])])
    }

    @Test func preluWithPerChannelSlope() throws {
        // X [1, 2, 2, 2], slope [2, 1, 1]: channel 0 uses 0.1, channel 1 uses 0.2.
        let x = ewF([1, 2, 2, 2], [-1, 2, -3, 4, -5, 6, -7, 8])
        let slope = ewF([2, 1, 1], [0.1, 0.2])
        let y = try ewRun1("PRelu", [x, slope])
        ewExpectClose(y, [-0.1, 2, -0.3, 4, -1, 6, -1.4, 8], shape: [1, 2, 2, 2])
        // A scalar slope, and a full-shape slope.
        ewExpectClose(try ewRun1("PRelu", [ewF([2], [-4, 4]), ewF([1], [0.25])]), [-1, 4])
        ewExpectClose(try ewRun1("PRelu", [ewF([2], [-4, -4]), ewF([2], [0.5, 2])]), [-2, -8])
        let ints = try ewRun1("PRelu", [Tensor(shape: [2], scalars: [Int64(-3), 5]), Tensor(scalar: Int64(2))])
        #expect(ints.scalars(as: Int64.self) == [-6, 5])
    }

    @Test func preluRejectsSlopeThatDoesNotBroadcastToX() {
        // Unidirectional: the slope may not grow X's shape.
        ewExpectError("PRelu", [ewF([2, 2], [1, 2, 3, 4]), ewF([1, 2, 2], [1, 2, 3, 4])])
        ewExpectError("PRelu", [ewF([2, 2], [1, 2, 3, 4]), ewF([3], [1, 2, 3])])
        ewExpectError("PRelu", [ewF([2], [1, 2]), Tensor(shape: [1], scalars: [1.0])])
    }

    @Test func elu() throws {
        ewExpectClose(try ewRun1("Elu", [ewF([3], [-1, 0, 2])]), [-0.6321205588285577, 0, 2])
        ewExpectClose(try ewRun1("Elu", [ewF([1], [-1])], attributes: [Attribute("alpha", .float(2))]),
                      [-1.2642411176571153])
    }

    @Test func sigmoidIsStableForLargeMagnitudes() throws {
        let y = try ewRun1("Sigmoid", [ewF([5], [0, 1, -1, 100, -100])])
        ewExpectClose(Tensor(shape: [3], scalars: Array(y.floats[0..<3])),
                      [0.5, 0.7310585786300049, 0.2689414213699951])
        #expect(y.floats[3] == 1)
        #expect(y.floats[4] >= 0 && y.floats[4] < 1e-37)
        let d = try ewRun1("Sigmoid", [Tensor(shape: [1], scalars: [-800.0])])
        #expect(d.scalars(as: Double.self) == [0])
        ewExpectError("Sigmoid", [Tensor(shape: [1], scalars: [Int32(1)])])
    }

    @Test func tanh() throws {
        ewExpectClose(try ewRun1("Tanh", [ewF([3], [0, 0.5, -20])]), [0, 0.46211715726000974, -1])
        ewExpectClose(try ewRun1("Tanh", [Tensor(shape: [1], scalars: [1.0])]), [0.7615941559557649], rtol: 1e-12)
    }

    @Test func hardSigmoid() throws {
        ewExpectClose(try ewRun1("HardSigmoid", [ewF([5], [-3, 0, 1, 3, .nan])]), [0, 0.5, 0.7, 1, .nan])
        let y = try ewRun1("HardSigmoid", [ewF([3], [-1, 0, 1])],
                           attributes: [Attribute("alpha", .float(0.5)), Attribute("beta", .float(0.25))])
        ewExpectClose(y, [0, 0.25, 0.75])
    }

    @Test func hardSwish() throws {
        ewExpectClose(try ewRun1("HardSwish", opset: 14, [ewF([5], [-4, -3, 0, 1, 4])]),
                      [0, 0, 0, 2.0 / 3, 4])
    }

    // MARK: Clip

    @Test func clipAttributesBeforeOpset11() throws {
        let x = ewF([5], [-3, -1, 0, 2, 5])
        let y = try ewRun1("Clip", opset: 6, [x],
                           attributes: [Attribute("min", .float(-1)), Attribute("max", .float(2))])
        ewExpectClose(y, [-1, -1, 0, 2, 2])
        ewExpectClose(try ewRun1("Clip", opset: 6, [x], attributes: [Attribute("min", .float(0))]), [0, 0, 0, 2, 5])
        ewExpectClose(try ewRun1("Clip", opset: 6, [x]), [-3, -1, 0, 2, 5])
        // Opset 6 has no bound inputs.
        ewExpectError("Clip", opset: 6, [x, ewF([], [0])])
    }

    @Test func clipWithMinOnlyMaxOnlyAndNone() throws {
        let x = ewF([5], [-3, -1, 0, 2, 5])
        ewExpectClose(try ewRun1("Clip", opset: 11, [x, ewF([], [-1])]), [-1, -1, 0, 2, 5])
        ewExpectClose(try ewRun1("Clip", opset: 11, [x, nil, ewF([], [1])]), [-3, -1, 0, 1, 1])
        ewExpectClose(try ewRun1("Clip", opset: 11, [x]), [-3, -1, 0, 2, 5])
        ewExpectClose(try ewRun1("Clip", opset: 13, [x, ewF([], [-2]), ewF([1], [3])]), [-2, -1, 0, 2, 3])
    }

    @Test func clipEdgeCases() throws {
        // min > max: every element becomes max.
        ewExpectClose(try ewRun1("Clip", opset: 13, [ewF([3], [-5, 1, 5]), ewF([], [2]), ewF([], [1])]), [1, 1, 1])
        ewExpectClose(try ewRun1("Clip", opset: 13, [ewF([1], [.nan]), ewF([], [0]), ewF([], [1])]), [.nan])
        let ints = try ewRun1("Clip", opset: 12, [Tensor(shape: [3], scalars: [Int32(-9), 4, 9]),
                                                  Tensor(scalar: Int32(0)), Tensor(scalar: Int32(5))])
        #expect(ints.scalars(as: Int32.self) == [0, 4, 5])
    }

    @Test func clipRejectsBadBounds() {
        let x = ewF([2], [1, 2])
        ewExpectError("Clip", opset: 13, [x, Tensor(scalar: 0.0)])
        ewExpectError("Clip", opset: 13, [x, ewF([2], [0, 1])])
        ewExpectError("Clip", opset: 13, [x, nil, ewF([0], [])])
        ewExpectError("Clip", opset: 13, [Tensor(shape: [1], scalars: [true])])
    }
}
