import Testing
@testable import Cnnrt

@Suite struct PadTests {
    let specData = SO.f([3, 2], [1.0, 1.2, 2.3, 3.4, 4.5, 5.7])

    @Test func constantWithValueInput() throws {
        let y = try SO.run1(Pad.self, opset: 11, [SO.f([2, 2], [1, 2, 3, 4]), SO.i64([0, 1, 1, 0]),
                                                  Tensor(scalar: Float(9))])
        #expect(y == SO.f([3, 3], [9, 1, 2, 9, 3, 4, 9, 9, 9]))
        let zeros = try SO.run1(Pad.self, opset: 11, [SO.f([1], [5]), SO.i64([1, 1])])
        #expect(zeros == SO.f([3], [0, 5, 0]))
    }

    @Test func reflectSpecExample() throws {
        let y = try SO.run1(Pad.self, [specData, SO.i64([0, 2, 0, 0])], [SO.string("mode", "reflect")])
        #expect(y == SO.f([3, 4], [1.0, 1.2, 1.0, 1.2, 2.3, 3.4, 2.3, 3.4, 4.5, 5.7, 4.5, 5.7]))
        let line = try SO.run1(Pad.self, [SO.f([3], [1, 2, 3]), SO.i64([2, 2])], [SO.string("mode", "reflect")])
        #expect(line == SO.f([7], [3, 2, 1, 2, 3, 2, 1]))
        // Pads longer than the axis keep reflecting.
        let long = try SO.run1(Pad.self, [SO.f([3], [1, 2, 3]), SO.i64([5, 0])], [SO.string("mode", "reflect")])
        #expect(long == SO.f([8], [2, 1, 2, 3, 2, 1, 2, 3]))
    }

    @Test func edgeSpecExample() throws {
        let y = try SO.run1(Pad.self, [specData, SO.i64([0, 2, 0, 0])], [SO.string("mode", "edge")])
        #expect(y == SO.f([3, 4], [1.0, 1.0, 1.0, 1.2, 2.3, 2.3, 2.3, 3.4, 4.5, 4.5, 4.5, 5.7]))
        let line = try SO.run1(Pad.self, [SO.i64([1, 2, 3]), SO.i64([2, 1])], [SO.string("mode", "edge")])
        #expect(line == SO.i64([1, 1, 1, 2, 3, 3]))
    }

    @Test func wrapFromOpset19() throws {
        let y = try SO.run1(Pad.self, opset: 19, [SO.f([3], [1, 2, 3]), SO.i64([2, 1])], [SO.string("mode", "wrap")])
        #expect(y == SO.f([6], [2, 3, 1, 2, 3, 1]))
        SO.fails { try SO.make(Pad.self, opset: 18, inputs: 2, [SO.string("mode", "wrap")]) }
    }

    @Test func negativePadsCrop() throws {
        let y = try SO.run1(Pad.self, [SO.f([4], [1, 2, 3, 4]), SO.i64([-1, 1])])
        #expect(y == SO.f([4], [2, 3, 4, 0]))
        // Reflection reads the cropped input [2, 3, 4, 5].
        let r = try SO.run1(Pad.self, [SO.f([5], [1, 2, 3, 4, 5]), SO.i64([-1, 2])], [SO.string("mode", "reflect")])
        #expect(r == SO.f([6], [2, 3, 4, 5, 4, 3]))
        SO.fails { _ = try SO.run(Pad.self, [SO.f([2], [1, 2]), SO.i64([-2, -1])]) }
        SO.fails { _ = try SO.run(Pad.self, [SO.f([2], [1, 2]), SO.i64([Int(Int64.min), 0])]) }
    }

    @Test func attributesBeforeOpset11() throws {
        let y = try SO.run1(Pad.self, opset: 2, [SO.f([2], [1, 2])], [SO.ints("pads", [1, 2]), SO.float("value", 7)])
        #expect(y == SO.f([5], [7, 1, 2, 7, 7]))
        // The float value converts to the element type, truncating toward zero.
        let bytes = try SO.run1(Pad.self, opset: 2, [Tensor(shape: [1], scalars: [UInt8(5)])],
                                [SO.ints("pads", [1, 0]), SO.float("value", 2.7)])
        #expect(bytes == Tensor(shape: [2], scalars: [UInt8(2), 5]))
        let legacy = try SO.run1(Pad.self, opset: 1, [SO.f([1], [1])], [SO.ints("paddings", [0, 1])])
        #expect(legacy == SO.f([2], [1, 0]))
        SO.fails { try SO.make(Pad.self, opset: 2) }
    }

