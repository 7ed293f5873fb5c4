import Testing
@testable import Cnnrt

@Suite struct MoreActivationTests {
    @Test func gelu() throws {
        ewExpectClose(try ewRun1("Gelu", opset: 20, [ewF([3], [0, 1, -1])]),
                      [0, 0.8413447460685429, -0.15865525393145707])
        let tanh = try ewRun1("Gelu", opset: 20, [ewF([2], [1, -1])],
                              attributes: [Attribute("approximate", .string("tanh"))])
        ewExpectClose(tanh, [0.8411919906082768, -0.15880800939172324])
        ewExpectError("Gelu", opset: 20, [ewF([1], [1])], attributes: [Attribute("approximate", .string("fast"))])
        ewExpectError("Gelu", opset: 19, [ewF([1], [1])])
    }

    @Test func softplusSoftsignMish() throws {
        ewExpectClose(try ewRun1("Softplus", [ewF([4], [0, 1, -1, 100])]),
                      [0.6931471805599453, 1.3132616875182228, 0.31326168751822286, 100])
        ewExpectClose(try ewRun1("Softplus", [Tensor(shape: [1], scalars: [-800.0])]), [0])
        ewExpectClose(try ewRun1("Softsign", [ewF([3], [1, -3, 0])]), [0.5, -0.75, 0])
        ewExpectClose(try ewRun1("Mish", opset: 18, [ewF([3], [0, 1, -1])]),
                      [0, 0.8650983882673103, -0.30340146137410895])
        ewExpectError("Mish", opset: 17, [ewF([1], [1])])
    }

    @Test func seluAndCelu() throws {
        ewExpectClose(try ewRun1("Selu", [ewF([3], [-1, 0, 2])]), [-1.1113307412864781, 0, 2.1014020442962646])
        let custom = try ewRun1("Selu", [ewF([2], [-1, 1])],
                                attributes: [Attribute("alpha", .float(2)), Attribute("gamma", .float(3))])
        ewExpectClose(custom, [-3.792723352971346, 3])
        let celu = try ewRun1("Celu", [ewF([3], [-2, 0, 3])], attributes: [Attribute("alpha", .float(2))])
        ewExpectClose(celu, [-1.2642411176571153, 0, 3])
        ewExpectError("Celu", [ewF([1], [1])], attributes: [Attribute("alpha", .float(0))])
    }

    @Test func thresholdedReluAndShrink() throws {
        ewExpectClose(try ewRun1("ThresholdedRelu", [ewF([3], [0.5, 1, 2])]), [0, 0, 2])
        let low = try ewRun1("ThresholdedRelu", [ewF([2], [0.5, 0.1])], attributes: [Attribute("alpha", .float(0.2))])
        ewExpectClose(low, [0.5, 0])
        let soft = try ewRun1("Shrink", [ewF([5], [-2, -1, 0, 1, 2])],
                              attributes: [Attribute("lambd", .float(1.5)), Attribute("bias", .float(0.5))])
        ewExpectClose(soft, [-1.5, 0, 0, 0, 1.5])
        ewExpectClose(try ewRun1("Shrink", [ewF([4], [-1, -0.5, 0.3, 0.6])]), [-1, 0, 0, 0.6])
        let ints = try ewRun1("Shrink", [Tensor(shape: [3], scalars: [Int32(-3), 1, 3])],
                              attributes: [Attribute("lambd", .float(1)), Attribute("bias", .float(1))])
        #expect(ints.scalars(as: Int32.self) == [-2, 0, 2])
        ewExpectError("Shrink", [Tensor(shape: [1], scalars: [true])])
    }

    @Test func signAndRound() throws {
        ewExpectClose(try ewRun1("Sign", [ewF([4], [-2, 0, 3, .nan])]), [-1, 0, 1, .nan])
        let signs = try ewRun1("Sign", [Tensor(shape: [3], scalars: [Int8(-5), 0, 7])])
        #expect(signs.scalars(as: Int8.self) == [-1, 0, 1])
        #expect(try ewRun1("Sign", [Tensor(shape: [2], scalars: [UInt8(0), 9])]).scalars(as: UInt8.self) == [0, 1])
        ewExpectError("Sign", [Tensor(shape: [1], scalars: [true])])
        // Halves round to even.
        ewExpectClose(try ewRun1("Round", [ewF([7], [0.5, 1.5, 2.5, -0.5, -1.5, 2.4, -2.6])]), [0, 2, 2, 0, -2, 2, -3])
        ewExpectError("Round", [Tensor(shape: [1], scalars: [Int32(1)])])
    }

    @Test func trigonometric() throws {
        let pi = Double.pi
        ewExpectClose(try ewRun1("Sin", [Tensor(shape: [2], scalars: [pi / 2, 0])]), [1, 0])
        ewExpectClose(try ewRun1("Cos", [Tensor(shape: [1], scalars: [0.0])]), [1])
        ewExpectClose(try ewRun1("Tan", [Tensor(shape: [1], scalars: [pi / 4])]), [1])
        ewExpectClose(try ewRun1("Asin", [ewF([2], [1, 2])]), [pi / 2, .nan])
        ewExpectClose(try ewRun1("Acos", [ewF([1], [-1])]), [pi])
        ewExpectClose(try ewRun1("Atan", [ewF([1], [1])]), [pi / 4])
        ewExpectClose(try ewRun1("Sinh", [ewF([1], [1])]), [1.1752011936438014])
        ewExpectClose(try ewRun1("Cosh", [ewF([1], [1])]), [1.5430806348152437])
        ewExpectClose(try ewRun1("Asinh", [ewF([1], [1])]), [0.881373587019543])
        ewExpectClose(try ewRun1("Acosh", [ewF([2], [1, 0.5])]), [0, .nan])
        ewExpectClose(try ewRun1("Atanh", [ewF([2], [0.5, 2])]), [0.5493061443340548, .nan])
        ewExpectClose(try ewRun1("Sin", [Tensor(shape: [1], scalars: [BFloat16(0)])]), [0])
        ewExpectError("Sinh", opset: 8, [ewF([1], [1])])
        ewExpectError("Cos", [Tensor(shape: [1], scalars: [Int32(1)])])
    }

