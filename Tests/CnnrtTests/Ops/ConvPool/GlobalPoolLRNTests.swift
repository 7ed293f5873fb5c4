import Foundation
import Testing
@testable import Cnnrt

@Suite struct GlobalPoolTests {
    typealias T = ConvPoolTest

    @Test func globalAveragePoolPerChannel() throws {
        let y = try T.floats("GlobalAveragePool", [T.iota([2, 2, 2, 2])])
        #expect(y.shape == [2, 2, 1, 1])
        // Planes 0-3, 4-7, 8-11, 12-15.
        #expect(y.values == [1.5, 5.5, 9.5, 13.5])
    }

    @Test func globalMaxPoolPerChannel() throws {
        let x = T.tensor([1, 3, 2, 2], [1, -2, 3, 0, -5, -1, -7, -3, 4, 4, 4, 4])
        let y = try T.floats("GlobalMaxPool", [x])
        #expect(y.shape == [1, 3, 1, 1])
        #expect(y.values == [3, -1, 4])
    }

    @Test(arguments: ["GlobalAveragePool", "GlobalMaxPool"])
    func oneAndThreeSpatialAxes(_ opType: String) throws {
        let y1 = try T.floats(opType, [T.tensor([1, 2, 3], [1, 2, 6, -1, -2, 0])])
        #expect(y1.shape == [1, 2, 1])
        #expect(y1.values == (opType == "GlobalMaxPool" ? [6, 0] : [3, -1]))
        let y3 = try T.floats(opType, [T.iota([1, 1, 2, 3, 2])])
        #expect(y3.shape == [1, 1, 1, 1, 1])
        #expect(y3.values == (opType == "GlobalMaxPool" ? [11] : [5.5]))
    }

    @Test(arguments: ["GlobalAveragePool", "GlobalMaxPool"])
    func rankTwoHasNoSpatialAxes(_ opType: String) throws {
        let y = try T.floats(opType, [T.tensor([2, 2], [1, 2, 3, 4])])
        #expect(y.shape == [2, 2] && y.values == [1, 2, 3, 4])
    }

    @Test func globalMaxPoolPropagatesNaN() throws {
        let y = try T.floats("GlobalMaxPool", [T.tensor([1, 2, 2], [1, .nan, 5, 4])])
        #expect(y.values[0].isNaN && y.values[1] == 5)
    }

    @Test(arguments: [1, 22, OperatorRegistry.newestOpset])
    func otherTypesAndOpsets(_ opset: Int) throws {
        let d = try T.run("GlobalAveragePool", [Tensor(shape: [1, 1, 4], scalars: [1.0, 2, 3, 6])], opset: opset)[0]
        #expect(d.scalars(as: Double.self) == [3])
        let h = try T.run("GlobalMaxPool", [Tensor(shape: [1, 1, 3], scalars: [1, 7, 2].map { Float16($0) })],
                          opset: opset)[0]
        #expect(h.scalars(as: Float16.self) == [7])
    }

    @Test(arguments: ["GlobalAveragePool", "GlobalMaxPool"])
    func rejectsBadInputs(_ opType: String) throws {
        T.expectInvalid { _ = try T.make(opType, inputs: 2) }
        T.expectInvalid { _ = try T.make(opType, outputs: 2) }
        let op = try T.make(opType)
        T.expectInvalid { _ = try op.inferOutputs([TensorInfo(elementType: .float, shape: [4])]) }
        T.expectInvalid { _ = try op.run([Tensor(zeros: .float, shape: [4])]) }
        T.expectInvalid { _ = try op.run([Tensor(zeros: .int64, shape: [1, 1, 4])]) }
    }
}

@Suite struct LRNTests {
    typealias T = ConvPoolTest

    @Test func oddSizeSumsAWindowCenteredOnTheChannel() throws {
        // alpha / size = 1, beta = 1, bias = 1: y = x / (1 + sum of squares over channels c-1...c+1).
        let y = try T.floats("LRN", [T.tensor([1, 3, 1, 1], [1, 2, 3])],
                             [T.int("size", 3), T.float("alpha", 3), T.float("beta", 1), T.float("bias", 1)])
        T.expectClose(y.values, [1.0 / 6, 2.0 / 15, 3.0 / 14])
    }

    @Test func evenSizeLooksOneChannelFurtherAhead() throws {
        // size 2: channels c - floor(1/2) = c ... c + ceil(1/2) = c + 1.
        let y = try T.floats("LRN", [T.tensor([1, 3, 1, 1], [1, 2, 3])],
                             [T.int("size", 2), T.float("alpha", 2), T.float("beta", 1), T.float("bias", 1)])
        T.expectClose(y.values, [1.0 / 6, 2.0 / 14, 3.0 / 10])
    }

    @Test func defaultAttributesOnManyElements() throws {
        let x = T.random([2, 5, 3, 2], seed: 500)
        let y = try T.run("LRN", [x], [T.int("size", 3)])[0]
        #expect(y.shape == x.shape)
        let xv = x.doubles()
        var expected = [Double](repeating: 0, count: xv.count)
        for n in 0..<2 {
            for c in 0..<5 {
                for p in 0..<6 {
                    var squares = 0.0
                    for j in max(0, c - 1)...min(4, c + 1) { squares += pow(xv[(n * 5 + j) * 6 + p], 2) }
                    let v = xv[(n * 5 + c) * 6 + p]
                    expected[(n * 5 + c) * 6 + p] = v / pow(1 + 0.0001 / 3 * squares, 0.75)
                }
            }
        }
        T.expectClose(y.doubles(), expected)
    }

    @Test(arguments: [1, 13, OperatorRegistry.newestOpset])
    func float64AndOpsets(_ opset: Int) throws {
        let y = try T.run("LRN", [Tensor(shape: [1, 2, 1], scalars: [3.0, 4])],
                          [T.int("size", 2), T.float("alpha", 2), T.float("beta", 0.5), T.float("bias", 0)],
                          opset: opset)[0]
        // Channel 0: 3 / sqrt(9 + 16) = 0.6; channel 1: 4 / sqrt(16) = 1.
        T.expectClose(y.scalars(as: Double.self), [0.6, 1])
    }

    static let badAttributes: [[Attribute]] = [
        [],
        [T.int("size", 0)],
        [T.int("size", -3)],
        [T.float("size", 3)],
        [T.int("size", 3), T.float("alpha", .nan)],
        [T.int("size", 3), T.float("beta", .infinity)],
    ]

    @Test(arguments: badAttributes)
    func rejectsBadAttributes(_ attributes: [Attribute]) {
        T.expectInvalid { _ = try T.make("LRN", attributes) }
    }

    @Test func rejectsBadInputs() throws {
        let op = try T.make("LRN", [T.int("size", 3)])
        T.expectInvalid { _ = try op.run([Tensor(zeros: .float, shape: [3])]) }
        T.expectInvalid { _ = try op.run([Tensor(zeros: .int8, shape: [1, 3, 2])]) }
        T.expectInvalid { _ = try op.inferOutputs([TensorInfo(elementType: .uint8, shape: [1, 3, 2])]) }
    }
}
