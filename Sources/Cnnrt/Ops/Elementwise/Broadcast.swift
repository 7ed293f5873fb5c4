// Numpy (multidirectional) broadcasting for the elementwise operators: one output shape, and per input the
// stride of each output axis (0 where the input is repeated along it).

/// How inputs map onto a broadcast output, with adjacent axes merged where every input stays contiguous
/// across them (so [N, C, H, W] + [1, C, 1, 1] iterates as [N, C, H*W]).
struct BroadcastLayout {
    /// The merged output dimensions; never empty (a scalar output is one dimension of 1).
    private(set) var dims: [Int]
    /// For each input, its element stride along each merged dimension.
    private(set) var strides: [[Int]]
    /// Total output elements.
    let count: Int

    /// The numpy broadcast of several shapes, or nil when two are incompatible.
    static func broadcastShape(_ shapes: [[Int]]) -> [Int]? {
        var result: [Int] = []
        for shape in shapes {
            guard let next = Shape.broadcast(result, shape) else { return nil }
            result = next
        }
        return result
    }

    /// - Precondition: every input shape broadcasts to `output` (checked by the caller with `broadcastShape`),
    ///   and `output`'s element count fits in `Int`.
    init(output: [Int], inputs: [[Int]]) {
        let rank = output.count
        count = output.reduce(1, *)
        var mergedDims: [Int] = []
        var mergedStrides = [[Int]](repeating: [], count: inputs.count)
        // Each input's own row-major strides, aligned to the output's trailing axes, 0 where repeated.
        let aligned: [[Int]] = inputs.map { shape in
            let own = Shape.strides(shape)
            let pad = rank - shape.count
            return (0..<rank).map { axis in
                axis < pad || shape[axis - pad] == 1 ? 0 : own[axis - pad]
            }
        }
        for axis in 0..<rank where output[axis] != 1 {
            let d = output[axis]
            if let lastDim = mergedDims.last,
               aligned.indices.allSatisfy({ mergedStrides[$0].last! == aligned[$0][axis] &* d }) {
                // The previous (outer) merged axis steps exactly over this one in every input: merge.
                mergedDims[mergedDims.count - 1] = lastDim &* d
                for k in aligned.indices { mergedStrides[k][mergedStrides[k].count - 1] = aligned[k][axis] }
            } else {
                mergedDims.append(d)
                for k in aligned.indices { mergedStrides[k].append(aligned[k][axis]) }
            }
        }
        if mergedDims.isEmpty {
            mergedDims = [1]
            for k in aligned.indices { mergedStrides[k] = [0] }
        }
        dims = mergedDims
        strides = mergedStrides
    }

    /// Length of the innermost merged dimension: the rows `forEachRow` visits.
    var rowLength: Int { dims[dims.count - 1] }

    /// Stride of input `k` along the innermost merged dimension.
    func rowStride(_ k: Int) -> Int { strides[k][strides[k].count - 1] }

    /// Calls `body(outputStart, inputStarts)` for each innermost row of the output, in order. `inputStarts`
    /// holds each input's element offset of the row's first element.
    func forEachRow(_ body: (Int, UnsafeBufferPointer<Int>) -> Void) {
        guard count > 0 else { return }
        let outer = dims.count - 1
        let row = rowLength
        var index = [Int](repeating: 0, count: outer)
        var offsets = [Int](repeating: 0, count: strides.count)
        offsets.withUnsafeMutableBufferPointer { offsets in
            var start = 0
            while start < count {
                body(start, UnsafeBufferPointer(offsets))
                start &+= row
                // Odometer step over the outer dimensions, innermost first.
                var axis = outer &- 1
                while axis >= 0 {
                    index[axis] &+= 1
                    for k in 0..<offsets.count { offsets[k] &+= strides[k][axis] }
                    if index[axis] < dims[axis] { break }
                    for k in 0..<offsets.count { offsets[k] &-= strides[k][axis] &* dims[axis] }
                    index[axis] = 0
                    axis &-= 1
                }
            }
        }
    }
}

/// `out[i] = f(a[ia], b[ib])` over the broadcast of `aShape` and `bShape`, which is `outShape`.
///
/// Fast paths for equal shapes and for a one-element side; otherwise rows of the merged layout with
/// per-input strides. `out` may alias `a` or `b` when that input has the output's shape.
/// - Precondition: the shapes broadcast to `outShape` and the buffers hold their shapes' element counts.
func broadcastBinary<A, B, R>(
    _ a: UnsafeBufferPointer<A>, _ aShape: [Int],
    _ b: UnsafeBufferPointer<B>, _ bShape: [Int],
    into out: UnsafeMutableBufferPointer<R>, _ outShape: [Int],
    _ f: (A, B) -> R
) {
    let n = out.count
    guard n > 0, let pa = a.baseAddress, let pb = b.baseAddress, let po = out.baseAddress else { return }
    if a.count == n && b.count == n {
        // Equal element counts mean equal layouts: no axis of either input is repeated.
        for i in 0..<n { po[i] = f(pa[i], pb[i]) }
    } else if a.count == 1 && b.count == n {
        let x = pa[0]
        for i in 0..<n { po[i] = f(x, pb[i]) }
    } else if b.count == 1 && a.count == n {
        let y = pb[0]
        for i in 0..<n { po[i] = f(pa[i], y) }
    } else {
        let layout = BroadcastLayout(output: outShape, inputs: [aShape, bShape])
        let row = layout.rowLength
        let sa = layout.rowStride(0)
        let sb = layout.rowStride(1)
        layout.forEachRow { start, offsets in
            var ia = offsets[0]
            var ib = offsets[1]
            for i in start..<(start &+ row) {
                po[i] = f(pa[ia], pb[ib])
                ia &+= sa
                ib &+= sb
            }
        }
    }
}

/// `out[i] = a[ia]`: `a` repeated to the broadcast shape `outShape` (numpy's broadcast_to).
func broadcastCopy<A>(_ a: UnsafeBufferPointer<A>, _ aShape: [Int],
                      into out: UnsafeMutableBufferPointer<A>, _ outShape: [Int]) {
    let n = out.count
    guard n > 0, let pa = a.baseAddress, let po = out.baseAddress else { return }
    if a.count == n {
        po.update(from: pa, count: n)
    } else if a.count == 1 {
        po.update(repeating: pa[0], count: n)
    } else {
        let layout = BroadcastLayout(output: outShape, inputs: [aShape])
        let row = layout.rowLength
        let sa = layout.rowStride(0)
        layout.forEachRow { start, offsets in
            var ia = offsets[0]
            for i in start..<(start &+ row) {
                po[i] = pa[ia]
                ia &+= sa
            }
        }
    }
}
