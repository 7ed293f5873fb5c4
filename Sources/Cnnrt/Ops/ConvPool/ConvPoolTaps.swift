/// For every output position of a sliding window, the input elements the window meets and the kernel
/// elements it meets them with, as flat offsets inside one channel plane of the input and of the kernel.
///
/// Built once per run, per axis (the (input index, kernel index) pairs of each output index), then
/// combined for a position in row-major kernel order, the order in which ONNX's reference visits a
/// window (so MaxPool's first maximum and the summation order match it). Padding is never visited.
struct ConvPoolTaps {
    let rank: Int
    /// The pairs of output index `o` on axis `a` are `starts[axisStart[a] + o] ..< starts[axisStart[a] + o + 1]`.
    private var starts: [Int] = []
    private var axisStart: [Int] = []
    /// Input index of each pair, times the axis's row-major stride in an input plane.
    private var pairInput: [Int] = []
    /// Kernel index of each pair, times the axis's row-major stride in a kernel plane.
    private var pairKernel: [Int] = []
    /// The most taps any output position has: the size the gather buffers need.
    private(set) var capacity = 1

    /// - Parameter transposed: ConvTranspose's scatter geometry, read backwards: output `o` meets input `i`
    ///   and kernel index `k` when `o = i * stride - padBegin + k * dilation`.
    init(_ g: ConvPoolGeometry, transposed: Bool) {
        rank = g.rank
        let inputStrides = Shape.strides(g.input)
        let kernelStrides = Shape.strides(g.kernel)
        for axis in 0..<rank {
            axisStart.append(starts.count)
            let n = g.input[axis], kSize = g.kernel[axis]
            let s = g.strides[axis], d = g.dilations[axis], pad = g.padsBegin[axis]
            var most = 0
            for o in 0..<g.output[axis] {
                let first = pairInput.count
                starts.append(first)
                if transposed {
                    // o + pad - k * d = i * s with 0 <= i < n.
                    let t = o &+ pad
                    let kLow = max(0, Self.ceilDiv(t &- (n &- 1) &* s, d))
                    let kHigh = min(kSize - 1, ConvPoolGeometry.floorDiv(t, d))
                    if kLow <= kHigh {
                        for k in kLow...kHigh {
                            let u = t &- k &* d
                            if u % s == 0 { append(input: u / s, kernel: k, axis, inputStrides, kernelStrides) }
                        }
                    }
                } else {
                    // i = o * s - pad + k * d with 0 <= i < n.
                    let t = o &* s &- pad
                    let kLow = max(0, Self.ceilDiv(0 &- t, d))
                    let kHigh = min(kSize - 1, ConvPoolGeometry.floorDiv(n &- 1 &- t, d))
                    if kLow <= kHigh {
                        for k in kLow...kHigh {
                            append(input: t &+ k &* d, kernel: k, axis, inputStrides, kernelStrides)
                        }
                    }
                }
                most = max(most, pairInput.count - first)
            }
            starts.append(pairInput.count)
            // At most one tap per input element of the plane, so this cannot overflow for a real tensor.
            capacity = capacity.multipliedReportingOverflow(by: most).partialValue
        }
        capacity = max(capacity, 1)
    }

    private mutating func append(input i: Int, kernel k: Int, _ axis: Int, _ inputStrides: [Int],
                                 _ kernelStrides: [Int]) {
        pairInput.append(i &* inputStrides[axis])
        pairKernel.append(k &* kernelStrides[axis])
    }

    private static func ceilDiv(_ a: Int, _ b: Int) -> Int {
        -ConvPoolGeometry.floorDiv(-a, b)
    }

    /// Writes the taps of the output position `position` (one index per spatial axis) and returns how many
    /// there are. Both buffers must hold `capacity` elements.
    func gather(_ position: UnsafePointer<Int>, inputOffsets: UnsafeMutablePointer<Int>,
                kernelOffsets: UnsafeMutablePointer<Int>) -> Int {
        inputOffsets[0] = 0
        kernelOffsets[0] = 0
        var count = 1
        for axis in 0..<rank {
            let entry = axisStart[axis] &+ position[axis]
            let low = starts[entry], m = starts[entry &+ 1] &- low
            if m == 0 { return 0 }
            // Expand each tap so far by this axis's pairs, back to front so nothing unread is overwritten.
            var e = count &- 1
            while e >= 0 {
                let baseInput = inputOffsets[e], baseKernel = kernelOffsets[e]
                var j = m &- 1
                while j >= 0 {
                    inputOffsets[e &* m &+ j] = baseInput &+ pairInput[low &+ j]
                    kernelOffsets[e &* m &+ j] = baseKernel &+ pairKernel[low &+ j]
                    j &-= 1
                }
                e &-= 1
            }
            count = count &* m
        }
        return count
    }
}

/// A row-major counter over the output positions of a window operator, with its scratch buffers:
/// allocated once per run so the position loop allocates nothing.
final class ConvPoolCursor {
    let rank: Int
    let sizes: [Int]
    let position: UnsafeMutablePointer<Int>
    let inputOffsets: UnsafeMutablePointer<Int>
    let kernelOffsets: UnsafeMutablePointer<Int>

    init(output sizes: [Int], capacity: Int) {
        rank = sizes.count
        self.sizes = sizes
        position = .allocate(capacity: max(rank, 1))
        position.initialize(repeating: 0, count: max(rank, 1))
        inputOffsets = .allocate(capacity: capacity)
        kernelOffsets = .allocate(capacity: capacity)
    }

    deinit {
        position.deallocate()
        inputOffsets.deallocate()
        kernelOffsets.deallocate()
    }

    /// The taps of the current position.
    func gather(_ taps: ConvPoolTaps) -> Int {
        taps.gather(position, inputOffsets: inputOffsets, kernelOffsets: kernelOffsets)
    }

    /// Moves to the next position in row-major order (wrapping to all zeros after the last).
    func advance() {
        var axis = rank &- 1
        while axis >= 0 {
            position[axis] &+= 1
            if position[axis] < sizes[axis] { return }
            position[axis] = 0
            axis &-= 1
        }
    }
}
