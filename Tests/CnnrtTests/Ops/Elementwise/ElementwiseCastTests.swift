import Testing
@testable import Cnnrt

@Suite struct ElementwiseCastTests {
    func cast(_ x: Tensor, _ to: ElementType, opset: Int = 13) throws -> Tensor {
        try ewRun1("Cast", opset: opset, [x], attributes: [Attribute("to", .int(Int(to.rawValue)))])
    }

    @Test func floatToIntegerTruncatesTowardZero() throws {
        let y = try cast(ewF([6], [1.9, -1.9, 2.5, -0.5, 100.99, -0.0]), .int32)
        #expect(y.scalars(as: Int32.self) == [1, -1, 2, 0, 100, 0])
        let d = try cast(Tensor(shape: [2], scalars: [1e15 + 0.5, -7.999]), .int64)
        #expect(d.scalars(as: Int64.self) == [1_000_000_000_000_000, -7])
    }

    @Test func nanInfinityAndOutOfRangeHaveDefinedResults() throws {
        let x = ewF([6], [.nan, .infinity, -.infinity, 1e10, -1e10, 3e9])
        #expect(try cast(x, .int32).scalars(as: Int32.self) == [0, .max, .min, .max, .min, .max])
        #expect(try cast(x, .int64).scalars(as: Int64.self) == [0, .max, .min, 10_000_000_000, -10_000_000_000,
                                                                 3_000_000_000])
        #expect(try cast(x, .uint8).scalars(as: UInt8.self) == [0, 255, 0, 255, 0, 255])
        #expect(try cast(ewF([3], [-1.5, 300, 127.9]), .int8).scalars(as: Int8.self) == [-1, 127, 127])
        // Float(Int64.max) rounds up to 2^63, which is out of range.
        #expect(try cast(ewF([2], [9.223372e18, -9.223372e18]), .int64).scalars(as: Int64.self)
            == [.max, .min])
        #expect(try cast(ewF([3], [.nan, 1e6, -1e6]), .float16).scalars(as: Float16.self).map { "\($0)" }
            == ["nan", "inf", "-inf"])
    }

    @Test func integerNarrowingWrapsAndWideningIsExact() throws {
        let x = Tensor(shape: [4], scalars: [Int32(300), -129, 127, -1])
        #expect(try cast(x, .int8).scalars(as: Int8.self) == [44, 127, 127, -1])
        #expect(try cast(x, .uint16).scalars(as: UInt16.self) == [300, 65407, 127, 65535])
        #expect(try cast(x, .int64).scalars(as: Int64.self) == [300, -129, 127, -1])
        let big = Tensor(shape: [1], scalars: [UInt64.max])
        #expect(try cast(big, .int64).scalars(as: Int64.self) == [-1])
        #expect(try cast(big, .double).scalars(as: Double.self) == [18446744073709551615.0])
    }

    @Test func roundTrips() throws {
        let values: [Float] = [0.5, -2, 61440, 0.25, -0.0, 1024]
        let x = ewF([6], values)
        for type in [ElementType.float16, .double, .bfloat16] {
            #expect(try cast(try cast(x, type), .float) == x, "float32 -> \(type) -> float32")
        }
        let ints = Tensor(shape: [4], scalars: [Int32(-7), 0, 123_456, .max])
        #expect(try cast(try cast(ints, .double), .int32) == ints)
        #expect(try cast(try cast(ints, .int64), .int32) == ints)
        let bytes = Tensor(shape: [3], scalars: [UInt8(0), 1, 255])
        for type in [ElementType.int16, .uint32, .float, .float16, .uint64] {
            #expect(try cast(try cast(bytes, type), .uint8) == bytes, "uint8 -> \(type) -> uint8")
        }
    }

    @Test func roundingToSmallerFloats() throws {
        // Round to nearest even: 1 + 2^-8 is halfway between bfloat16 neighbours 1 and 1 + 2^-7.
        let y = try cast(ewF([2], [1.00390625, 1.01171875]), .bfloat16)
        #expect(y.scalars(as: BFloat16.self).map(\.floatValue) == [1, 1.015625])
        let h = try cast(Tensor(shape: [1], scalars: [2049.0]), .float16)
        #expect(h.scalars(as: Float16.self) == [2048])
        #expect(try cast(Tensor(shape: [1], scalars: [Int64(16_777_217)]), .float).floats == [16_777_216])
    }

    @Test func boolConversions() throws {
        let b = try cast(ewF([5], [0, -0.0, 2, .nan, -0.5]), .bool)
        #expect(b.scalars(as: Bool.self) == [false, false, true, true, true])
        let f = try cast(Tensor(shape: [2], scalars: [true, false]), .float)
        #expect(f.floats == [1, 0])
        #expect(try cast(Tensor(shape: [2], scalars: [Int8(-3), 0]), .bool).scalars(as: Bool.self) == [true, false])
        #expect(try cast(Tensor(shape: [1], scalars: [true]), .int64).scalars(as: Int64.self) == [1])
    }

    @Test func sameTypeAndOpset1StringTarget() throws {
        let x = ewF([2], [1.5, 2])
        #expect(try cast(x, .float) == x)
        let y = try ewRun1("Cast", opset: 1, [x], attributes: [Attribute("to", .string("INT32"))])
        #expect(y.scalars(as: Int32.self) == [1, 2])
        let z = try ewRun1("Cast", opset: 19, [x],
                           attributes: [Attribute("to", .int(11)), Attribute("saturate", .int(0))])
        #expect(z.scalars(as: Double.self) == [1.5, 2])
    }

    @Test func unsupportedTypesAreRejectedClearly() throws {
        let x = ewF([1], [1])
        for to in [17, 18, 19, 20, 23, 24] {
            do {
                _ = try ewRun1("Cast", opset: 21, [x], attributes: [Attribute("to", .int(to))])
                Issue.record("cast to \(to) should fail")
            } catch let error as CnnrtError {
                #expect("\(error)".contains("float8") || "\(error)".contains("float4"))
            }
        }
        for to in [0, 8, 14, 21, 22, 99, -1, Int(Int32.max) + 1] {
            ewExpectError("Cast", [x], attributes: [Attribute("to", .int(to))])
        }
        ewExpectError("Cast", [x])
        ewExpectError("Cast", [x], attributes: [Attribute("to", .float(1))])
        ewExpectError("Cast", opset: 1, [x], attributes: [Attribute("to", .string("COMPLEX64"))])
        ewExpectError("Cast", opset: 19, [x], attributes: [Attribute("to", .int(1)), Attribute("saturate", .int(5))])
    }

    @Test func castLike() throws {
        let x = Tensor(shape: [3], scalars: [Int32(1), -2, 3])
        let y = try ewRun1("CastLike", opset: 15, [x, ewF([], [0])])
        #expect(y.elementType == .float && y.floats == [1, -2, 3])
        let z = try ewRun1("CastLike", opset: 19, [ewF([2], [2.7, -0.2]), Tensor(scalar: Int8(0))],
                           attributes: [Attribute("saturate", .int(1))])
        #expect(z.scalars(as: Int8.self) == [2, 0])
        let b = try ewRun1("CastLike", opset: 15, [ewF([2], [0, 3]), Tensor(scalar: false)])
        #expect(b.scalars(as: Bool.self) == [false, true])
        ewExpectError("CastLike", opset: 15, [x])
    }
}
