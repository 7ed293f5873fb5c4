import Testing
@testable import Cnnrt

@Suite struct ElementwiseBroadcastTests {
    @Test func addBroadcasts2x1x3With4x1To2x4x3() throws {
        let a = ewF([2, 1, 3], [0, 1, 2, 3, 4, 5])
        let b = ewF([4, 1], [10, 20, 30, 40])
        let y = try ewRun1("Add", [a, b])
        #expect(y.shape == [2, 4, 3])
        // y[i, j, k] = a[i, 0, k] + b[j, 0]
        var expected: [Double] = []
        for i in 0..<2 {
            for j in 0..<4 {
                for k in 0..<3 { expected.append(Double(i * 3 + k) + Double((j + 1) * 10)) }
            }
        }
        ewExpectClose(y, expected)
        #expect(y.floats[0...3] == [10, 11, 12, 20])
    }

    static let shapePairs: [([Int], [Int])] = [
        ([2, 3, 4], [3, 1]), ([1, 3, 1], [2, 1, 4]), ([5], [1]), ([2, 1], [1, 2]),
        ([3, 1, 2, 1], [1, 4, 1, 5]), ([], [3]), ([3], []), ([2, 3], [2, 3]), ([1], [2, 2]),
        ([2, 3, 4, 5], [1, 3, 1, 1]), ([4, 1, 6], [4, 5, 1]), ([2, 0, 3], [1, 3]),
    ]

    /// The fast paths and the strided path against a naive multi-index computation.
    @Test(arguments: shapePairs)
    func subMatchesNaiveBroadcast(_ aShape: [Int], _ bShape: [Int]) throws {
        let aCount = aShape.reduce(1, *), bCount = bShape.reduce(1, *)
        let a = ewF(aShape, (0..<aCount).map { Float($0) * 1.5 })
        let b = ewF(bShape, (0..<bCount).map { Float($0 * $0) - 3 })
        let y = try ewRun1("Sub", [a, b])
        let outShape = try #require(Shape.broadcast(aShape, bShape))
        #expect(y.shape == outShape)
        let expected = ewMultiIndices(outShape).map { index in
            Double(a.floats[ewBroadcastIndex(index, input: aShape)] - b.floats[ewBroadcastIndex(index, input: bShape)])
        }
        ewExpectClose(y, expected)
    }

    @Test func layoutMergesContiguousAxes() {
        // [N, C, H, W] with a per-channel [1, C, 1, 1]: the spatial axes merge into one.
        let layout = BroadcastLayout(output: [2, 3, 4, 5], inputs: [[2, 3, 4, 5], [1, 3, 1, 1]])
        #expect(layout.dims == [2, 3, 20])
        #expect(layout.strides == [[60, 20, 1], [0, 1, 0]])
        // Equal shapes merge completely; size-1 axes are dropped.
        let flat = BroadcastLayout(output: [2, 1, 3], inputs: [[2, 1, 3]])
        #expect(flat.dims == [6])
        let scalar = BroadcastLayout(output: [], inputs: [[]])
        #expect(scalar.dims == [1] && scalar.count == 1)
    }

    @Test func broadcastShapeOfSeveralInputs() {
        #expect(BroadcastLayout.broadcastShape([[3], [2, 1], []]) == [2, 3])
        #expect(BroadcastLayout.broadcastShape([[3], [4]]) == nil)
    }

    @Test func incompatibleShapesAreRejected() {
        ewExpectError("Add", [ewF([2, 3], [1, 2, 3, 4, 5, 6]), ewF([4], [1, 2, 3, 4])])
        ewExpectError("Mul", [ewF([2, 3], [1, 2, 3, 4, 5, 6]), ewF([2], [1, 2])])
    }

    @Test func overflowingBroadcastIsAnErrorNotACrash() {
        // Empty inputs whose broadcast shape [2^40, 2^40, 0] overflows Int while multiplying out.
        let a = Tensor(elementType: .float, shape: [1 << 40, 1, 0], buffer: TensorBuffer(byteCount: 0))
        let b = Tensor(elementType: .float, shape: [1, 1 << 40, 0], buffer: TensorBuffer(byteCount: 0))
        ewExpectError("Add", [a, b])
        ewExpectError("Sum", [a, b])
    }
}