    @Test func axesInputFromOpset18() throws {
        let y = try SO.run1(Pad.self, opset: 18, [SO.f([2, 2], [1, 2, 3, 4]), SO.i64([1, 0]), nil, SO.i64([-1])])
        #expect(y == SO.f([2, 3], [0, 1, 2, 0, 3, 4]))
    }

    @Test func rejectsBadArguments() {
        let x = SO.f([2, 2], [1, 2, 3, 4])
        SO.fails { _ = try SO.run(Pad.self, [x, SO.i64([1, 1])]) }
        SO.fails { _ = try SO.run(Pad.self, [x, SO.i64([0, 0, 0, 0]), SO.i64([7]).reshaped([])]) }
        SO.fails { _ = try SO.run(Pad.self, [x, SO.i64([0, 0, 0, 0]), SO.f([2], [1, 2])]) }
        SO.fails { _ = try SO.run(Pad.self, [SO.f([0], []), SO.i64([1, 1])], [SO.string("mode", "edge")]) }
        SO.fails { try SO.make(Pad.self, inputs: 2, [SO.string("mode", "mirror")]) }
    }
}

@Suite struct ConstantTests {
    @Test func valueTensor() throws {
        let t = SO.f([2], [1, 2])
        #expect(try SO.run1(Constant.self, [], [Attribute("value", .tensor(t))]) == t)
    }

    @Test func typedValuesFromOpset12() throws {
        #expect(try SO.run1(Constant.self, opset: 12, [], [SO.float("value_float", 2.5)]) == Tensor(scalar: Float(2.5)))
        #expect(try SO.run1(Constant.self, opset: 12, [], [Attribute("value_floats", .floats([1, 2]))])
                    == SO.f([2], [1, 2]))
        #expect(try SO.run1(Constant.self, opset: 12, [], [SO.int("value_int", -3)]) == Tensor(scalar: Int64(-3)))
        #expect(try SO.run1(Constant.self, opset: 12, [], [SO.ints("value_ints", [4, 5, 6])]) == SO.i64([4, 5, 6]))
        SO.fails { try SO.make(Constant.self, opset: 11, inputs: 0, [SO.float("value_float", 1)]) }
    }

    @Test func rejectsMissingSeveralSparseAndStringValues() {
        SO.fails { try SO.make(Constant.self, inputs: 0) }
        SO.fails { try SO.make(Constant.self, inputs: 0, [SO.int("value_int", 1), SO.float("value_float", 1)]) }
        SO.fails { try SO.make(Constant.self, inputs: 0, [SO.string("value_string", "a")]) }
        SO.fails { try SO.make(Constant.self, inputs: 0, [Attribute("sparse_value", .tensor(SO.f([1], [1])))]) }
    }

    @Test func constantOfShape() throws {
        let sevens = try SO.run1(ConstantOfShape.self, [SO.i64([2, 3])],
                                 [Attribute("value", .tensor(Tensor(shape: [1], scalars: [Int32(7)])))])
        #expect(sevens == Tensor(shape: [2, 3], scalars: [Int32](repeating: 7, count: 6)))
        #expect(try SO.run1(ConstantOfShape.self, [SO.i64([2])]) == SO.f([2], [0, 0]))
        #expect(try SO.run1(ConstantOfShape.self, [SO.i64([])]) == Tensor(scalar: Float(0)))
        #expect(try SO.run1(ConstantOfShape.self, [SO.i64([3, 0])]).shape == [3, 0])
        SO.fails { _ = try SO.run(ConstantOfShape.self, [SO.i64([2, -1])]) }
        SO.fails { try SO.make(ConstantOfShape.self, [Attribute("value", .tensor(SO.f([2], [1, 2])))]) }
    }

    @Test func shapeWithStartAndEnd() throws {
        let x = SO.iota([2, 3, 4])
        #expect(try SO.run1(ShapeOperator.self, [x]) == SO.i64([2, 3, 4]))
        #expect(try SO.run1(ShapeOperator.self, opset: 15, [x], [SO.int("start", 1)]) == SO.i64([3, 4]))
        #expect(try SO.run1(ShapeOperator.self, opset: 15, [x], [SO.int("end", -1)]) == SO.i64([2, 3]))
        #expect(try SO.run1(ShapeOperator.self, opset: 15, [x], [SO.int("start", -10)]) == SO.i64([2, 3, 4]))
        #expect(try SO.run1(ShapeOperator.self, opset: 15, [x], [SO.int("start", 2), SO.int("end", 1)]) == SO.i64([]))
        #expect(try SO.run1(ShapeOperator.self, opset: 14, [x], [SO.int("start", 1)]) == SO.i64([2, 3, 4]))
        #expect(try SO.run1(ShapeOperator.self, [Tensor(scalar: Float(1))]) == SO.i64([]))
    }
}

