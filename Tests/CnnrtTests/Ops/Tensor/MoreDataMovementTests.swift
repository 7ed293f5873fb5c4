import Testing
@testable import Cnnrt

@Suite struct MoreDataMovementTests {
    private func i32(_ values: [Int32]) -> Tensor { Tensor(shape: [values.count], scalars: values) }

    /// RangeOperator on three scalars.
    private func range<T: TensorScalar>(_ start: T, _ limit: T, _ delta: T) throws -> Tensor {
        try SO.run1(RangeOperator.self, [Tensor(scalar: start), Tensor(scalar: limit), Tensor(scalar: delta)])
    }

    @Test func rangeAndSize() throws {
        #expect(try range(Float(1), 5, 1.5) == SO.f([3], [1, 2.5, 4]))
        #expect(try range(Int32(10), 4, -3) == i32([10, 7]))
        #expect(try range(Int64(0), 10, 3) == SO.i64([0, 3, 6, 9]))
        #expect(try range(5.0, 1, 1).shape == [0])
        SO.fails { _ = try range(Int32(0), 4, 0) }
        SO.fails { _ = try range(UInt8(0), 4, 1) }
        SO.fails { try SO.make(RangeOperator.self, inputs: 3, [SO.int("stash_type", 10)]) }
        // Hostile lengths are errors, not traps or huge allocations.
        SO.fails { _ = try range(Float(0), 1e30, 1e-30) }
        SO.fails { _ = try range(Int64(0), .min, -1) }
        SO.fails { _ = try range(Float(0), 1, .nan) }
        #expect(try range(Float(0), -3e38, 1e-38).shape == [0])
        SO.fails {
            let mixed = [Tensor(scalar: Int32(0)), Tensor(scalar: Int64(4)), Tensor(scalar: Int32(1))]
            _ = try SO.run1(RangeOperator.self, mixed)
        }
        let size = try SO.run1(Size.self, [SO.iota([2, 3])])
        #expect(size == Tensor(scalar: Int64(6)))
        let info = try SO.make(Size.self).inferOutputs([TensorInfo(elementType: .float, shape: [4, 5])])
        #expect(info[0].value == Tensor(scalar: Int64(20)))
    }

    @Test func depthToSpaceModes() throws {
        let x = SO.iota([1, 8, 1, 1])
        let dcr = try SO.run1(DepthToSpace.self, [x], [SO.int("blocksize", 2)])
        #expect(dcr == SO.f([1, 2, 2, 2], [0, 2, 4, 6, 1, 3, 5, 7]))
        let crd = try SO.run1(DepthToSpace.self, [x], [SO.int("blocksize", 2), SO.string("mode", "CRD")])
        #expect(crd == SO.f([1, 2, 2, 2], [0, 1, 2, 3, 4, 5, 6, 7]))
        // A 2 x 2 spatial input: output row 2*h + bh, column 2*w + bw.
        let wide = try SO.run1(DepthToSpace.self, [SO.iota([1, 4, 1, 2])], [SO.int("blocksize", 2)])
        #expect(wide == SO.f([1, 1, 2, 4], [0, 2, 1, 3, 4, 6, 5, 7]))
        SO.fails { _ = try SO.run1(DepthToSpace.self, [SO.iota([1, 6, 1, 1])], [SO.int("blocksize", 2)]) }
        SO.fails { try SO.make(DepthToSpace.self, opset: 10, [SO.int("blocksize", 2), SO.string("mode", "CRD")]) }
        SO.fails { try SO.make(DepthToSpace.self, [SO.int("blocksize", 0)]) }
        SO.fails { try SO.make(DepthToSpace.self, [SO.int("blocksize", 2), SO.string("mode", "XYZ")]) }
        SO.fails { try SO.make(SpaceToDepth.self) }
        SO.fails { _ = try SO.run1(DepthToSpace.self, [SO.iota([4, 1, 1])], [SO.int("blocksize", 2)]) }
    }

