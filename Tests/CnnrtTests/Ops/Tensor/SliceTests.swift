import Testing
@testable import Cnnrt

@Suite struct SliceTests {
    let grid = SO.f([2, 4], [1, 2, 3, 4, 5, 6, 7, 8])

    @Test func specExampleWithSteps() throws {
        let y = try SO.run1(SliceOperator.self, [grid, SO.i64([1, 0]), SO.i64([2, 3]), SO.i64([0, 1]),
                                                 SO.i64([1, 2])])
        #expect(y == SO.f([1, 2], [5, 7]))
    }

    @Test func negativeEndsAndLargeEndsClamp() throws {
        let y = try SO.run1(SliceOperator.self, [grid, SO.i64([0, 1]), SO.i64([-1, 1000])])
        #expect(y == SO.f([1, 3], [2, 3, 4]))
    }

    @Test func negativeStepsReverse() throws {
        let x = SO.iota([10])
        let all = try SO.run1(SliceOperator.self, [x, SO.i64([-1]), SO.i64([Int(Int64.min)]), SO.i64([0]),
                                                   SO.i64([-1])])
        #expect(all == SO.f([10], [9, 8, 7, 6, 5, 4, 3, 2, 1, 0]))
        let every3 = try SO.run1(SliceOperator.self, [x, SO.i64([8]), SO.i64([1]), SO.i64([0]), SO.i64([-3])])
        #expect(every3 == SO.f([3], [8, 5, 2]))
        // start 20 clamps to 9, end -20 becomes -10 and clamps to -1.
        let clamped = try SO.run1(SliceOperator.self, [x, SO.i64([20]), SO.i64([-20]), SO.i64([0]), SO.i64([-4])])
        #expect(clamped == SO.f([3], [9, 5, 1]))
        let minStep = try SO.run1(SliceOperator.self, [x, SO.i64([5]), SO.i64([-100]), SO.i64([0]),
                                                     SO.i64([Int(Int64.min)])])
        #expect(minStep == SO.f([1], [5]))
        let rows = try SO.run1(SliceOperator.self, [SO.f([2, 3], [1, 2, 3, 4, 5, 6]), SO.i64([-1]), SO.i64([-4]),
                                                  SO.i64([1]), SO.i64([-1])])
        #expect(rows == SO.f([2, 3], [3, 2, 1, 6, 5, 4]))
    }

    @Test func int64MaxEndTakesTheRest() throws {
        let y = try SO.run1(SliceOperator.self, [SO.iota([10]), SO.i64([7]), SO.i64([Int(Int64.max)])])
        #expect(y == SO.f([3], [7, 8, 9]))
        let empty = try SO.run1(SliceOperator.self, [SO.iota([10]), SO.i64([12]), SO.i64([20])])
        #expect(empty.shape == [0])
        let backwards = try SO.run1(SliceOperator.self, [SO.iota([10]), SO.i64([5]), SO.i64([2])])
        #expect(backwards.shape == [0])
    }

    @Test func int32IndicesAndOtherElementTypes() throws {
        let starts = Tensor(shape: [1], scalars: [Int32(1)]), ends = Tensor(shape: [1], scalars: [Int32(3)])
        let y = try SO.run1(SliceOperator.self, [SO.i64([10, 20, 30, 40]), starts, ends])
        #expect(y == SO.i64([20, 30]))
        let bytes = Tensor(shape: [4], scalars: [UInt8(1), 2, 3, 4])
        let z = try SO.run1(SliceOperator.self, [bytes, SO.i64([-1]), SO.i64([-5]), SO.i64([0]), SO.i64([-2])])
        #expect(z == Tensor(shape: [2], scalars: [UInt8(4), 2]))
    }

    @Test func attributesBeforeOpset10() throws {
        let y = try SO.run1(SliceOperator.self, opset: 9, [grid],
                            [SO.ints("starts", [1]), SO.ints("ends", [3]), SO.ints("axes", [1])])
        #expect(y == SO.f([2, 2], [2, 3, 6, 7]))
        SO.fails { try SO.make(SliceOperator.self, opset: 9, [SO.ints("starts", [1])]) }
    }

    @Test func rejectsBadArguments() {
        SO.fails { _ = try SO.run(SliceOperator.self, opset: 10, [grid, SO.i64([0]), SO.i64([1]), SO.i64([-1])]) }
        SO.fails { _ = try SO.run(SliceOperator.self, [grid, SO.i64([0]), SO.i64([1]), SO.i64([0]), SO.i64([0])]) }
        SO.fails { _ = try SO.run(SliceOperator.self, [grid, SO.i64([0, 0]), SO.i64([1, 1]), SO.i64([1, 1])]) }
        SO.fails { _ = try SO.run(SliceOperator.self, [grid, SO.i64([0]), SO.i64([1, 2])]) }
        SO.fails { _ = try SO.run(SliceOperator.self, [grid, SO.i64([0]), SO.i64([1]), SO.i64([2])]) }
        SO.fails { _ = try SO.run(SliceOperator.self, [grid, SO.f([1], [0]), SO.i64([1])]) }
    }

    @Test func unknownStartsFailInference() throws {
        let op = try SO.make(SliceOperator.self, inputs: 3)
        #expect(throws: CnnrtError.self) {
            _ = try op.inferOutputs([TensorInfo(elementType: .float, shape: [4]),
                                     TensorInfo(elementType: .int64, shape: [1]), TensorInfo(SO.i64([2]))])
        }
    }
}

@Suite struct ReshapeFamilyTests {
    @Test func flattenOfConvOutput() throws {
        let x = SO.iota([1, 16, 5, 5])
        let y = try SO.run1(Flatten.self, [x])
        #expect(y.shape == [1, 400] && y.floats == x.floats)
    }

