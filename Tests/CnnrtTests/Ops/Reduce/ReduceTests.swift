import Testing
@testable import Cnnrt

@Suite struct ReduceTests {
    let x = SO.f([3, 2], [1, 2, 3, 4, 5, 6])

    @Test func sumWithAxesAttributeAndKeepDims() throws {
        #expect(try SO.run1(ReduceSum.self, opset: 11, [x], [SO.ints("axes", [1])]) == SO.f([3, 1], [3, 7, 11]))
        let flat = try SO.run1(ReduceSum.self, opset: 11, [x], [SO.ints("axes", [-1]), SO.int("keepdims", 0)])
        #expect(flat == SO.f([3], [3, 7, 11]))
        #expect(try SO.run1(ReduceSum.self, opset: 11, [x]) == SO.f([1, 1], [21]))
        #expect(try SO.run1(ReduceSum.self, opset: 11, [x], [SO.int("keepdims", 0)]) == Tensor(scalar: Float(21)))
    }

    @Test func sumAxesInputFromOpset13() throws {
        #expect(try SO.run1(ReduceSum.self, opset: 13, [x, SO.i64([0])]) == SO.f([1, 2], [9, 12]))
        #expect(try SO.run1(ReduceSum.self, opset: 13, [x, SO.i64([])]) == SO.f([1, 1], [21]))
        #expect(try SO.run1(ReduceSum.self, opset: 13, [x], [SO.int("noop_with_empty_axes", 1)]) == x)
        #expect(try SO.run1(ReduceSum.self, opset: 13, [x, SO.i64([])], [SO.int("noop_with_empty_axes", 1)]) == x)
        SO.fails { try SO.make(ReduceSum.self, opset: 13, [SO.ints("axes", [0])]) }
    }

    @Test func sumOverTwoAxesOfThree() throws {
        // x[i][j][k] = 6i + 2j + k; summing i and k gives 8j + 14.
        let y = try SO.run1(ReduceSum.self, opset: 13, [SO.iota([2, 3, 2]), SO.i64([0, 2])])
        #expect(y == SO.f([1, 3, 1], [14, 22, 30]))
    }

    @Test func meanAttributeBeforeOpset18AndInputFrom18() throws {
        #expect(try SO.run1(ReduceMean.self, opset: 17, [x], [SO.ints("axes", [0])]) == SO.f([1, 2], [3, 4]))
        let rows = try SO.run1(ReduceMean.self, opset: 18, [x, SO.i64([-1])], [SO.int("keepdims", 0)])
        #expect(rows == SO.f([3], [1.5, 3.5, 5.5]))
        SO.fails { try SO.make(ReduceMean.self, opset: 18, [SO.ints("axes", [0])]) }
        SO.fails { try SO.make(ReduceMean.self, opset: 17, inputs: 2) }
    }

    @Test func maxWithNaNAndIntegers() throws {
        #expect(try SO.run1(ReduceMax.self, opset: 13, [x], [SO.ints("axes", [1])]) == SO.f([3, 1], [2, 4, 6]))
        let nan = try SO.run1(ReduceMax.self, [SO.f([3], [1, .nan, 3]), SO.i64([0])])
        #expect(nan.floats[0].isNaN)
        let ints = Tensor(shape: [2, 2], scalars: [Int32(-5), -7, 3, -1])
        #expect(try SO.run1(ReduceMax.self, [ints, SO.i64([1])]) == Tensor(shape: [2, 1], scalars: [Int32(-5), 3]))
        let big = Tensor(shape: [2], scalars: [UInt64.max, 1])
        #expect(try SO.run1(ReduceMax.self, [big]) == Tensor(shape: [1], scalars: [UInt64.max]))
        let flags = Tensor(shape: [2, 2], scalars: [false, true, false, false])
        #expect(try SO.run1(ReduceMax.self, [flags, SO.i64([1])], [SO.int("keepdims", 0)])
                    == Tensor(shape: [2], scalars: [true, false]))
    }

    @Test func emptyReductions() throws {
        let empty = SO.f([0, 2], [])
        #expect(try SO.run1(ReduceSum.self, [empty, SO.i64([0])]) == SO.f([1, 2], [0, 0]))
        #expect(try SO.run1(ReduceMax.self, [empty, SO.i64([0])]) == SO.f([1, 2], [-.infinity, -.infinity]))
        #expect(try SO.run1(ReduceMean.self, [empty, SO.i64([0])]).floats.allSatisfy(\.isNaN))
        #expect(try SO.run1(ReduceSum.self, [empty, SO.i64([1])]).shape == [0, 1])
    }

    @Test func integerSumWrapsAndMeanTruncates() throws {
        let ints = Tensor(shape: [2, 2], scalars: [Int32(1), 2, -1, -2])
        #expect(try SO.run1(ReduceMean.self, [ints, SO.i64([1])]) == Tensor(shape: [2, 1], scalars: [Int32(1), -1]))
        let bytes = Tensor(shape: [2], scalars: [UInt8(200), 100])
        #expect(try SO.run1(ReduceSum.self, [bytes]) == Tensor(shape: [1], scalars: [UInt8(44)]))
        #expect(try SO.run1(ReduceMean.self, [bytes]) == Tensor(shape: [1], scalars: [UInt8(150)]))
    }

    @Test func otherFloatTypes() throws {
        let d = Tensor(shape: [2], scalars: [0.1, 0.2])
        #expect(try SO.run1(ReduceSum.self, [d]) == Tensor(shape: [1], scalars: [0.1 + 0.2]))
        let h = Tensor(shape: [2], scalars: [Float16(1), 2])
        #expect(try SO.run1(ReduceMean.self, [h]) == Tensor(shape: [1], scalars: [Float16(1.5)]))
    }

    @Test func rejectsBadAxes() {
        SO.fails { _ = try SO.run(ReduceSum.self, [x, SO.i64([2])]) }
        SO.fails { _ = try SO.run(ReduceSum.self, [x, SO.i64([0, -2])]) }
        SO.fails { _ = try SO.run(ReduceSum.self, opset: 10, [x], [SO.ints("axes", [-1])]) }
        SO.fails { _ = try SO.run(ReduceSum.self, [Tensor(shape: [1], scalars: [true])]) }
        SO.fails { try SO.make(ReduceSum.self, [SO.int("noop_with_empty_axes", 2)]) }
    }
}