    @Test func spaceToDepthModes() throws {
        let x = SO.iota([1, 2, 2, 2])
        let dcr = try SO.run1(SpaceToDepth.self, [x], [SO.int("blocksize", 2)])
        #expect(dcr == SO.f([1, 8, 1, 1], [0, 4, 1, 5, 2, 6, 3, 7]))
        let crd = try SO.run1(SpaceToDepth.self, opset: 28, [x], [SO.int("blocksize", 2), SO.string("mode", "CRD")])
        #expect(crd == SO.f([1, 8, 1, 1], [0, 1, 2, 3, 4, 5, 6, 7]))
        // DepthToSpace (DCR) undoes SpaceToDepth (DCR).
        let big = SO.iota([2, 3, 4, 6])
        let there = try SO.run1(SpaceToDepth.self, [big], [SO.int("blocksize", 2)])
        #expect(try SO.run1(DepthToSpace.self, [there], [SO.int("blocksize", 2)]) == big)
        SO.fails { _ = try SO.run1(SpaceToDepth.self, [SO.iota([1, 1, 3, 2])], [SO.int("blocksize", 2)]) }
        SO.fails { try SO.make(SpaceToDepth.self, opset: 13, [SO.int("blocksize", 2), SO.string("mode", "CRD")]) }
    }

    @Test func gatherElements() throws {
        let data = SO.f([2, 2], [1, 2, 3, 4])
        let y = try SO.run1(GatherElements.self, [data, SO.i64([0, 0, 1, 0]).reshaped([2, 2])], [SO.int("axis", 1)])
        #expect(y == SO.f([2, 2], [1, 1, 4, 3]))
        let z = try SO.run1(GatherElements.self, [data, i32([1, 0, 0, -1]).reshaped([2, 2])])
        #expect(z == SO.f([2, 2], [3, 2, 1, 4]))
        // Fewer indices than data along the other axis.
        let row = try SO.run1(GatherElements.self, [data, SO.i64([1, 0]).reshaped([1, 2])])
        #expect(row == SO.f([1, 2], [3, 2]))
        SO.fails { _ = try SO.run1(GatherElements.self, [data, SO.i64([2, 0, 0, 0]).reshaped([2, 2])]) }
        SO.fails { _ = try SO.run1(GatherElements.self, [data, SO.i64([0, 0])]) }
        SO.fails { _ = try SO.run1(GatherElements.self, [data, SO.f([2, 2], [0, 0, 0, 0])]) }
    }

    @Test func gatherND() throws {
        let data = SO.f([2, 2], [0, 1, 2, 3])
        #expect(try SO.run1(GatherND.self, [data, SO.i64([0, 0, 1, 1]).reshaped([2, 2])]) == SO.f([2], [0, 3]))
        #expect(try SO.run1(GatherND.self, [data, SO.i64([1, 0]).reshaped([2, 1])]) == SO.f([2, 2], [2, 3, 0, 1]))
        let batched = try SO.run1(GatherND.self, [SO.iota([2, 2, 2]), SO.i64([1, 0]).reshaped([2, 1])],
                                  [SO.int("batch_dims", 1)])
        #expect(batched == SO.f([2, 2], [2, 3, 4, 5]))
        #expect(try SO.run1(GatherND.self, [data, SO.i64([-1, 0]).reshaped([1, 2])]) == SO.f([1], [2]))
        SO.fails { _ = try SO.run1(GatherND.self, [data, SO.i64([2, 0]).reshaped([1, 2])]) }
        SO.fails { _ = try SO.run1(GatherND.self, [data, SO.i64([0, 0, 0]).reshaped([1, 3])]) }
        SO.fails { try SO.make(GatherND.self, opset: 11, inputs: 2, [SO.int("batch_dims", 1)]) }
        SO.fails { try SO.make(GatherND.self, inputs: 2, [SO.int("batch_dims", -1)]) }
        SO.fails { _ = try SO.run1(GatherND.self, [SO.iota([2, 2]), SO.i64([0, 0, 0]).reshaped([3, 1])],
                                   [SO.int("batch_dims", 1)]) }
    }