@Suite struct IndexingTests {
    @Test func gatherAxis0() throws {
        let data = SO.f([3, 2], [1, 2, 3, 4, 5, 6])
        let idx = SO.i64([0, 1, 1, 2]).reshaped([2, 2])
        let y = try SO.run1(Gather.self, [data, idx])
        #expect(y == SO.f([2, 2, 2], [1, 2, 3, 4, 3, 4, 5, 6]))
    }

    @Test func gatherAxis1WithNegativeAndInt32Indices() throws {
        let data = SO.f([2, 3], [1, 2, 3, 4, 5, 6])
        let y = try SO.run1(Gather.self, [data, Tensor(shape: [2], scalars: [Int32(-1), 0])], [SO.int("axis", 1)])
        #expect(y == SO.f([2, 2], [3, 1, 6, 4]))
        let scalar = try SO.run1(Gather.self, [data, Tensor(scalar: Int64(1))], [SO.int("axis", -1)])
        #expect(scalar == SO.f([2], [2, 5]))
    }

    @Test func gatherRejectsBadIndices() {
        let data = SO.f([2, 3], [1, 2, 3, 4, 5, 6])
        SO.fails { _ = try SO.run(Gather.self, [data, SO.i64([2])]) }
        SO.fails { _ = try SO.run(Gather.self, [data, SO.i64([-3])]) }
        SO.fails { _ = try SO.run(Gather.self, [data, SO.f([1], [0])]) }
        SO.fails { try SO.make(Gather.self, opset: 10, inputs: 2, [SO.int("axis", -1)]) }
    }

    @Test func expand() throws {
        let x = SO.f([3, 1], [1, 2, 3])
        let y = try SO.run1(Expand.self, [x, SO.i64([2, 1, 4])])
        #expect(y == SO.f([2, 3, 4], [1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3]))
        #expect(try SO.run1(Expand.self, [x, SO.i64([1])]) == x)
        #expect(try SO.run1(Expand.self, [x, SO.i64([3, 0])]).shape == [3, 0])
        SO.fails { _ = try SO.run(Expand.self, [x, SO.i64([2, 2])]) }
        SO.fails { _ = try SO.run(Expand.self, [x, SO.i64([-1])]) }
        // Far larger than any machine: an error, not an allocation failure.
        SO.fails { _ = try SO.run(Expand.self, [SO.f([1], [1]), SO.i64([1 << 40])]) }
        SO.fails { _ = try SO.run(Expand.self, [SO.f([1], [1]), SO.i64([1 << 32, 1 << 32])]) }
    }

    @Test func tile() throws {
        let x = SO.f([2, 2], [1, 2, 3, 4])
        #expect(try SO.run1(Tile.self, [x, SO.i64([1, 2])]) == SO.f([2, 4], [1, 2, 1, 2, 3, 4, 3, 4]))
        #expect(try SO.run1(Tile.self, [x, SO.i64([2, 1])]) == SO.f([4, 2], [1, 2, 3, 4, 1, 2, 3, 4]))
        #expect(try SO.run1(Tile.self, [x, SO.i64([0, 1])]).shape == [0, 2])
        SO.fails { _ = try SO.run(Tile.self, [x, SO.i64([2])]) }
        SO.fails { _ = try SO.run(Tile.self, [x, SO.i64([1, -1])]) }
        SO.fails { _ = try SO.run(Tile.self, [x, SO.i64([Int(Int64.max), 2])]) }
    }
}
