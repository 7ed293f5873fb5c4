#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import Cnnrt

@Suite struct ElementwiseSoftmaxTests {
    /// [2, 2, 2] holding 0...7.
    static let cube = ewF([2, 2, 2], [0, 1, 2, 3, 4, 5, 6, 7])
    /// softmax([0, 1]) and softmax([0, 2]).
    static let pair1: [Double] = [0.2689414213699951, 0.7310585786300049]
    static let pair2: [Double] = [0.11920292202211755, 0.8807970779778823]
    /// softmax([0, 1, 2, 3]).
    static let quad: [Double] = [0.03205860328008499, 0.08714431874203257, 0.23688281808991013, 0.6439142598879722]

    @Test func opset13NormalizesTheLastAxisByDefault() throws {
        let y = try ewRun1("Softmax", opset: 13, [Self.cube])
        ewExpectClose(y, Self.pair1 + Self.pair1 + Self.pair1 + Self.pair1, shape: [2, 2, 2])
    }

    @Test func opset11CoercesTo2DAtAxis1ByDefault() throws {
        // Rows [0, 1, 2, 3] and [4, 5, 6, 7] are each normalized as a whole: different from opset 13.
        let y = try ewRun1("Softmax", opset: 11, [Self.cube])
        ewExpectClose(y, Self.quad + Self.quad)
        let y13 = try ewRun1("Softmax", opset: 13, [Self.cube])
        #expect(y.floats != y13.floats)
    }

    @Test func explicitAxes() throws {
        // Opset 13, axis 1: pairs (0, 2), (1, 3), (4, 6), (5, 7).
        let y = try ewRun1("Softmax", opset: 13, [Self.cube], attributes: [Attribute("axis", .int(1))])
        let p = Self.pair2
        ewExpectClose(y, [p[0], p[0], p[1], p[1], p[0], p[0], p[1], p[1]])
        // Opset 11, axis 2 (or -1): each row of the trailing block is a pair.
        let old = try ewRun1("Softmax", opset: 11, [Self.cube], attributes: [Attribute("axis", .int(-1))])
        ewExpectClose(old, Self.pair1 + Self.pair1 + Self.pair1 + Self.pair1)
        // Opset 1, axis 0: the whole tensor is one row.
        let all = try ewRun1("Softmax", opset: 1, [ewF([2, 2], [0, 1, 2, 3])],
                             attributes: [Attribute("axis", .int(0))])
        ewExpectClose(all, Self.quad)
    }

    @Test func stableForLargeValues() throws {
        ewExpectClose(try ewRun1("Softmax", [ewF([2], [1000, 1000])]), [0.5, 0.5])
        ewExpectClose(try ewRun1("Softmax", [ewF([2], [-1000, 0])]), [0, 1])
        ewExpectClose(try ewRun1("LogSoftmax", [ewF([2], [-1000, 0])]), [-1000, 0])
    }

    @Test func logSoftmax() throws {
        let y = try ewRun1("LogSoftmax", opset: 13, [Self.cube])
        let logs = Self.pair1.map { log($0) }
        ewExpectClose(y, logs + logs + logs + logs)
        let old = try ewRun1("LogSoftmax", opset: 11, [Self.cube])
        let quadLogs = Self.quad.map { log($0) }
        ewExpectClose(old, quadLogs + quadLogs)
    }

    @Test func otherFloatTypes() throws {
        let half = try ewRun1("Softmax", [Tensor(shape: [2], scalars: [Float16(0), Float16(1)])])
        ewExpectClose(half, Self.pair1, rtol: 1e-3)
        let double = try ewRun1("Softmax", [Tensor(shape: [2], scalars: [0.0, 1.0])])
        ewExpectClose(double, Self.pair1, rtol: 1e-12)
    }

    @Test func rejections() {
        ewExpectError("Softmax", [Self.cube], attributes: [Attribute("axis", .int(3))])
        ewExpectError("Softmax", opset: 11, [Self.cube], attributes: [Attribute("axis", .int(-4))])
        ewExpectError("Softmax", [ewF([], [1])])
        ewExpectError("LogSoftmax", [Tensor(shape: [2], scalars: [Int32(1), 2])])
    }
}