    @Test func scatterElements() throws {
        // The ONNX example.
        let data = SO.f([3, 3], [Float](repeating: 0, count: 9))
        let indices = SO.i64([1, 0, 2, 0, 2, 1]).reshaped([2, 3])
        let updates = SO.f([2, 3], [1, 1.1, 1.2, 2, 2.1, 2.2])
        let y = try SO.run1(ScatterElements.self, [data, indices, updates])
        #expect(y == SO.f([3, 3], [2, 1.1, 0, 1, 0, 2.2, 0, 2.1, 1.2]))
        // Duplicate indices: none keeps the last, the reductions combine.
        let base = SO.f([3], [1, 2, 3]), twice = SO.i64([1, 1]), values = SO.f([2], [1.5, 4])
        #expect(try SO.run1(ScatterElements.self, [base, twice, values]) == SO.f([3], [1, 4, 3]))
        let cases: [(String, Float)] = [("add", 7.5), ("mul", 12), ("max", 4), ("min", 1.5)]
        for (reduction, expected) in cases {
            let r = try SO.run1(ScatterElements.self, [base, twice, values], [SO.string("reduction", reduction)])
            #expect(r == SO.f([3], [1, expected, 3]))
        }
        let negative = try SO.run1(ScatterElements.self, [base, SO.i64([-1]), SO.f([1], [9])])
        #expect(negative == SO.f([3], [1, 2, 9]))
        let scatter = try SO.run1(Scatter.self, opset: 10, [base, SO.i64([0]), SO.f([1], [9])])
        #expect(scatter == SO.f([3], [9, 2, 3]))
    }

    @Test func scatterElementsRejects() {
        let base = SO.f([3], [1, 2, 3])
        SO.fails { try SO.make(ScatterElements.self, opset: 16, inputs: 3, [SO.string("reduction", "max")]) }
        SO.fails { try SO.make(ScatterElements.self, opset: 13, inputs: 3, [SO.string("reduction", "add")]) }
        SO.fails { try SO.make(ScatterElements.self, opset: 18, inputs: 3, [SO.string("reduction", "sub")]) }
        SO.fails { _ = try SO.run1(ScatterElements.self, [base, SO.i64([3]), SO.f([1], [9])]) }
        SO.fails { _ = try SO.run1(ScatterElements.self, [base, SO.i64([0, 1]), SO.f([1], [9])]) }
        SO.fails { _ = try SO.run1(ScatterElements.self, [base, SO.i64([0]), Tensor(shape: [1], scalars: [9.0])]) }
        SO.fails { try SO.make(Scatter.self, opset: 10, inputs: 3, [SO.string("reduction", "add")]) }
    }

    @Test func scatterND() throws {
        let data = SO.f([8], [1, 2, 3, 4, 5, 6, 7, 8])
        let indices = SO.i64([4, 3, 1, 7]).reshaped([4, 1])
        let y = try SO.run1(ScatterND.self, [data, indices, SO.f([4], [9, 10, 11, 12])])
        #expect(y == SO.f([8], [1, 11, 3, 10, 9, 6, 7, 12]))
        let twice = SO.i64([1, 1]).reshaped([2, 1])
        let add = try SO.run1(ScatterND.self, [data, twice, SO.f([2], [10, 20])], [SO.string("reduction", "add")])
        #expect(add == SO.f([8], [1, 32, 3, 4, 5, 6, 7, 8]))
        let rows = try SO.run1(ScatterND.self, [SO.f([2, 2], [0, 0, 0, 0]), SO.i64([1]).reshaped([1, 1]),
                                                SO.f([1, 2], [5, 6])])
        #expect(rows == SO.f([2, 2], [0, 0, 5, 6]))
        SO.fails { _ = try SO.run1(ScatterND.self, [data, indices, SO.f([3], [9, 10, 11])]) }
        SO.fails { _ = try SO.run1(ScatterND.self, [data, SO.i64([8]).reshaped([1, 1]), SO.f([1], [9])]) }
        SO.fails { try SO.make(ScatterND.self, opset: 15, inputs: 3, [SO.string("reduction", "mul")]) }
    }

