/// Checked arithmetic on shapes. Every size that comes from a file goes through these before any
/// allocation, so a hostile dimension is an error, never a crash or a huge allocation.
public enum Shape {
    /// The element count of `dims`, or nil when a dimension is negative or the product of the non-zero
    /// dimensions overflows `Int` (so that no product of some of the dimensions can overflow either:
    /// `[0, 2^40, 2^40]` holds nothing, but a loop over its last two axes would still trap).
    public static func elementCount(_ dims: [Int]) -> Int? {
        guard nominalCount(dims) != nil else { return nil }
        return dims.contains(0) ? 0 : dims.reduce(1, &*)
    }

    /// The product of the dimensions with each empty (zero) dimension counted as 1: what a loop over
    /// any subset of the axes may iterate. Nil when a dimension is negative or the product overflows.
    public static func nominalCount(_ dims: [Int]) -> Int? {
        var total = 1
        for d in dims {
            guard d >= 0 else { return nil }
            let (product, overflow) = total.multipliedReportingOverflow(by: max(d, 1))
            if overflow { return nil }
            total = product
        }
        return total
    }

    /// `nominalCount` in bytes of `elementType`: the size a limit is checked against, so that a tensor
    /// with an empty axis cannot carry huge other axes into the loops and per-axis tables of operators.
    public static func nominalByteCount(_ dims: [Int], elementType: ElementType) -> Int? {
        guard let n = nominalCount(dims) else { return nil }
        let (bytes, overflow) = n.multipliedReportingOverflow(by: max(elementType.byteSize, 1))
        return overflow ? nil : bytes
    }

    /// The byte size of a tensor of `elementType` and `dims`, or nil when invalid or overflowing.
    public static func byteCount(_ dims: [Int], elementType: ElementType) -> Int? {
        guard let n = elementCount(dims) else { return nil }
        let (bytes, overflow) = n.multipliedReportingOverflow(by: elementType.byteSize)
        return overflow ? nil : bytes
    }

    /// Row-major strides in elements.
    public static func strides(_ dims: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: dims.count)
        var step = 1
        for axis in stride(from: dims.count - 1, through: 0, by: -1) {
            strides[axis] = step
            step *= dims[axis]
        }
        return strides
    }

    /// Maps a possibly negative axis into `0..<rank`, or nil when out of range.
    public static func normalizeAxis(_ axis: Int, rank: Int) -> Int? {
        let a = axis < 0 ? axis + rank : axis
        return a >= 0 && a < rank ? a : nil
    }

    /// The numpy broadcast of two shapes, or nil when they are incompatible.
    public static func broadcast(_ a: [Int], _ b: [Int]) -> [Int]? {
        let rank = max(a.count, b.count)
        var out = [Int](repeating: 1, count: rank)
        for i in 0..<rank {
            let da = i < rank - a.count ? 1 : a[i - (rank - a.count)]
            let db = i < rank - b.count ? 1 : b[i - (rank - b.count)]
            if da == db || db == 1 { out[i] = da } else if da == 1 { out[i] = db } else { return nil }
        }
        return out
    }
}
