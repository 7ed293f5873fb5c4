import Testing
@testable import Cnnrt

@Suite struct ElementwiseUnaryMathTests {
    @Test func negAndAbs() throws {
        ewExpectClose(try ewRun1("Neg", [ewF([3], [1, -2.5, 0])]), [-1, 2.5, 0])
        ewExpectClose(try ewRun1("Abs", [ewF([3], [1, -2.5, .nan])]), [1, 2.5, .nan])
        let i8 = Tensor(shape: [3], scalars: [Int8(-128), -3, 5])
        #expect(try ewRun1("Neg", [i8]).scalars(as: Int8.self) == [-128, 3, -5])
        #expect(try ewRun1("Abs", [i8]).scalars(as: Int8.self) == [-128, 3, 5])
        #expect(try ewRun1("Abs", [Tensor(shape: [1], scalars: [UInt16(7)])]).scalars(as: UInt16.self) == [7])
        ewExpectError("Neg", [Tensor(shape: [1], scalars: [true])])
    }

    @Test func sqrtExpLog() throws {
        ewExpectClose(try ewRun1("Sqrt", [ewF([4], [4, 2.25, 0, -1])]), [2, 1.5, 0, .nan])
        ewExpectClose(try ewRun1("Exp", [ewF([3], [0, 1, -1])]), [1, 2.718281828459045, 0.36787944117144233])
        ewExpectClose(try ewRun1("Log", [ewF([4], [1, 2.718281828459045, 0, -1])]), [0, 1, -.infinity, .nan])
        ewExpectClose(try ewRun1("Exp", [Tensor(shape: [1], scalars: [1.0])]), [2.718281828459045], rtol: 1e-15)
    }

    @Test func reciprocalFloorCeil() throws {
        ewExpectClose(try ewRun1("Reciprocal", [ewF([3], [4, -0.5, 0])]), [0.25, -2, .infinity])
        ewExpectClose(try ewRun1("Floor", [ewF([5], [-1.5, 1.5, 2, -0.2, .infinity])]), [-2, 1, 2, -1, .infinity])
        ewExpectClose(try ewRun1("Ceil", [ewF([5], [-1.5, 1.5, 2, -0.2, .nan])]), [-1, 2, 2, 0, .nan])
        let half = try ewRun1("Floor", [Tensor(shape: [1], scalars: [Float16(2.5)])])
        #expect(half.scalars(as: Float16.self) == [2])
    }

    @Test func erf() throws {
        ewExpectClose(try ewRun1("Erf", [ewF([4], [0, 0.5, -1, 4])]),
                      [0, 0.5204998778130465, -0.8427007929497149, 0.9999999845827421])
        ewExpectError("Erf", [Tensor(shape: [1], scalars: [Int32(1)])])
    }

    @Test(arguments: ["Sqrt", "Exp", "Log", "Reciprocal", "Floor", "Ceil", "Erf", "Tanh", "Sigmoid", "Elu",
                      "HardSigmoid", "LeakyRelu"])
    func floatOnlyOpsRejectIntegersAndKeepBFloat16(_ opType: String) throws {
        ewExpectError(opType, [Tensor(shape: [1], scalars: [Int64(1)])])
        let y = try ewRun1(opType, opset: 14, [Tensor(shape: [1], scalars: [BFloat16(1)])])
        #expect(y.elementType == .bfloat16)
    }

    @Test func everyOperatorIsRegistered() {
        let registered = Set(OperatorRegistry.standard.opTypes())
        for op in ["Relu", "LeakyRelu", "PRelu", "Elu", "Sigmoid", "Tanh", "HardSigmoid", "HardSwish", "Clip",
                   "Softmax", "LogSoftmax", "Add", "Sub", "Mul", "Div", "Sum", "Max", "Min", "BatchNormalization",
                   "Dropout", "Cast", "CastLike", "Neg", "Abs", "Sqrt", "Exp", "Log", "Reciprocal", "Floor", "Ceil",
                   "Pow", "Erf"] {
            #expect(registered.contains(op), "\(op) is not registered")
        }
    }
}
