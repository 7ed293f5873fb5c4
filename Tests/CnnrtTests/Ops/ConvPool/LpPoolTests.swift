import Testing
@testable import Cnnrt

@Suite struct LpPoolTests {
    let x = SO.f([1, 1, 2, 2], [1, 2, 3, 4])

    @Test func lpPoolNorms() throws {
        let two = try SO.run1(LpPool.self, opset: 18, [x], [SO.ints("kernel_shape", [2, 2])])
        #expect(SO.close(two, [5.477225575051661], shape: [1, 1, 1, 1]))
        let one = try SO.run1(LpPool.self, opset: 18, [x], [SO.ints("kernel_shape", [2, 2]), SO.int("p", 1)])
        #expect(SO.close(one, [10]))
        let three = try SO.run1(LpPool.self, opset: 18, [x], [SO.ints("kernel_shape", [1, 2]), SO.int("p", 3)])
        #expect(SO.close(three, [2.080083823051904, 4.497941445275415], shape: [1, 1, 2, 1]))
        // Absolute values; a float p in opset 1.
        let negative = try SO.run1(LpPool.self, opset: 1, [SO.f([1, 1, 2], [-3, 4])],
                                   [SO.ints("kernel_shape", [2]), SO.float("p", 2)])
        #expect(SO.close(negative, [5]))
    }

    @Test func lpPoolPaddingStridesDilations() throws {
        // Padding adds nothing: a 1-D [3, 4] padded by 1 with kernel 2 gives windows [0,3], [3,4], [4,0].
        let padded = try SO.run1(LpPool.self, opset: 18, [SO.f([1, 1, 2], [3, 4])],
                                 [SO.ints("kernel_shape", [2]), SO.ints("pads", [1, 1])])
        #expect(SO.close(padded, [3, 5, 4], shape: [1, 1, 3]))
        let strided = try SO.run1(LpPool.self, opset: 18, [SO.f([1, 1, 4], [1, 1, 2, 2])],
                                  [SO.ints("kernel_shape", [2]), SO.ints("strides", [2]), SO.int("p", 1)])
        #expect(SO.close(strided, [2, 4], shape: [1, 1, 2]))
        let dilated = try SO.run1(LpPool.self, opset: 18, [SO.f([1, 1, 3], [3, 9, 4])],
                                  [SO.ints("kernel_shape", [2]), SO.ints("dilations", [2])])
        #expect(SO.close(dilated, [5], shape: [1, 1, 1]))
        let same = try SO.run1(LpPool.self, opset: 18, [SO.f([1, 1, 3], [3, 4, 12])],
                               [SO.ints("kernel_shape", [2]), SO.string("auto_pad", "SAME_UPPER")])
        #expect(SO.close(same, [5, 12.649110640673518, 12], shape: [1, 1, 3]))
    }

    @Test func globalLpPool() throws {
        #expect(SO.close(try SO.run1(GlobalLpPool.self, [x]), [5.477225575051661], shape: [1, 1, 1, 1]))
        #expect(SO.close(try SO.run1(GlobalLpPool.self, [x], [SO.int("p", 1)]), [10]))
        let half = try SO.run1(GlobalLpPool.self, [Tensor(shape: [1, 2, 1], scalars: [Float16(3), Float16(-4)])])
        #expect(half.scalars(as: Float16.self) == [3, 4])
        SO.fails { _ = try SO.run1(GlobalLpPool.self, [SO.f([2], [1, 2])]) }
        SO.fails { _ = try SO.run1(GlobalLpPool.self, [Tensor(shape: [1, 1, 1], scalars: [Int32(1)])]) }
    }

    @Test func lpPoolRejects() {
        SO.fails { try SO.make(LpPool.self, opset: 18) }
        SO.fails { try SO.make(LpPool.self, opset: 18, [SO.ints("kernel_shape", [2]), SO.int("p", 0)]) }
        SO.fails { try SO.make(LpPool.self, opset: 11, [SO.ints("kernel_shape", [2]), SO.ints("dilations", [2])]) }
        SO.fails { try SO.make(LpPool.self, opset: 11, [SO.ints("kernel_shape", [2]), SO.int("ceil_mode", 1)]) }
        SO.fails { try SO.make(GlobalLpPool.self, [SO.string("p", "2")]) }
        SO.fails { _ = try SO.run1(LpPool.self, opset: 18, [SO.f([1, 1, 1], [1])], [SO.ints("kernel_shape", [2])]) }
    }
}
