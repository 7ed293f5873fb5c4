import Testing
@testable import Cnnrt

@Suite struct MoreComparisonLogicTests {
    private func bools(_ t: Tensor) -> [Bool] { t.scalars(as: Bool.self) }

    @Test func equalBroadcastsAndFollowsIEEE() throws {
        let a = ewF([2, 2], [1, 2, 3, .nan])
        let y = try ewRun1("Equal", [a, ewF([2], [1, 3])])
        #expect(y.shape == [2, 2] && y.elementType == .bool)
        #expect(bools(y) == [true, false, false, false])
        #expect(bools(try ewRun1("Equal", [ewF([1], [-0.0]), ewF([1], [0])])) == [true])
        let flags = try ewRun1("Equal", [Tensor(shape: [2], scalars: [true, false]),
                                         Tensor(shape: [2], scalars: [true, true])])
        #expect(bools(flags) == [true, false])
        let big = try ewRun1("Equal", [Tensor(shape: [2], scalars: [Int64.max, 1]), Tensor(scalar: Int64.max)])
        #expect(bools(big) == [true, false])
    }

    @Test func orderingComparisons() throws {
        let x = ewF([4], [1, 2, 3, .nan]), two = Tensor(scalar: Float(2))
        #expect(bools(try ewRun1("Less", [x, two])) == [true, false, false, false])
        #expect(bools(try ewRun1("LessOrEqual", opset: 16, [x, two])) == [true, true, false, false])
        #expect(bools(try ewRun1("Greater", [x, two])) == [false, false, true, false])
        #expect(bools(try ewRun1("GreaterOrEqual", opset: 16, [x, two])) == [false, true, true, false])
        // Unsigned values compare as unsigned.
        let u = try ewRun1("Greater", [Tensor(shape: [2], scalars: [UInt8(200), 5]),
                                       Tensor(shape: [2], scalars: [UInt8(100), 6])])
        #expect(bools(u) == [true, false])
        let h = try ewRun1("Less", [Tensor(shape: [2], scalars: [Float16(0.5), 2]), Tensor(scalar: Float16(1))])
        #expect(bools(h) == [true, false])
    }

    @Test func legacyBroadcastBeforeOpset7() throws {
        let a = ewF([2, 3], [1, 2, 3, 4, 5, 6]), b = ewF([3], [2, 2, 7])
        let y = try ewRun1("Less", opset: 6, [a, b], attributes: [Attribute("broadcast", .int(1))])
        #expect(bools(y) == [true, false, true, false, false, true])
        ewExpectError("Less", opset: 6, [a, b])
        ewExpectError("Equal", opset: 6, [a, b], attributes: [Attribute("broadcast", .int(2))])
    }

    @Test func comparisonsRejectBadInputs() {
        ewExpectError("Equal", [ewF([1], [1]), Tensor(shape: [1], scalars: [Int32(1)])])
        ewExpectError("Less", [Tensor(shape: [1], scalars: [true]), Tensor(shape: [1], scalars: [false])])
        ewExpectError("Greater", [ewF([2], [1, 2]), ewF([3], [1, 2, 3])])
        ewExpectError("LessOrEqual", opset: 11, [ewF([1], [1]), ewF([1], [1])])
        ewExpectError("GreaterOrEqual", opset: 16, [ewF([1], [1])])
    }

    @Test func logicalOperators() throws {
        let a = Tensor(shape: [2, 2], scalars: [true, true, false, false])
        let b = Tensor(shape: [2], scalars: [true, false])
        #expect(bools(try ewRun1("And", [a, b])) == [true, false, false, false])
        #expect(bools(try ewRun1("Or", [a, b])) == [true, true, true, false])
        #expect(bools(try ewRun1("Xor", [a, b])) == [false, true, true, false])
        #expect(bools(try ewRun1("Not", [b])) == [false, true])
        let legacy = try ewRun1("And", opset: 1, [a, b], attributes: [Attribute("broadcast", .int(1))])
        #expect(bools(legacy) == [true, false, false, false])
        ewExpectError("And", [ewF([1], [1]), ewF([1], [1])])
        ewExpectError("Or", [a, Tensor(shape: [3], scalars: [true, true, true])])
        ewExpectError("Not", [ewF([1], [0])])
        ewExpectError("Xor", opset: 6, [a, b])
    }

    @Test func whereBroadcastsOverThreeInputs() throws {
        let c = Tensor(shape: [2, 1], scalars: [true, false])
        let y = try ewRun1("Where", opset: 16, [c, ewF([1, 3], [1, 2, 3]), Tensor(scalar: Float(9))])
        #expect(y == ewF([2, 3], [1, 2, 3, 9, 9, 9]))
        let ints = try ewRun1("Where", [Tensor(shape: [3], scalars: [false, true, false]),
                                        Tensor(shape: [3], scalars: [Int64(1), 2, 3]), Tensor(scalar: Int64(-1))])
        #expect(ints.scalars(as: Int64.self) == [-1, 2, -1])
        let flags = try ewRun1("Where", [Tensor(shape: [2], scalars: [true, false]), Tensor(scalar: true),
                                         Tensor(shape: [2], scalars: [true, false])])
        #expect(bools(flags) == [true, false])
        let half = try ewRun1("Where", [Tensor(shape: [2], scalars: [true, false]),
                                        Tensor(shape: [2], scalars: [Float16(1), 2]), Tensor(scalar: Float16(7))])
        #expect(half.scalars(as: Float16.self) == [1, 7])
    }

    @Test func whereRejectsBadInputs() {
        let c = Tensor(shape: [2], scalars: [true, false])
        ewExpectError("Where", [ewF([2], [1, 0]), ewF([2], [1, 2]), ewF([2], [3, 4])])
        ewExpectError("Where", [c, ewF([2], [1, 2]), Tensor(shape: [2], scalars: [1.0, 2])])
        ewExpectError("Where", [c, ewF([3], [1, 2, 3]), ewF([2], [3, 4])])
        ewExpectError("Where", opset: 8, [c, ewF([2], [1, 2]), ewF([2], [3, 4])])
    }
}
