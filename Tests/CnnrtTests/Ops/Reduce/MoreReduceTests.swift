import Testing
import Foundation
@testable import Cnnrt

@Suite struct MoreReduceTests {
    let x = SO.f([3, 2], [1, 2, 3, 4, 5, 6])

    @Test func minAndProd() throws {
        #expect(try SO.run1(ReduceMin.self, [x, SO.i64([1])]) == SO.f([3, 1], [1, 3, 5]))
        #expect(try SO.run1(ReduceMin.self, opset: 13, [x], [SO.ints("axes", [0]), SO.int("keepdims", 0)])
                    == SO.f([2], [1, 2]))
        #expect(try SO.run1(ReduceMin.self, [SO.f([3], [1, .nan, -3])]).floats[0].isNaN)
        let ints = Tensor(shape: [2, 2], scalars: [Int32(-5), -7, 3, -1])
        #expect(try SO.run1(ReduceMin.self, [ints, SO.i64([1])]) == Tensor(shape: [2, 1], scalars: [Int32(-7), -1]))
        let flags = Tensor(shape: [2, 2], scalars: [true, false, true, true])
        #expect(try SO.run1(ReduceMin.self, [flags, SO.i64([1])], [SO.int("keepdims", 0)])
                    == Tensor(shape: [2], scalars: [false, true]))
        #expect(try SO.run1(ReduceProd.self, [x, SO.i64([0])]) == SO.f([1, 2], [15, 48]))
        // Integer products wrap.
        let bytes = Tensor(shape: [2], scalars: [Int8(16), 16])
        #expect(try SO.run1(ReduceProd.self, [bytes]) == Tensor(shape: [1], scalars: [Int8(0)]))
        SO.fails { _ = try SO.run1(ReduceProd.self, [flags]) }
    }

    @Test func normsAndSquares() throws {
        let v = SO.f([3], [-1, 2, -3])
        #expect(try SO.run1(ReduceL1.self, [v]) == SO.f([1], [6]))
        #expect(try SO.run1(ReduceL2.self, [SO.f([2], [3, -4])]) == SO.f([1], [5]))
        #expect(try SO.run1(ReduceSumSquare.self, [SO.f([2], [3, -4])]) == SO.f([1], [25]))
        #expect(try SO.run1(ReduceSumSquare.self, opset: 13, [x], [SO.ints("axes", [1])]) == SO.f([3, 1], [5, 25, 61]))
        let ints = Tensor(shape: [2], scalars: [Int32(3), -4])
        #expect(try SO.run1(ReduceL2.self, [ints]) == Tensor(shape: [1], scalars: [Int32(5)]))
        #expect(try SO.run1(ReduceL1.self, [ints]) == Tensor(shape: [1], scalars: [Int32(7)]))
    }

    @Test func logarithmicReductions() throws {
        #expect(SO.close(try SO.run1(ReduceLogSum.self, [SO.f([2], [1, Float(M_E - 1)])]), [1]))
        #expect(SO.close(try SO.run1(ReduceLogSumExp.self, [SO.f([2], [0, Float(log(3.0))])]), [1.3862943611198906]))
        // The maximum is subtracted first: no overflow for large inputs.
        #expect(SO.close(try SO.run1(ReduceLogSumExp.self, [SO.f([2], [1000, 1000])]), [1000.6931471805599]))
        let d = try SO.run1(ReduceLogSumExp.self, opset: 13, [Tensor(shape: [2, 2], scalars: [0.0, 0, 1, 1])],
                            [SO.ints("axes", [1]), SO.int("keepdims", 0)])
        #expect(SO.close(d, [log(2.0), 1 + log(2.0)], shape: [2]))
        #expect(try SO.run1(ReduceLogSumExp.self, [SO.f([2], [-.infinity, -.infinity])]) == SO.f([1], [-.infinity]))
    }

    @Test func emptyGroups() throws {
        let empty = SO.f([0, 2], [])
        let axis = SO.i64([0])
        #expect(try SO.run1(ReduceMin.self, [empty, axis]) == SO.f([1, 2], [.infinity, .infinity]))
        #expect(try SO.run1(ReduceProd.self, [empty, axis]) == SO.f([1, 2], [1, 1]))
        #expect(try SO.run1(ReduceL1.self, [empty, axis]) == SO.f([1, 2], [0, 0]))
        #expect(try SO.run1(ReduceL2.self, [empty, axis]) == SO.f([1, 2], [0, 0]))
        #expect(try SO.run1(ReduceSumSquare.self, [empty, axis]) == SO.f([1, 2], [0, 0]))
        #expect(try SO.run1(ReduceLogSum.self, [empty, axis]) == SO.f([1, 2], [-.infinity, -.infinity]))
        #expect(try SO.run1(ReduceLogSumExp.self, [empty, axis]) == SO.f([1, 2], [-.infinity, -.infinity]))
    }

    @Test func axesAttributeOrInputByOpset() throws {
        SO.fails { try SO.make(ReduceL1.self, opset: 18, [SO.ints("axes", [0])]) }
        SO.fails { try SO.make(ReduceProd.self, opset: 17, inputs: 2) }
        SO.fails { _ = try SO.run1(ReduceMin.self, opset: 17, [x], [SO.ints("axes", [2])]) }
        SO.fails { _ = try SO.run1(ReduceMin.self, opset: 10, [x], [SO.ints("axes", [-1])]) }
        #expect(try SO.run1(ReduceL2.self, [x], [SO.int("noop_with_empty_axes", 1)]) == x)
    }

    @Test func argMaxAndArgMin() throws {
        let m = SO.f([2, 3], [1, 5, 5, 7, 2, 7])
        #expect(try SO.run1(ArgMax.self, opset: 13, [m], [SO.int("axis", 1)])
                    == Tensor(shape: [2, 1], scalars: [Int64(1), 0]))
        #expect(try SO.run1(ArgMax.self, opset: 13, [m], [SO.int("axis", -1), SO.int("select_last_index", 1),
                                                           SO.int("keepdims", 0)])
                    == Tensor(shape: [2], scalars: [Int64(2), 2]))
        #expect(try SO.run1(ArgMin.self, opset: 13, [m]) == Tensor(shape: [1, 3], scalars: [Int64(0), 1, 0]))
        // NaN wins both; integers compare exactly (these two differ by one ulp of a double).
        let nan = SO.f([3], [1, .nan, 3])
        #expect(try SO.run1(ArgMax.self, opset: 13, [nan]) == Tensor(shape: [1], scalars: [Int64(1)]))
        #expect(try SO.run1(ArgMin.self, opset: 13, [nan]) == Tensor(shape: [1], scalars: [Int64(1)]))
        let big = Tensor(shape: [2], scalars: [Int64.max, Int64.max - 1])
        #expect(try SO.run1(ArgMin.self, opset: 13, [big]) == Tensor(shape: [1], scalars: [Int64(1)]))
    }

    @Test func argRejects() {
        SO.fails { try SO.make(ArgMax.self, opset: 11, [SO.int("select_last_index", 1)]) }
        SO.fails { _ = try SO.run1(ArgMax.self, opset: 10, [SO.f([2], [1, 2])], [SO.int("axis", -1)]) }
        SO.fails { _ = try SO.run1(ArgMin.self, opset: 13, [SO.f([2], [1, 2])], [SO.int("axis", 1)]) }
        SO.fails { _ = try SO.run1(ArgMin.self, opset: 13, [SO.f([0, 2], [])]) }
        SO.fails { _ = try SO.run1(ArgMax.self, opset: 13, [Tensor(shape: [1], scalars: [true])]) }
        SO.fails { try SO.make(ArgMax.self, opset: 13, [SO.int("keepdims", 2)]) }
    }
}