    @Test func isNaNAndIsInf() throws {
        let x = ewF([4], [.infinity, -.infinity, 1, .nan])
        #expect(try ewRun1("IsNaN", [x]).scalars(as: Bool.self) == [false, false, false, true])
        #expect(try ewRun1("IsInf", [x]).scalars(as: Bool.self) == [true, true, false, false])
        let positive = try ewRun1("IsInf", [x], attributes: [Attribute("detect_negative", .int(0))])
        #expect(positive.scalars(as: Bool.self) == [true, false, false, false])
        let negative = try ewRun1("IsInf", [x], attributes: [Attribute("detect_positive", .int(0))])
        #expect(negative.scalars(as: Bool.self) == [false, true, false, false])
        #expect(try ewRun1("IsNaN", [Tensor(shape: [1], scalars: [Float16.nan])]).scalars(as: Bool.self) == [true])
        ewExpectError("IsNaN", [Tensor(shape: [1], scalars: [Int32(1)])])
        ewExpectError("IsInf", [x], attributes: [Attribute("detect_positive", .int(2))])
    }

    @Test func modIntegerSigns() throws {
        let a = Tensor(shape: [6], scalars: [Int32(-4), 7, 5, 4, -7, 8])
        let b = Tensor(shape: [6], scalars: [Int32(2), -3, 8, -2, 3, 5])
        #expect(try ewRun1("Mod", [a, b]).scalars(as: Int32.self) == [0, -2, 5, 0, 2, 3])
        let c = try ewRun1("Mod", [a, b], attributes: [Attribute("fmod", .int(1))])
        #expect(c.scalars(as: Int32.self) == [0, 1, 5, 0, -1, 3])
        // By zero gives 0; Int8.min % -1 does not trap.
        let edge = try ewRun1("Mod", [Tensor(shape: [2], scalars: [Int8(5), .min]),
                                      Tensor(shape: [2], scalars: [Int8(0), -1])])
        #expect(edge.scalars(as: Int8.self) == [0, 0])
        let u = try ewRun1("Mod", [Tensor(shape: [2], scalars: [UInt8(250), 7]), Tensor(scalar: UInt8(8))])
        #expect(u.scalars(as: UInt8.self) == [2, 7])
    }

    @Test func modFloatsAndBroadcasting() throws {
        let a = ewF([2], [-4.5, 7.5]), b = ewF([2], [2, -2])
        ewExpectClose(try ewRun1("Mod", [a, b], attributes: [Attribute("fmod", .int(1))]), [-0.5, 1.5])
        ewExpectClose(try ewRun1("Mod", [a, b]), [1.5, -0.5])
        let edge = try ewRun1("Mod", [ewF([4], [-3, 3, 1, 1]), ewF([4], [.infinity, .infinity, -.infinity, 0])])
        ewExpectClose(edge, [.infinity, 3, -.infinity, .nan])
        let y = try ewRun1("Mod", [Tensor(shape: [2, 2], scalars: [Int64(1), 2, 3, 4]),
                                   Tensor(shape: [1], scalars: [Int64(3)])])
        #expect(y.scalars(as: Int64.self) == [1, 2, 0, 1])
        ewExpectError("Mod", [a, b], attributes: [Attribute("fmod", .int(2))])
        ewExpectError("Mod", [Tensor(shape: [1], scalars: [true]), Tensor(shape: [1], scalars: [true])])
        ewExpectError("Mod", [a, Tensor(shape: [2], scalars: [1.0, 2])])
        ewExpectError("Mod", opset: 9, [a, b])
    }

    @Test func meanOfInputs() throws {
        ewExpectClose(try ewRun1("Mean", [ewF([2], [1, 2]), ewF([2], [3, 4])]), [2, 3])
        ewExpectClose(try ewRun1("Mean", [ewF([2, 2], [1, 2, 3, 4]), ewF([1], [3]), ewF([2], [2, 4])]),
                      [2, 3, 8.0 / 3, 11.0 / 3], shape: [2, 2])
        ewExpectClose(try ewRun1("Mean", [ewF([2], [5, 6])]), [5, 6])
        ewExpectError("Mean", [Tensor(shape: [1], scalars: [Int32(1)])])
        ewExpectError("Mean", [ewF([2], [1, 2]), ewF([3], [1, 2, 3])])
    }

    @Test func hardmax() throws {
        // Ties go to the first maximum.
        ewExpectClose(try ewRun1("Hardmax", [ewF([2, 3], [1, 3, 2, 5, 5, 1])]), [0, 1, 0, 1, 0, 0])
        let axis0 = try ewRun1("Hardmax", [ewF([2, 2], [1, 4, 3, 2])], attributes: [Attribute("axis", .int(0))])
        ewExpectClose(axis0, [0, 1, 1, 0])
        // Before opset 13 the block from axis 1 on is one row.
        let coerced = try ewRun1("Hardmax", opset: 11, [ewF([2, 2, 2], [1, 2, 3, 4, 8, 1, 1, 1])])
        ewExpectClose(coerced, [0, 0, 0, 1, 1, 0, 0, 0])
        ewExpectClose(try ewRun1("Hardmax", [ewF([3], [1, .nan, 5])]), [0, 1, 0])
        ewExpectError("Hardmax", [ewF([2], [1, 2])], attributes: [Attribute("axis", .int(1))])
    }
}
