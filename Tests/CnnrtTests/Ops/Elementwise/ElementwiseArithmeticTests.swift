import Testing
@testable import Cnnrt

@Suite struct ElementwiseArithmeticTests {
    @Test func floatAddSubMulDiv() throws {
        let a = ewF([4], [1, -2, 3.5, 0])
        let b = ewF([4], [2, 4, -0.5, 0])
        ewExpectClose(try ewRun1("Add", [a, b]), [3, 2, 3, 0])
        ewExpectClose(try ewRun1("Sub", [a, b]), [-1, -6, 4, 0])
        ewExpectClose(try ewRun1("Mul", [a, b]), [2, -8, -1.75, 0])
        // IEEE: 0 / 0 is NaN.
        ewExpectClose(try ewRun1("Div", [a, b]), [0.5, -0.5, -7, .nan])
        ewExpectClose(try ewRun1("Div", [ewF([2], [1, -1]), ewF([], [0])]), [.infinity, -.infinity])
    }

    @Test func integerDivisionTruncatesTowardZeroAndDivisionByZeroIsZero() throws {
        let a = Tensor(shape: [6], scalars: [Int32(7), -7, 7, -7, 5, Int32.min])
        let b = Tensor(shape: [6], scalars: [Int32(2), 2, -2, -2, 0, -1])
        let y = try ewRun1("Div", [a, b])
        #expect(y.scalars(as: Int32.self) == [3, -3, -3, 3, 0, Int32.min])
        let u = try ewRun1("Div", [Tensor(shape: [2], scalars: [UInt64(9), 9]),
                                   Tensor(shape: [2], scalars: [UInt64(4), 0])])
        #expect(u.scalars(as: UInt64.self) == [2, 0])
    }

    @Test func integerArithmeticWraps() throws {
        let a = Tensor(shape: [2], scalars: [UInt8(250), 3])
        let b = Tensor(shape: [2], scalars: [UInt8(10), 5])
        #expect(try ewRun1("Add", [a, b]).scalars(as: UInt8.self) == [4, 8])
        #expect(try ewRun1("Sub", [a, b]).scalars(as: UInt8.self) == [240, 254])
        let c = Tensor(shape: [2], scalars: [Int8(100), -100])
        #expect(try ewRun1("Mul", [c, Tensor(scalar: Int8(3))]).scalars(as: Int8.self) == [44, -44])
        let d = Tensor(shape: [1], scalars: [Int64.max])
        #expect(try ewRun1("Add", [d, Tensor(scalar: Int64(1))]).scalars(as: Int64.self) == [Int64.min])
    }

    @Test(arguments: [ElementType.int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64, .double, .float16,
                      .bfloat16])
    func everyNumericTypeAdds(_ type: ElementType) throws {
        let label = ElementwiseLabel(Node(opType: "Test", inputs: [], outputs: []))
        let a = try castTensor(ewF([3], [1, 2, 3]), to: type, label)
        let b = try castTensor(ewF([3], [4, 5, 6]), to: type, label)
        let y = try ewRun1("Add", [a, b])
        #expect(y.elementType == type)
        ewExpectClose(y, [5, 7, 9])
        ewExpectClose(try ewRun1("Mul", [a, b]), [4, 10, 18])
    }

    @Test func float16ComputesInFloatAndRoundsToHalf() throws {
        let a = Tensor(shape: [2], scalars: [Float16(1.5), Float16(2048)])
        let b = Tensor(shape: [2], scalars: [Float16(2.25), Float16(1)])
        // 2048 + 1 is not representable in float16 (spacing 2 there): rounds to even, 2048.
        #expect(try ewRun1("Add", [a, b]).scalars(as: Float16.self) == [3.75, 2048])
    }

    @Test func mismatchedOrUnsupportedTypesAreRejected() {
        ewExpectError("Add", [ewF([1], [1]), Tensor(shape: [1], scalars: [1.0])])
        ewExpectError("Add", [Tensor(shape: [1], scalars: [true]), Tensor(shape: [1], scalars: [false])])
        ewExpectError("Add", [ewF([1], [1])])
    }

    // MARK: Legacy broadcasting (opset < 7)

    @Test func legacyBroadcastWithAxis() throws {
        let a = ewF([2, 3, 2], (0..<12).map(Float.init))
        let b = ewF([3], [100, 200, 300])
        let y = try ewRun1("Add", opset: 6, [a, b],
                           attributes: [Attribute("broadcast", .int(1)), Attribute("axis", .int(1))])
        #expect(y.shape == [2, 3, 2])
        // y[i, j, k] = a[i, j, k] + b[j]
        ewExpectClose(y, [100, 101, 202, 203, 304, 305, 106, 107, 208, 209, 310, 311])
    }

    @Test func legacyBroadcastDefaultsToTrailingAxes() throws {
        let a = ewF([2, 2], [1, 2, 3, 4])
        let y = try ewRun1("Sub", opset: 6, [a, ewF([2], [1, 10])], attributes: [Attribute("broadcast", .int(1))])
        ewExpectClose(y, [0, -8, 2, -6])
        let s = try ewRun1("Mul", opset: 1, [a, ewF([], [2])], attributes: [Attribute("broadcast", .int(1))])
        ewExpectClose(s, [2, 4, 6, 8])
        // Without broadcast=1, equal shapes still work.
        ewExpectClose(try ewRun1("Div", opset: 6, [a, a]), [1, 1, 1, 1])
    }

