/// Element types the reference matrix products compute in. Integers wrap on overflow like numpy.
protocol MatrixElement: TensorScalar {
    static var zero: Self { get }
    /// `acc + a * b`.
    static func accumulate(_ acc: Self, _ a: Self, _ b: Self) -> Self
}

extension Float: MatrixElement {
    static var zero: Float { 0 }
    @inline(__always) static func accumulate(_ acc: Float, _ a: Float, _ b: Float) -> Float { acc + a * b }
}

extension Double: MatrixElement {
    static var zero: Double { 0 }
    @inline(__always) static func accumulate(_ acc: Double, _ a: Double, _ b: Double) -> Double { acc + a * b }
}

extension Int32: MatrixElement {
    @inline(__always) static func accumulate(_ acc: Int32, _ a: Int32, _ b: Int32) -> Int32 { acc &+ a &* b }
}

extension Int64: MatrixElement {
    @inline(__always) static func accumulate(_ acc: Int64, _ a: Int64, _ b: Int64) -> Int64 { acc &+ a &* b }
}

extension UInt32: MatrixElement {
    @inline(__always) static func accumulate(_ acc: UInt32, _ a: UInt32, _ b: UInt32) -> UInt32 { acc &+ a &* b }
}

extension UInt64: MatrixElement {
    @inline(__always) static func accumulate(_ acc: UInt64, _ a: UInt64, _ b: UInt64) -> UInt64 { acc &+ a &* b }
}

/// The plain matrix product shared by Gemm and MatMul.
enum MatrixProduct {
    /// A matrix operand: element `(i, j)` is at `base + i * rowStride + j * columnStride`, so a transposed
    /// operand is the same buffer with its strides swapped.
    struct Operand<T> {
        var base: UnsafePointer<T>
        var rowStride: Int
        var columnStride: Int
    }

    /// `c[i, j] = sum over p of a[i, p] * b[p, j]` for an `m x k` by `k x n` product into a contiguous
    /// row-major `m x n` block; every element sums its terms in order of `p`.
    static func multiply<T: MatrixElement>(_ a: Operand<T>, _ b: Operand<T>, into c: UnsafeMutablePointer<T>,
                                           m: Int, n: Int, k: Int) {
        for i in 0..<m {
            let cRow = c + i &* n
            cRow.initialize(repeating: T.zero, count: n)
            let aRow = a.base + i &* a.rowStride
            for p in 0..<k {
                let aip = aRow[p &* a.columnStride]
                let bRow = b.base + p &* b.rowStride
                let bs = b.columnStride
                if bs == 1 {
                    for j in 0..<n { cRow[j] = T.accumulate(cRow[j], aip, bRow[j]) }
                } else {
                    for j in 0..<n { cRow[j] = T.accumulate(cRow[j], aip, bRow[j &* bs]) }
                }
            }
        }
    }

    /// The elements of a float16 or bfloat16 tensor as float32 (those types compute in float32).
    static func widened(_ tensor: Tensor) -> Tensor {
        Tensor(shape: tensor.shape, scalars: tensor.doubles().map { Float($0) })
    }

    /// A float32 result rounded back to float16 or bfloat16.
    static func narrowed(_ tensor: Tensor, to type: ElementType) -> Tensor {
        type == .float ? tensor : DataMovement.floatingTensor(tensor.doubles(), type: type, shape: tensor.shape)
    }
}