    @Test func flattenAxes() throws {
        let x = SO.iota([2, 3, 4])
        #expect(try SO.run1(Flatten.self, [x], [SO.int("axis", 0)]).shape == [1, 24])
        #expect(try SO.run1(Flatten.self, [x], [SO.int("axis", 3)]).shape == [24, 1])
        #expect(try SO.run1(Flatten.self, opset: 11, [x], [SO.int("axis", -1)]).shape == [6, 4])
        SO.fails { try SO.make(Flatten.self, opset: 10, [SO.int("axis", -1)]) }
        SO.fails { _ = try SO.run(Flatten.self, [x], [SO.int("axis", 4)]) }
    }

    @Test func reshapeCopiesZerosAndInfersMinusOne() throws {
        let x = SO.iota([2, 3, 4])
        let y = try SO.run1(Reshape.self, [x, SO.i64([4, 0, -1])])
        #expect(y.shape == [4, 3, 2] && y.floats == x.floats)
        #expect(try SO.run1(Reshape.self, [x, SO.i64([-1])]).shape == [24])
        #expect(try SO.run1(Reshape.self, opset: 4, [x], [SO.ints("shape", [0, -1])]).shape == [2, 12])
    }

    @Test func reshapeAllowZero() throws {
        let empty = SO.f([2, 0, 3], [])
        #expect(try SO.run1(Reshape.self, opset: 14, [empty, SO.i64([0, 5])], [SO.int("allowzero", 1)]).shape == [0, 5])
        // Without allowzero the 0 copies the 2, and 2 x 5 elements do not match 0.
        SO.fails { _ = try SO.run(Reshape.self, opset: 14, [empty, SO.i64([0, 5])]) }
        SO.fails { _ = try SO.run(Reshape.self, opset: 14, [empty, SO.i64([0, -1])], [SO.int("allowzero", 1)]) }
    }

    @Test func reshapeRejectsBadShapes() {
        let x = SO.iota([2, 3])
        SO.fails { _ = try SO.run(Reshape.self, [x, SO.i64([-1, -1])]) }
        SO.fails { _ = try SO.run(Reshape.self, [x, SO.i64([4, -1])]) }
        SO.fails { _ = try SO.run(Reshape.self, [x, SO.i64([5])]) }
        SO.fails { _ = try SO.run(Reshape.self, [x, SO.i64([-2, -3])]) }
        SO.fails { _ = try SO.run(Reshape.self, [x, SO.i64([1, 1, 0])]) }
        SO.fails { try SO.make(Reshape.self, opset: 4) }
    }

    @Test func squeeze() throws {
        let x = SO.iota([1, 3, 1, 2])
        #expect(try SO.run1(Squeeze.self, [x]).shape == [3, 2])
        #expect(try SO.run1(Squeeze.self, opset: 11, [x], [SO.ints("axes", [0])]).shape == [3, 1, 2])
        let y = try SO.run1(Squeeze.self, opset: 13, [x, SO.i64([-2])])
        #expect(y.shape == [1, 3, 2] && y.floats == x.floats)
        SO.fails { _ = try SO.run(Squeeze.self, [x, SO.i64([1])]) }
        SO.fails { _ = try SO.make(Squeeze.self, opset: 10, [SO.ints("axes", [-1])]).inferOutputs([TensorInfo(x)]) }
        SO.fails { try SO.make(Squeeze.self, opset: 13, [SO.ints("axes", [0])]) }
    }

    @Test func unsqueeze() throws {
        let x = SO.iota([3, 4])
        let y = try SO.run1(Unsqueeze.self, opset: 11, [x], [SO.ints("axes", [0, 3])])
        #expect(y.shape == [1, 3, 4, 1] && y.floats == x.floats)
        #expect(try SO.run1(Unsqueeze.self, [x, SO.i64([-1])]).shape == [3, 4, 1])
        #expect(try SO.run1(Unsqueeze.self, [Tensor(scalar: Int64(7)), SO.i64([0])]) == SO.i64([7]))
        SO.fails { _ = try SO.run(Unsqueeze.self, [x, SO.i64([1, 1])]) }
        SO.fails { _ = try SO.run(Unsqueeze.self, [x, SO.i64([3])]) }
        SO.fails { try SO.make(Unsqueeze.self, opset: 11) }
    }

    @Test func transpose() throws {
        let y = try SO.run1(Transpose.self, [SO.f([2, 3], [1, 2, 3, 4, 5, 6])])
        #expect(y == SO.f([3, 2], [1, 4, 2, 5, 3, 6]))
        let z = try SO.run1(Transpose.self, [SO.iota([2, 3, 2])], [SO.ints("perm", [1, 0, 2])])
        #expect(z == SO.f([3, 2, 2], [0, 1, 6, 7, 2, 3, 8, 9, 4, 5, 10, 11]))
        let halves = Tensor(shape: [2, 2], scalars: [Float16(1), 2, 3, 4])
        #expect(try SO.run1(Transpose.self, [halves]) == Tensor(shape: [2, 2], scalars: [Float16(1), 3, 2, 4]))
        let longs = SO.i64([1, 2, 3, 4, 5, 6]).reshaped([3, 2])
        #expect(try SO.run1(Transpose.self, [longs]) == SO.i64([1, 3, 5, 2, 4, 6]).reshaped([2, 3]))
        SO.fails { try SO.make(Transpose.self, [SO.ints("perm", [0, 0])]) }
        SO.fails { _ = try SO.run(Transpose.self, [SO.iota([2, 3])], [SO.ints("perm", [2, 0, 1])]) }
    }
}