    @Test func topK() throws {
        let x = SO.iota([3, 4])
        let out = try SO.run(TopK.self, [x, SO.i64([3])], outputs: 2)
        #expect(out[0] == SO.f([3, 3], [3, 2, 1, 7, 6, 5, 11, 10, 9]))
        #expect(out[1] == SO.i64([3, 2, 1, 3, 2, 1, 3, 2, 1]).reshaped([3, 3]))
        let smallest = try SO.run(TopK.self, [x, SO.i64([2])], [SO.int("largest", 0), SO.int("axis", 0)], outputs: 2)
        #expect(smallest[0] == SO.f([2, 4], [0, 1, 2, 3, 4, 5, 6, 7]))
        // Ties keep the lower index first; NaN is the largest.
        let ties = SO.f([4], [1, 3, 3, 2])
        let top = try SO.run(TopK.self, [ties, SO.i64([2])], outputs: 2)
        #expect(top[0] == SO.f([2], [3, 3]) && top[1] == SO.i64([1, 2]))
        let low = try SO.run(TopK.self, [ties, SO.i64([2])], [SO.int("largest", 0)], outputs: 2)
        #expect(low[0] == SO.f([2], [1, 2]) && low[1] == SO.i64([0, 3]))
        let nan = try SO.run(TopK.self, [SO.f([3], [1, .nan, 2]), SO.i64([2])], outputs: 2)
        #expect(nan[1] == SO.i64([1, 2]))
        let old = try SO.run(TopK.self, opset: 1, [SO.f([3], [5, 9, 7])], [SO.int("k", 1)], outputs: 2)
        #expect(old[0] == SO.f([1], [9]) && old[1] == SO.i64([1]))
        let big = try SO.run(TopK.self, [Tensor(shape: [2], scalars: [UInt64.max - 1, UInt64.max]), SO.i64([1])],
                             outputs: 2)
        #expect(big[0] == Tensor(shape: [1], scalars: [UInt64.max]))
        SO.fails { _ = try SO.run(TopK.self, [x, SO.i64([5])], outputs: 2) }
        SO.fails { try SO.make(TopK.self, opset: 10, inputs: 2, outputs: 2, [SO.int("largest", 0)]) }
        SO.fails { try SO.make(TopK.self, opset: 1, outputs: 2) }
        SO.fails { try SO.make(TopK.self, inputs: 2, outputs: 2, [SO.int("sorted", 2)]) }
        SO.fails { _ = try SO.run(TopK.self, [x, SO.i64([-1])], outputs: 2) }
    }

    @Test func oneHot() throws {
        let indices = SO.i64([0, 2, -1, 5])
        let y = try SO.run1(OneHot.self, [indices, SO.i64([3]), SO.f([2], [0, 1])])
        #expect(y == SO.f([4, 3], [1, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0]))
        let axis0 = try SO.run1(OneHot.self, [indices, Tensor(scalar: Float(3)), SO.i64([-1, 7])], [SO.int("axis", 0)])
        #expect(axis0 == SO.i64([7, -1, -1, -1, -1, -1, -1, -1, -1, 7, 7, -1]).reshaped([3, 4]))
        let floats = try SO.run1(OneHot.self, [SO.f([1], [1.7]), SO.i64([2]), SO.f([2], [0, 1])])
        #expect(floats == SO.f([1, 2], [0, 1]))
        SO.fails { _ = try SO.run1(OneHot.self, [indices, SO.i64([0]), SO.f([2], [0, 1])]) }
        SO.fails { _ = try SO.run1(OneHot.self, [indices, SO.i64([3]), SO.f([3], [0, 1, 2])]) }
        SO.fails { _ = try SO.run1(OneHot.self, [indices, SO.i64([3]), SO.f([2], [0, 1])], [SO.int("axis", 3)]) }
    }

