/// A convolution's zero-padded image laid out so that each row of its B operand is made of contiguous copies:
/// with the image copied into planes of `height x width` floats (zero borders), output (oy, ox) reads, for tap
/// (ky, kx) of channel c, image[c * plane + (oy + ky * dh) * width + ox + kx * dw].
///
/// Stride 1: one plane per channel. Stride sh x sw: the image is split into sh * sw phases, phase (py, px) of
/// channel c holding input rows py, py + sh, ... and columns px, px + sw, ... (`phaseOffset`), and tap (ky, kx)
/// reads phase (ky * dh % sh, kx * dw % sw) shifted by (ky * dh / sh, kx * dw / sw): a strided convolution becomes
/// contiguous copies too.
///
/// As a GEMM operand (`packPanel`, `compactWidth` = the output width) the columns are the output pixels,
/// oy * compactWidth + ox: a panel's row is one or a few contiguous runs, and the GEMM stores the output
/// directly. f32-conv-direct reads the planes themselves (`compactWidth` 0).
public struct PaddedRows: Sendable, Equatable {
    public var channels: Int
    /// Padded plane sizes (of one phase).
    public var height: Int
    public var width: Int
    public var kernelH: Int
    public var kernelW: Int
    public var dilationH: Int
    public var dilationW: Int
    public var strideH: Int
    public var strideW: Int
    /// The output width, for `packPanel`; 0 when only the planes are used.
    public var compactWidth: Int

    public init(channels: Int, height: Int, width: Int, kernelH: Int, kernelW: Int, dilationH: Int, dilationW: Int,
                strideH: Int = 1, strideW: Int = 1, compactWidth: Int = 0) {
        self.channels = channels
        self.height = height
        self.width = width
        self.kernelH = kernelH
        self.kernelW = kernelW
        self.dilationH = dilationH
        self.dilationW = dilationW
        self.strideH = strideH
        self.strideW = strideW
        self.compactWidth = compactWidth
    }

    var plane: Int { height * width }

    /// Floats of all planes: every phase of every channel.
    var imageFloats: Int { strideH * strideW * channels * plane }

    /// Floats read past the last plane by the last columns' taps.
    var slack: Int { (kernelW - 1) * dilationW + 64 }

    /// Where plane (phase (py, px), channel c) starts.
    func phaseOffset(py: Int, px: Int, channel c: Int) -> Int { ((py * strideW + px) * channels + c) * plane }

    /// Whether some tap reads phase (py, px) (a 1x1 stride-2 convolution reads only phase (0, 0)).
    func phaseIsRead(py: Int, px: Int) -> Bool {
        (0..<kernelH).contains { $0 * dilationH % strideH == py }
            && (0..<kernelW).contains { $0 * dilationW % strideW == px }
    }

    /// Fills plane (phase (py, px), channel c) from the channel's `h x w` input with zero borders: row y, column
    /// x holds input (y * strideH + py - padTop, x * strideW + px - padLeft).
    func fillPlane(_ image: UnsafeMutablePointer<Float>, py: Int, px: Int, channel c: Int,
                   from source: UnsafePointer<Float>, h: Int, w: Int, padTop: Int, padLeft: Int) {
        let plane = image + phaseOffset(py: py, px: px, channel: c)
        Im2colGeometry.zero(plane, self.plane)
        // Columns x0 ..< x1 read inside the input row.
        let x0 = max(0, (padLeft - px + strideW - 1) / strideW)
        let last = w - 1 + padLeft - px
        let x1 = last < 0 ? 0 : min(width, last / strideW + 1)
        guard x1 > x0 else { return }
        for y in 0..<height {
            let iy = y &* strideH &+ py &- padTop
            if iy < 0 || iy >= h { continue }
            let from: Int = iy &* w &+ x0 &* strideW &+ px &- padLeft
            let to: Int = y &* width &+ x0
            Self.stridedCopy(plane + to, source + from, x1 &- x0, strideW)
        }
    }

    /// dst[i] = src[i * stride] for i < n (reads nothing past src[(n - 1) * stride]).
    static func stridedCopy(_ dst: UnsafeMutablePointer<Float>, _ src: UnsafePointer<Float>, _ n: Int, _ stride: Int) {
        if stride == 1 {
            Im2colGeometry.copy(dst, src, n)
            return
        }
        var i = 0
        if stride == 2 {
            // 16 floats read for 8 written: the last one read is 2i + 15 < 2(n - 1) while i + 8 < n.
            while i &+ 8 < n {
                let v = UnsafeRawPointer(src + 2 &* i).loadUnaligned(as: SIMD16<Float>.self)
                UnsafeMutableRawPointer(dst + i).storeBytes(of: v.evenHalf, as: SIMD8<Float>.self)
                i &+= 8
            }
        }
        while i < n {
            dst[i] = src[i &* stride]
            i &+= 1
        }
    }

    /// The first float of B's row (c, ky, kx) at column 0.
    @inline(__always)
    func rowOffset(c: Int, ky: Int, kx: Int) -> Int {
        let ry = ky &* dilationH, rx = kx &* dilationW
        return phaseOffset(py: ry % strideH, px: rx % strideW, channel: c) &+ (ry / strideH) &* width &+ rx / strideW
    }

    func packPanel(_ image: UnsafePointer<Float>, k0: Int, depth: Int, j0: Int, count: Int,
                   packB32: (UnsafePointer<Float>, Int, Int, UnsafeMutablePointer<Float>) -> Void,
                   into destination: UnsafeMutablePointer<Float>) {
        let taps = kernelH &* kernelW
        precondition(compactWidth > 0, "packPanel needs compact columns")
        // The panel's columns as runs (offset in the plane, first column, length), one per output row touched.
        let maxRuns = 32 / compactWidth + 2
        withUnsafeTemporaryAllocation(of: (source: Int, column: Int, length: Int).self, capacity: maxRuns) { runs in
            var runCount = 0
            var filled = 0
            while filled < count {
                let j = j0 &+ filled
                let oy = j / compactWidth, ox = j % compactWidth
                let length = Swift.min(compactWidth &- ox, count &- filled)
                runs[runCount] = (oy &* width &+ ox, filled, length)
                runCount &+= 1
                filled &+= length
            }
            withUnsafeTemporaryAllocation(of: Int.self, capacity: taps) { tapOffset in
                // Each tap's offset within channel 0 (the divisions once per panel, not per row).
                for t in 0..<taps { tapOffset[t] = rowOffset(c: 0, ky: t / kernelW, kx: t % kernelW) }
                var t = k0 % taps
                var out = destination
                var channel = image + (k0 / taps) &* plane
                for _ in 0..<depth {
                    let row = channel + tapOffset[t]
                    if runCount == 1 && count == 32 {
                        packB32(row + runs[0].source, 0, 1, out)
                    } else {
                        for r in 0..<runCount {
                            Im2colGeometry.copy(out + runs[r].column, row + runs[r].source, runs[r].length)
                        }
                        Im2colGeometry.zero(out + count, 32 &- count)
                    }
                    out += 32
                    t &+= 1
                    if t == taps {
                        t = 0
                        channel += plane
                    }
                }
            }
        }
    }
}
