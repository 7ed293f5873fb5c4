import Testing
@testable import Cnnrt

@Suite struct ConcatTests {
    @Test func joinsAlongAxis1() throws {
        let a = SO.f([2, 2], [1, 2, 3, 4]), b = SO.f([2, 1], [5, 6])
        let y = try SO.run1(Concat.self, [a, b], [SO.int("axis", 1)])
        #expect(y == SO.f([2, 3], [1, 2, 5, 3, 4, 6]))
    }

    @Test func negativeAxisFromOpset11() throws {
        let a = SO.f([2, 2], [1, 2, 3, 4]), b = SO.f([2, 1], [5, 6])
        let y = try SO.run1(Concat.self, opset: 11, [a, b], [SO.int("axis", -1)])
        #expect(y == SO.f([2, 3], [1, 2, 5, 3, 4, 6]))
        SO.fails { try SO.make(Concat.self, opset: 10, inputs: 2, [SO.int("axis", -1)]) }
    }

    @Test func axisIsRequiredFromOpset4AndDefaultsTo1Before() throws {
        SO.fails { try SO.make(Concat.self, opset: 13, inputs: 2) }
        let y = try SO.run1(Concat.self, opset: 1, [SO.f([1, 1], [1]), SO.f([1, 2], [2, 3])])
        #expect(y == SO.f([1, 3], [1, 2, 3]))
    }

    @Test func worksOnEveryElementSize() throws {
        let i64 = try SO.run1(Concat.self, [SO.i64([1, 2]), SO.i64([-3])], [SO.int("axis", 0)])
        #expect(i64 == SO.i64([1, 2, -3]))
        let u8 = try SO.run1(Concat.self, [Tensor(shape: [1, 2], scalars: [UInt8(1), 2]),
                                           Tensor(shape: [1, 2], scalars: [UInt8(3), 4])], [SO.int("axis", 0)])
        #expect(u8 == Tensor(shape: [2, 2], scalars: [UInt8(1), 2, 3, 4]))
        let half = try SO.run1(Concat.self, [Tensor(shape: [1], scalars: [Float16(1.5)]),
                                             Tensor(shape: [2], scalars: [Float16(-2), 3])], [SO.int("axis", 0)])
        #expect(half == Tensor(shape: [3], scalars: [Float16(1.5), -2, 3]))
        let flags = try SO.run1(Concat.self, [Tensor(shape: [1], scalars: [true]),
                                              Tensor(shape: [1], scalars: [false])], [SO.int("axis", 0)])
        #expect(flags == Tensor(shape: [2], scalars: [true, false]))
    }

    @Test func acceptsEmptyInputs() throws {
        let y = try SO.run1(Concat.self, [SO.f([2, 0], []), SO.f([2, 2], [1, 2, 3, 4])], [SO.int("axis", 1)])
        #expect(y == SO.f([2, 2], [1, 2, 3, 4]))
    }

    @Test func rejectsMismatchedInputs() {
        SO.fails { _ = try SO.run(Concat.self, [SO.f([2, 2], [1, 2, 3, 4]), SO.f([3, 1], [1, 2, 3])],
                                  [SO.int("axis", 1)]) }
        SO.fails { _ = try SO.run(Concat.self, [SO.f([1], [1]), SO.i64([1])], [SO.int("axis", 0)]) }
        SO.fails { _ = try SO.run(Concat.self, [SO.f([1], [1]), SO.f([1, 1], [1])], [SO.int("axis", 0)]) }
        SO.fails { _ = try SO.run(Concat.self, [SO.f([1], [1])], [SO.int("axis", 1)]) }
    }
}

@Suite struct SplitTests {
    @Test func unevenNumOutputsGivesASmallerLastPiece() throws {
        let y = try SO.run(Split.self, opset: 18, [SO.iota([7])], [SO.int("num_outputs", 3)], outputs: 3)
        #expect(y == [SO.f([3], [0, 1, 2]), SO.f([3], [3, 4, 5]), SO.f([1], [6])])
        // 9 into 4: pieces of ceil(9 / 4) = 3, the last one empty.
        let z = try SO.run(Split.self, opset: 18, [SO.iota([9])], [SO.int("num_outputs", 4)], outputs: 4)
        #expect(z.map(\.shape) == [[3], [3], [3], [0]])
    }

    @Test func equalSplitFromOutputCount() throws {
        let y = try SO.run(Split.self, opset: 11, [SO.iota([2, 6])], [SO.int("axis", 1)], outputs: 3)
        #expect(y == [SO.f([2, 2], [0, 1, 6, 7]), SO.f([2, 2], [2, 3, 8, 9]), SO.f([2, 2], [4, 5, 10, 11])])
    }

    @Test func splitAttributeBeforeOpset13() throws {
        let y = try SO.run(Split.self, opset: 11, [SO.iota([2, 4])], [SO.int("axis", -1), SO.ints("split", [1, 3])],
                           outputs: 2)
        #expect(y == [SO.f([2, 1], [0, 4]), SO.f([2, 3], [1, 2, 3, 5, 6, 7])])
        SO.fails { try SO.make(Split.self, opset: 10, outputs: 2, [SO.int("axis", -1)]) }
        SO.fails { try SO.make(Split.self, opset: 11, outputs: 3, [SO.ints("split", [1, 3])]) }
    }

    @Test func splitInputFromOpset13() throws {
        let y = try SO.run(Split.self, opset: 13, [SO.iota([5]), SO.i64([2, 0, 3])], outputs: 3)
        #expect(y == [SO.f([2], [0, 1]), SO.f([0], []), SO.f([3], [2, 3, 4])])
        SO.fails { try SO.make(Split.self, opset: 13, outputs: 2, [SO.ints("split", [1, 1])]) }
    }

    @Test func rejectsBadSizes() {
        SO.fails { _ = try SO.run(Split.self, opset: 13, [SO.iota([5]), SO.i64([2, 2])], outputs: 2) }
        SO.fails { _ = try SO.run(Split.self, opset: 13, [SO.iota([5]), SO.i64([6, -1])], outputs: 2) }
        SO.fails { _ = try SO.run(Split.self, opset: 13, [SO.iota([5]), SO.i64([5])], outputs: 2) }
        // 2 into 4 pieces of 1 would leave -1 for the last one.
        SO.fails { _ = try SO.run(Split.self, opset: 18, [SO.iota([2])], [SO.int("num_outputs", 4)], outputs: 4) }
        SO.fails { try SO.make(Split.self, opset: 18, outputs: 2, [SO.int("num_outputs", 3)]) }
        SO.fails { try SO.make(Split.self, opset: 17, outputs: 2, [SO.int("num_outputs", 2)]) }
        SO.fails { try SO.make(Split.self, opset: 18, inputs: 2, outputs: 2, [SO.int("num_outputs", 2)]) }
    }

    @Test func unknownSplitValueIsReportedDuringInference() throws {
        let op = try SO.make(Split.self, opset: 13, inputs: 2, outputs: 2)
        #expect(throws: CnnrtError.self) {
            _ = try op.inferOutputs([TensorInfo(elementType: .float, shape: [4]),
                                     TensorInfo(elementType: .int64, shape: [2])])
        }
    }
}