    @Test func trilu() throws {
        let x = SO.f([3, 3], [1, 2, 3, 4, 5, 6, 7, 8, 9])
        #expect(try SO.run1(Trilu.self, [x]) == SO.f([3, 3], [1, 2, 3, 0, 5, 6, 0, 0, 9]))
        #expect(try SO.run1(Trilu.self, [x], [SO.int("upper", 0)]) == SO.f([3, 3], [1, 0, 0, 4, 5, 0, 7, 8, 9]))
        #expect(try SO.run1(Trilu.self, [x, Tensor(scalar: Int64(1))]) == SO.f([3, 3], [0, 2, 3, 0, 0, 6, 0, 0, 0]))
        #expect(try SO.run1(Trilu.self, [x, Tensor(scalar: Int64(-1))], [SO.int("upper", 0)])
                    == SO.f([3, 3], [0, 0, 0, 4, 0, 0, 7, 8, 0]))
        let batched = try SO.run1(Trilu.self, [Tensor(shape: [2, 2, 2], scalars: [Bool](repeating: true, count: 8))])
        #expect(batched.scalars(as: Bool.self) == [true, true, false, true, true, true, false, true])
        SO.fails { _ = try SO.run1(Trilu.self, [x, SO.i64([0, 1])]) }
        SO.fails { _ = try SO.run1(Trilu.self, [SO.f([3], [1, 2, 3])]) }
        SO.fails { try SO.make(Trilu.self, [SO.int("upper", 2)]) }
    }

    @Test func cumSum() throws {
        let x = SO.f([4], [1, 2, 3, 4])
        let axis = Tensor(scalar: Int64(0))
        #expect(try SO.run1(CumSum.self, [x, axis]) == SO.f([4], [1, 3, 6, 10]))
        #expect(try SO.run1(CumSum.self, [x, axis], [SO.int("exclusive", 1)]) == SO.f([4], [0, 1, 3, 6]))
        #expect(try SO.run1(CumSum.self, [x, axis], [SO.int("reverse", 1)]) == SO.f([4], [10, 9, 7, 4]))
        #expect(try SO.run1(CumSum.self, [x, axis], [SO.int("reverse", 1), SO.int("exclusive", 1)])
                    == SO.f([4], [9, 7, 4, 0]))
        let m = Tensor(shape: [2, 3], scalars: [Int32(1), 2, 3, 4, 5, 6])
        #expect(try SO.run1(CumSum.self, [m, Tensor(scalar: Int32(-1))])
                    == Tensor(shape: [2, 3], scalars: [Int32(1), 3, 6, 4, 9, 15]))
        #expect(try SO.run1(CumSum.self, [m, Tensor(scalar: Int32(0))])
                    == Tensor(shape: [2, 3], scalars: [Int32(1), 2, 3, 5, 7, 9]))
        SO.fails { _ = try SO.run1(CumSum.self, [x, Tensor(scalar: Float(0))]) }
        SO.fails { _ = try SO.run1(CumSum.self, [x, Tensor(scalar: Int64(1))]) }
        SO.fails { try SO.make(CumSum.self, inputs: 2, [SO.int("exclusive", 2)]) }
    }

    @Test func centerCropPad() throws {
        let x = SO.iota([3, 4])
        #expect(try SO.run1(CenterCropPad.self, [x, SO.i64([2, 2])]) == SO.f([2, 2], [1, 2, 5, 6]))
        #expect(try SO.run1(CenterCropPad.self, [SO.f([1, 2], [1, 2]), SO.i64([1, 5])])
                    == SO.f([1, 5], [0, 1, 2, 0, 0]))
        let last = try SO.run1(CenterCropPad.self, [SO.iota([2, 3]), SO.i64([1])], [SO.ints("axes", [-1])])
        #expect(last == SO.f([2, 1], [1, 4]))
        let both = try SO.run1(CenterCropPad.self, [x, SO.i64([5, 1])])
        #expect(both == SO.f([5, 1], [0, 1, 5, 9, 0]))
        SO.fails { _ = try SO.run1(CenterCropPad.self, [x, SO.i64([2])]) }
        SO.fails { _ = try SO.run1(CenterCropPad.self, [x, SO.i64([2, -1])]) }
        SO.fails { _ = try SO.run1(CenterCropPad.self, [x, SO.i64([2, 2])], [SO.ints("axes", [0, -2])]) }
    }

    @Test func eyeLike() throws {
        let square = SO.f([3, 3], [Float](repeating: 5, count: 9))
        #expect(try SO.run1(EyeLike.self, [square]) == SO.f([3, 3], [1, 0, 0, 0, 1, 0, 0, 0, 1]))
        #expect(try SO.run1(EyeLike.self, [square], [SO.int("k", 1)]) == SO.f([3, 3], [0, 1, 0, 0, 0, 1, 0, 0, 0]))
        let ints = try SO.run1(EyeLike.self, [SO.f([2, 3], [0, 0, 0, 0, 0, 0])], [SO.int("k", -1), SO.int("dtype", 6)])
        #expect(ints == Tensor(shape: [2, 3], scalars: [Int32(0), 0, 0, 1, 0, 0]))
        SO.fails { _ = try SO.run1(EyeLike.self, [SO.f([2], [0, 0])]) }
        SO.fails { try SO.make(EyeLike.self, [SO.int("dtype", 8)]) }
    }
}
