/// Matrix A (M x K) packed once, e.g. convolution weights: panels of `mr` rows, each stored k-major
/// (`mr` values per k, rows past M zero), so a microkernel reads it with unit stride.
public final class PackedGemmA: @unchecked Sendable {
    public let m: Int
    public let k: Int
    public let mr: Int
    private let storage: TensorBuffer

    /// The first element of panel `i` (rows `i * mr ..< (i + 1) * mr`).
    @inline(__always)
    func panel(_ i: Int) -> UnsafePointer<Float> {
        UnsafePointer(storage.pointer.assumingMemoryBound(to: Float.self)) + i &* k &* mr
    }

    /// Panels for the caller to fill through `mutableBase` (every element, zero rows past M included).
    init(uninitializedM m: Int, k: Int, mr: Int) {
        self.m = m
        self.k = k
        self.mr = mr
        storage = TensorBuffer(uninitializedByteCount: max(1, (m + mr - 1) / mr * k * mr) * 4)
    }

    /// The first element of panel 0, for filling panels made with `init(uninitializedM:k:mr:)`.
    var mutableBase: UnsafeMutablePointer<Float> { storage.pointer.assumingMemoryBound(to: Float.self) }

    /// Packs A, whose element (i, p) is `source[i * rowStride + p * colStride]`.
    public init(_ source: UnsafePointer<Float>, m: Int, k: Int, rowStride: Int, colStride: Int, mr: Int) {
        self.m = m
        self.k = k
        self.mr = mr
        let panels = (m + mr - 1) / mr
        // Not zero-filled: packing writes every element, padding included.
        storage = TensorBuffer(uninitializedByteCount: max(1, panels * k * mr) * 4)
        let base = storage.pointer.assumingMemoryBound(to: Float.self)
        GemmPacking.packA(source, rowStride: rowStride, colStride: colStride, rows: m, depth: k, mr: mr, into: base)
    }
}

/// Matrix B (K x N) packed once, e.g. fully connected weights: panels of 32 columns, each k-major.
public final class PackedGemmB: @unchecked Sendable {
    public let k: Int
    public let n: Int
    private let storage: TensorBuffer

    /// The first element of panel `j` (columns `j * 32 ..< (j + 1) * 32`).
    @inline(__always)
    func panel(_ j: Int) -> UnsafePointer<Float> {
        UnsafePointer(storage.pointer.assumingMemoryBound(to: Float.self)) + j &* k &* 32
    }

    /// Packs B, whose element (p, j) is `source[p * rowStride + j * colStride]`.
    public init(_ source: UnsafePointer<Float>, k: Int, n: Int, rowStride: Int, colStride: Int) {
        self.k = k
        self.n = n
        let panels = (n + 31) / 32
        // Not zero-filled: packing writes every element, padding included.
        storage = TensorBuffer(uninitializedByteCount: max(1, panels * k * 32) * 4)
        let base = storage.pointer.assumingMemoryBound(to: Float.self)
        for j in 0..<panels {
            GemmPacking.packBPanel(source + j * 32 * colStride, rowStride: rowStride, colStride: colStride,
                                   depth: k, columns: min(32, n - j * 32), into: base + j * k * 32)
        }
    }
}

/// Packing loops shared by the GEMM driver and the packed-matrix types.
enum GemmPacking {
    /// Packs `rows` x `depth` of a strided matrix into panels of `mr` rows (zero-padded).
    static func packA(_ source: UnsafePointer<Float>, rowStride: Int, colStride: Int, rows: Int, depth: Int,
                      mr: Int, into destination: UnsafeMutablePointer<Float>) {
        var out = destination
        var i0 = 0
        while i0 < rows {
            let height = min(mr, rows &- i0)
            for p in 0..<depth {
                let column = source + p &* colStride + i0 &* rowStride
                for r in 0..<height { out[r] = column[r &* rowStride] }
                for r in height..<mr { out[r] = 0 }
                out += mr
            }
            i0 &+= mr
        }
    }

    /// Packs `depth` rows of `columns` (<= 32) columns into one 32-wide panel (zero-padded).
    static func packBPanel(_ source: UnsafePointer<Float>, rowStride: Int, colStride: Int, depth: Int,
                           columns: Int, into destination: UnsafeMutablePointer<Float>) {
        var out = destination
        var row = source
        if colStride == 1 && columns == 32 {
            for _ in 0..<depth {
                out.update(from: row, count: 32)
                out += 32
                row += rowStride
            }
            return
        }
        for _ in 0..<depth {
            for j in 0..<columns { out[j] = row[j &* colStride] }
            for j in columns..<32 { out[j] = 0 }
            out += 32
            row += rowStride
        }
    }
}
