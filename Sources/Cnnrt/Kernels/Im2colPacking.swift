import CCnnrtCPU

/// The geometry of a 2-D convolution over one image and one group, as the GEMM B operand:
/// B[(c * kh + ky) * kw + kx, oy * ow + ox] = input[c, oy * sh - pt + ky * dh, ox * sw - pl + kx * dw]
/// (zero outside the image). Panels of B are packed straight from the input, so the whole im2col
/// matrix never exists.
public struct Im2colGeometry: Sendable, Equatable {
    public var channels: Int
    public var height: Int
    public var width: Int
    public var kernelH: Int
    public var kernelW: Int
    public var strideH: Int
    public var strideW: Int
    public var dilationH: Int
    public var dilationW: Int
    public var padTop: Int
    public var padLeft: Int
    public var outHeight: Int
    public var outWidth: Int

    public init(channels: Int, height: Int, width: Int, kernelH: Int, kernelW: Int, strideH: Int, strideW: Int,
                dilationH: Int, dilationW: Int, padTop: Int, padLeft: Int, outHeight: Int, outWidth: Int) {
        self.channels = channels
        self.height = height
        self.width = width
        self.kernelH = kernelH
        self.kernelW = kernelW
        self.strideH = strideH
        self.strideW = strideW
        self.dilationH = dilationH
        self.dilationW = dilationW
        self.padTop = padTop
        self.padLeft = padLeft
        self.outHeight = outHeight
        self.outWidth = outWidth
    }

    /// Rows of B: channels * kernelH * kernelW.
    public var depth: Int { channels * kernelH * kernelW }
    /// Columns of B: outHeight * outWidth.
    public var columns: Int { outHeight * outWidth }

    /// Packs rows `k0 ..< k0 + depth` and columns `j0 ..< j0 + count` (count <= 32) of B into one 32-wide
    /// panel (zero-padded), reading the image at `input` (channel-major, `height * width` per channel), with
    /// the f32-im2col-panel kernel of `kernels`.
    func packPanel(_ input: UnsafePointer<Float>, k0: Int, depth rowCount: Int, j0: Int, count: Int,
                   kernels: KernelSet, into destination: UnsafeMutablePointer<Float>) {
        var params = parameters(input, k0: k0, depth: rowCount, j0: j0, count: count, into: destination)
        kernels.im2colPanel(&params)
    }

    @inline(__always)
    private func parameters(_ input: UnsafePointer<Float>, k0: Int, depth: Int, j0: Int, count: Int,
                            into destination: UnsafeMutablePointer<Float>) -> CnnrtIm2colParams {
        CnnrtIm2colParams(input: input, destination: destination, channels: channels, height: height, width: width,
                          kernel_h: kernelH, kernel_w: kernelW, stride_h: strideH, stride_w: strideW,
                          dilation_h: dilationH, dilation_w: dilationW, pad_top: padTop, pad_left: padLeft,
                          out_h: outHeight, out_w: outWidth, k0: k0, depth: depth, j0: j0, count: count)
    }

    /// Copies `n` floats with inline vector moves: the segments are short, and a call to memmove per
    /// segment cost as much as the arithmetic that uses them.
    @inline(__always)
    static func copy(_ dst: UnsafeMutablePointer<Float>, _ src: UnsafePointer<Float>, _ n: Int) {
        var i = 0
        while i &+ 8 <= n {
            UnsafeMutableRawPointer(dst + i).storeBytes(
                of: UnsafeRawPointer(src + i).loadUnaligned(as: SIMD8<Float>.self), as: SIMD8<Float>.self)
            i &+= 8
        }
        while i < n {
            dst[i] = src[i]
            i &+= 1
        }
    }

    /// Stores `n` zeros with inline vector moves (see `copy`).
    @inline(__always)
    static func zero(_ dst: UnsafeMutablePointer<Float>, _ n: Int) {
        var i = 0
        while i &+ 8 <= n {
            UnsafeMutableRawPointer(dst + i).storeBytes(of: SIMD8<Float>(), as: SIMD8<Float>.self)
            i &+= 8
        }
        while i < n {
            dst[i] = 0
            i &+= 1
        }
    }
}
