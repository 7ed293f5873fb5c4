/// The B operand of a stride-1 convolution computed in padded-width coordinates: with the image copied
/// into planes of `height x width` floats (zero borders), output (oy, ox) is column oy * width + ox and
/// B[(c * kh + ky) * kw + kx, j] = image[c * plane + ky * dilationH * width + kx * dilationW + j]. Each
/// row of a panel is one contiguous 32-float copy; the columns with ox >= the output width are computed
/// and discarded.
public struct PaddedRows: Sendable, Equatable {
    public var channels: Int
    /// Padded plane sizes.
    public var height: Int
    public var width: Int
    public var kernelH: Int
    public var kernelW: Int
    public var dilationH: Int
    public var dilationW: Int

    var plane: Int { height * width }

    /// Floats read past the last plane by the last columns' taps.
    var slack: Int { (kernelW - 1) * dilationW + 64 }

    func packPanel(_ image: UnsafePointer<Float>, k0: Int, depth: Int, j0: Int, count: Int,
                   packB32: (UnsafePointer<Float>, Int, Int, UnsafeMutablePointer<Float>) -> Void,
                   into destination: UnsafeMutablePointer<Float>) {
        var c = k0 / (kernelH &* kernelW)
        var ky = (k0 / kernelW) % kernelH
        var kx = k0 % kernelW
        var out = destination
        for _ in 0..<depth {
            let source = image + (c &* plane &+ ky &* dilationH &* width &+ kx &* dilationW &+ j0)
            if count == 32 {
                packB32(source, 0, 1, out)
            } else {
                Im2colGeometry.copy(out, source, count)
                Im2colGeometry.zero(out + count, 32 &- count)
            }
            out += 32
            kx &+= 1
            if kx == kernelW {
                kx = 0
                ky &+= 1
                if ky == kernelH {
                    ky = 0
                    c &+= 1
                }
            }
        }
    }
}
