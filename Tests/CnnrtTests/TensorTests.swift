import Testing
@testable import Cnnrt

@Test func tensorCopyOnWrite() {
    let a = Tensor(shape: [2, 2], scalars: [Float(1), 2, 3, 4])
    var b = a
    b.withUnsafeMutableBufferPointer(as: Float.self) { $0[0] = 9 }
    #expect(a.floats == [1, 2, 3, 4])
    #expect(b.floats == [9, 2, 3, 4])
}

@Test func shapeArithmeticRejectsOverflowAndNegatives() {
    #expect(Shape.elementCount([2, 3, 4]) == 24)
    #expect(Shape.elementCount([-1, 3]) == nil)
    #expect(Shape.elementCount([Int.max, 2]) == nil)
    #expect(Shape.byteCount([Int.max / 2], elementType: .float) == nil)
    #expect(Shape.broadcast([2, 1, 3], [4, 1]) == [2, 4, 3])
    #expect(Shape.broadcast([2, 3], [4]) == nil)
}
