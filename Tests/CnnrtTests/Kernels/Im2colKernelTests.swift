import Testing
@testable import Cnnrt

/// f32-im2col-panel on both ISAs against the im2col definition, exactly: every panel of B, panels that
/// start mid-row and mid-tap, short last panels, strides 1-3, padding, dilation.
@Suite("im2col panel kernels")
struct Im2colKernelTests {
    typealias Support = KernelTestSupport

    struct Case: CustomTestStringConvertible, Sendable {
        var channels: Int, height: Int, width: Int
        var kernel: (Int, Int)
        var strides: (Int, Int) = (1, 1)
        var dilations: (Int, Int) = (1, 1)
        /// top, left, bottom, right
        var pads: (Int, Int, Int, Int) = (0, 0, 0, 0)
        var testDescription: String {
            "c\(channels) \(height)x\(width) k\(kernel) s\(strides) d\(dilations) p\(pads)"
        }

        var geometry: Im2colGeometry {
            let oh = (height + pads.0 + pads.2 - ((kernel.0 - 1) * dilations.0 + 1)) / strides.0 + 1
            let ow = (width + pads.1 + pads.3 - ((kernel.1 - 1) * dilations.1 + 1)) / strides.1 + 1
            return Im2colGeometry(channels: channels, height: height, width: width, kernelH: kernel.0,
                                  kernelW: kernel.1, strideH: strides.0, strideW: strides.1, dilationH: dilations.0,
                                  dilationW: dilations.1, padTop: pads.0, padLeft: pads.1, outHeight: oh, outWidth: ow)
        }
    }

    static let cases: [Case] = [
        Case(channels: 3, height: 37, width: 41, kernel: (7, 7), strides: (2, 2), pads: (3, 3, 3, 3)),  // ResNet conv1
        Case(channels: 3, height: 33, width: 47, kernel: (3, 3), strides: (2, 2)),                      // SqueezeNet
        Case(channels: 3, height: 23, width: 64, kernel: (3, 3), strides: (2, 2), pads: (1, 1, 1, 1)),
        Case(channels: 2, height: 17, width: 17, kernel: (3, 3), pads: (1, 1, 1, 1)),
        Case(channels: 1, height: 9, width: 100, kernel: (5, 5), strides: (1, 1), pads: (2, 2, 2, 2)),
        Case(channels: 4, height: 13, width: 31, kernel: (3, 5), strides: (3, 3), pads: (1, 2, 0, 1)),
        Case(channels: 2, height: 16, width: 16, kernel: (3, 3), strides: (2, 2), dilations: (2, 2),
             pads: (2, 2, 2, 2)),
        Case(channels: 3, height: 7, width: 7, kernel: (1, 1), strides: (2, 2)),
        Case(channels: 5, height: 5, width: 3, kernel: (2, 2), strides: (1, 2), pads: (1, 1, 1, 1)),
        Case(channels: 1, height: 31, width: 97, kernel: (7, 7), strides: (2, 2), pads: (3, 3, 3, 3)),
        Case(channels: 2, height: 20, width: 35, kernel: (4, 3), strides: (2, 1), dilations: (1, 3),
             pads: (0, 3, 1, 3)),
    ]

    @Test("panels match the im2col definition exactly", arguments: cases)
    func panels(c: Case) {
        let g = c.geometry
        let x = Support.data(c.channels * c.height * c.width, seed: 77)
        // B by the definition.
        var b = [Float](repeating: 0, count: g.depth * g.columns)
        for k in 0..<g.depth {
            let ch = k / (g.kernelH * g.kernelW), ky = (k / g.kernelW) % g.kernelH, kx = k % g.kernelW
            for j in 0..<g.columns {
                let oy = j / g.outWidth, ox = j % g.outWidth
                let iy = oy * g.strideH - g.padTop + ky * g.dilationH
                let ix = ox * g.strideW - g.padLeft + kx * g.dilationW
                if iy >= 0 && iy < g.height && ix >= 0 && ix < g.width {
                    b[k * g.columns + j] = x[(ch * g.height + iy) * g.width + ix]
                }
            }
        }
        // Whole depth and a K block starting mid-kernel; panels on the 32 grid and shifted by 7.
        let kBlocks = [(0, g.depth), (min(5, g.depth - 1), g.depth - min(5, g.depth - 1))]
        var starts = Array(stride(from: 0, to: g.columns, by: 32))
        starts += Array(stride(from: min(7, g.columns - 1), to: g.columns, by: 32))
        for isa in Support.isas {
            let kernels = KernelSet.forISA(isa)
            x.withUnsafeBufferPointer { xp in
                for (k0, depth) in kBlocks {
                    for j0 in starts {
                        let count = min(32, g.columns - j0)
                        var panel = [Float](repeating: .nan, count: depth * 32)
                        panel.withUnsafeMutableBufferPointer { pp in
                            g.packPanel(xp.baseAddress!, k0: k0, depth: depth, j0: j0, count: count, kernels: kernels,
                                        into: pp.baseAddress!)
                        }
                        var bad: (Int, Int)? = nil
                        for r in 0..<depth where bad == nil {
                            for t in 0..<32 {
                                let want: Float = t < count ? b[(k0 + r) * g.columns + j0 + t] : 0
                                if panel[r * 32 + t] != want && bad == nil { bad = (r, t) }
                            }
                        }
                        #expect(bad == nil, "\(isa) k0 \(k0) j0 \(j0) count \(count) first mismatch \(String(describing: bad))")
                    }
                }
            }
        }
    }
}
