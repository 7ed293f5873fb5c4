import Testing
@testable import Cnnrt

@Suite struct GemmTests {
    // A is stored [K, M] and B [N, K], so transA and transB are both needed:
    // A' = [[1, 3, 5], [2, 4, 6]], B' = [[1, 0], [0, 1], [1, 0]], A'B' = [[6, 3], [8, 4]].
    let a = SO.f([3, 2], [1, 2, 3, 4, 5, 6])
    let b = SO.f([2, 3], [1, 0, 1, 0, 1, 0])
    var flags: [Attribute] {
        [SO.int("transA", 1), SO.int("transB", 1), SO.float("alpha", 0.5), SO.float("beta", 2)]
    }

    @Test func allFlagsWithRowBroadcastC() throws {
        // 0.5 * [[6, 3], [8, 4]] + 2 * [10, 20] per row.
        let y = try SO.run1(Gemm.self, [a, b, SO.f([2], [10, 20])], flags)
        #expect(SO.close(y, [23, 41.5, 24, 42], shape: [2, 2]))
    }

    @Test func columnAndScalarC() throws {
        let column = try SO.run1(Gemm.self, [a, b, SO.f([2, 1], [1, 2])], flags)
        #expect(SO.close(column, [5, 3.5, 8, 6], shape: [2, 2]))
        let scalar = try SO.run1(Gemm.self, [a, b, Tensor(scalar: Float(1))], flags)
        #expect(SO.close(scalar, [5, 3.5, 6, 4], shape: [2, 2]))
        let full = try SO.run1(Gemm.self, [a, b, SO.f([2, 2], [1, 2, 3, 4])], flags)
        #expect(SO.close(full, [5, 5.5, 10, 10], shape: [2, 2]))
    }

    @Test func plainProductAndDouble() throws {
        let x = SO.f([2, 3], [1, 2, 3, 4, 5, 6]), w = SO.f([3, 1], [1, 1, 1])
        #expect(SO.close(try SO.run1(Gemm.self, [x, w]), [6, 15], shape: [2, 1]))
        let xd = Tensor(shape: [1, 2], scalars: [1.0, 2.0]), wd = Tensor(shape: [2, 1], scalars: [3.0, 4.0])
        let y = try SO.run1(Gemm.self, [xd, wd, Tensor(shape: [1], scalars: [0.5])], [SO.float("beta", 2)])
        #expect(y == Tensor(shape: [1, 1], scalars: [12.0]))
        let half = try SO.run1(Gemm.self, [Tensor(shape: [1, 2], scalars: [Float16(1), 2]),
                                           Tensor(shape: [2, 1], scalars: [Float16(3), 4])])
        #expect(half == Tensor(shape: [1, 1], scalars: [Float16(11)]))
    }

    @Test func cIsOptionalFromOpset11() throws {
        #expect(try SO.run1(Gemm.self, opset: 11, [a, b], flags).shape == [2, 2])
        SO.fails { try SO.make(Gemm.self, opset: 10, inputs: 2) }
    }

    @Test func rejectsBadShapesAndTypes() {
        SO.fails { _ = try SO.run(Gemm.self, [a, a]) }
        SO.fails { _ = try SO.run(Gemm.self, [a, b, SO.f([3], [1, 2, 3])], flags) }
        SO.fails { _ = try SO.run(Gemm.self, [SO.f([2], [1, 2]), b]) }
        SO.fails { _ = try SO.run(Gemm.self, [SO.i64([1, 2]).reshaped([1, 2]), SO.i64([1, 2]).reshaped([2, 1])]) }
        SO.fails { try SO.make(Gemm.self, inputs: 3, [SO.int("transA", 2)]) }
    }
}

@Suite struct MatMulTests {
    let a = SO.f([2, 2], [1, 2, 3, 4])
    let b = SO.f([2, 2], [5, 6, 7, 8])

    @Test func twoDimensional() throws {
        #expect(try SO.run1(MatMul.self, [a, b]) == SO.f([2, 2], [19, 22, 43, 50]))
    }

    @Test func oneDimensionalOperandsArePromotedAndDropped() throws {
        #expect(try SO.run1(MatMul.self, [SO.f([2], [1, 2]), b]) == SO.f([2], [19, 22]))
        #expect(try SO.run1(MatMul.self, [a, SO.f([2], [5, 6])]) == SO.f([2], [17, 39]))
        #expect(try SO.run1(MatMul.self, [SO.f([2], [1, 2]), SO.f([2], [5, 6])]) == Tensor(scalar: Float(17)))
        let stacked = try SO.run1(MatMul.self, [SO.f([2], [1, 2]), SO.iota([3, 2, 2])])
        #expect(stacked == SO.f([3, 2], [4, 7, 16, 19, 28, 31]))
    }

    @Test func batchedWithBroadcastBatchDimensions() throws {
        // A: [2, 1, 2, 2] holding I and 2I; B: [3, 2, 2]. Output [2, 3, 2, 2] is B_j scaled by 1 or 2.
        let x = SO.f([2, 1, 2, 2], [1, 0, 0, 1, 2, 0, 0, 2])
        let bs: [Float] = [1, 2, 3, 4, 0, 1, 1, 0, 1, 1, 1, 1]
        let y = try SO.run1(MatMul.self, [x, SO.f([3, 2, 2], bs)])
        #expect(y == SO.f([2, 3, 2, 2], bs + bs.map { 2 * $0 }))
    }

    @Test func integerTypes() throws {
        let x = Tensor(shape: [1, 2], scalars: [Int32(2), -3]), w = Tensor(shape: [2, 1], scalars: [Int32(4), 5])
        #expect(try SO.run1(MatMul.self, [x, w]) == Tensor(shape: [1, 1], scalars: [Int32(-7)]))
        let y = try SO.run1(MatMul.self, [SO.i64([1, 2]), SO.i64([3, 4])])
        #expect(y == Tensor(scalar: Int64(11)))
        let d = try SO.run1(MatMul.self, [Tensor(shape: [2], scalars: [0.5, 0.25]),
                                          Tensor(shape: [2], scalars: [2.0, 4.0])])
        #expect(d == Tensor(scalar: 2.0))
    }

    @Test func rejectsMismatches() {
        SO.fails { _ = try SO.run(MatMul.self, [SO.iota([2, 3]), SO.iota([2, 3])]) }
        SO.fails { _ = try SO.run(MatMul.self, [SO.iota([2, 2, 2]), SO.iota([3, 2, 2])]) }
        SO.fails { _ = try SO.run(MatMul.self, [Tensor(scalar: Float(1)), SO.iota([1])]) }
        SO.fails { _ = try SO.run(MatMul.self, [SO.iota([2]), SO.i64([1, 2])]) }
        let flags = Tensor(shape: [1], scalars: [true])
        SO.fails { _ = try SO.run(MatMul.self, [flags, flags]) }
    }
}