    @Test func legacyBroadcastRejections() {
        let a = ewF([2, 3], [1, 2, 3, 4, 5, 6])
        // broadcast=0 needs equal shapes.
        ewExpectError("Add", opset: 6, [a, ewF([3], [1, 2, 3])])
        ewExpectError("Add", opset: 6, [a, ewF([3], [1, 2, 3])], attributes: [Attribute("broadcast", .int(2))])
        // B's shape must match A's dimensions from axis.
        ewExpectError("Add", opset: 6, [a, ewF([2], [1, 2])], attributes: [Attribute("broadcast", .int(1))])
        ewExpectError("Add", opset: 6, [a, ewF([3], [1, 2, 3])],
                      attributes: [Attribute("broadcast", .int(1)), Attribute("axis", .int(2))])
        // B may not have a higher rank than A.
        ewExpectError("Add", opset: 6, [ewF([3], [1, 2, 3]), a], attributes: [Attribute("broadcast", .int(1))])
    }

    // MARK: Pow

    @Test func powFloat() throws {
        ewExpectClose(try ewRun1("Pow", [ewF([3], [2, 3, 4]), ewF([3], [3, 0.5, -1])]), [8, 1.7320508075688772, 0.25])
        ewExpectClose(try ewRun1("Pow", [ewF([2, 2], [1, 2, 3, 4]), ewF([], [2])]), [1, 4, 9, 16])
        // Exponent of another type (opset 12+).
        ewExpectClose(try ewRun1("Pow", [ewF([2], [2, -3]), Tensor(shape: [2], scalars: [Int64(10), 3])]), [1024, -27])
        ewExpectClose(try ewRun1("Pow", [ewF([1], [-8]), ewF([1], [1.0 / 3])]), [.nan])
    }

    @Test func powInteger() throws {
        let base = Tensor(shape: [6], scalars: [Int32(3), 2, -1, -1, 0, 2])
        let exponent = Tensor(shape: [6], scalars: [Int32(4), -1, -3, -2, -2, 31])
        // 2^-1 truncates to 0, (-1)^-3 = -1, 0^-2 is 0 (like a division by zero), 2^31 wraps.
        #expect(try ewRun1("Pow", [base, exponent]).scalars(as: Int32.self) == [81, 0, -1, 1, 0, Int32.min])
        // A fractional exponent: computed in Double, truncated.
        let root = try ewRun1("Pow", [Tensor(shape: [2], scalars: [Int64(2), 9]), ewF([], [0.5])])
        #expect(root.scalars(as: Int64.self) == [1, 3])
        #expect(try ewRun1("Pow", [Tensor(shape: [1], scalars: [Int8(2)]), Tensor(scalar: Int8(8))])
            .scalars(as: Int8.self) == [0])
    }

    @Test func powLegacyBroadcastAndRejections() throws {
        let y = try ewRun1("Pow", opset: 6, [ewF([2, 2], [1, 2, 3, 4]), ewF([2], [2, 1])],
                           attributes: [Attribute("broadcast", .int(1))])
        ewExpectClose(y, [1, 2, 9, 4])
        ewExpectError("Pow", [ewF([2], [1, 2]), ewF([3], [1, 2, 3])])
        ewExpectError("Pow", [ewF([1], [1]), Tensor(shape: [1], scalars: [true])])
    }

    // MARK: Sum, Max, Min

    @Test func sumOfThreeBroadcastInputs() throws {
        let y = try ewRun1("Sum", [ewF([3], [1, 2, 3]), ewF([2, 1], [10, 20]), ewF([], [100])])
        ewExpectClose(y, [111, 112, 113, 121, 122, 123], shape: [2, 3])
        ewExpectClose(try ewRun1("Sum", [ewF([2], [1, 2])]), [1, 2])
    }

    @Test func maxAndMinPropagateNaN() throws {
        let a = ewF([4], [1, 5, .nan, -1])
        let b = ewF([4], [3, 2, 0, .nan])
        ewExpectClose(try ewRun1("Max", [a, b]), [3, 5, .nan, .nan])
        ewExpectClose(try ewRun1("Min", [a, b]), [1, 2, .nan, .nan])
        ewExpectClose(try ewRun1("Max", [ewF([2], [1, 4]), ewF([2, 1], [2, 3]), ewF([1], [0])]), [2, 4, 3, 4])
    }

    @Test func maxMinIntegers() throws {
        let a = Tensor(shape: [3], scalars: [Int64(-5), 7, 0])
        let b = Tensor(shape: [1], scalars: [Int64(1)])
        #expect(try ewRun1("Max", [a, b]).scalars(as: Int64.self) == [1, 7, 1])
        #expect(try ewRun1("Min", [a, b]).scalars(as: Int64.self) == [-5, 1, 0])
        let bytes = [Tensor(shape: [1], scalars: [UInt8(200)]), Tensor(shape: [1], scalars: [UInt8(100)])]
        #expect(try ewRun1("Sum", bytes).scalars(as: UInt8.self) == [44])
    }

    @Test func variadicRejections() {
        ewExpectError("Sum", [ewF([1], [1]), Tensor(shape: [1], scalars: [Int32(1)])])
        ewExpectError("Max", [ewF([2], [1, 2]), ewF([3], [1, 2, 3])])
        ewExpectError("Min", [ewF([1], [1]), nil])
        ewExpectError("Sum", [])
    }
}
