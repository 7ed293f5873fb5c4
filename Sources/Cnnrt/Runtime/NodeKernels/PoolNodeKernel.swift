/// MaxPool and AveragePool on 2-D float images (one output), and GlobalAveragePool: one plane per task,
/// rows computed tap by tap so the inner loops run over contiguous output columns.
final class PoolNodeKernel: NodeKernel, @unchecked Sendable {
    enum Kind { case max, average, globalAverage }
    let kind: Kind
    let planes: Int
    let height: Int, width: Int, outHeight: Int, outWidth: Int
    let kernelH: Int, kernelW: Int, strideH: Int, strideW: Int, dilationH: Int, dilationW: Int
    let padTop: Int, padLeft: Int
    /// Per output column, the kernel columns inside the image (the average's divisor without rows).
    private var columnTaps: [Int] = []

    var kernelName: String {
        switch kind {
        case .max: return "f32-maxpool2d"
        case .average: return "f32-avgpool2d"
        case .globalAverage: return "f32-global-avgpool"
        }
    }

    private init(kind: Kind, planes: Int, input: (Int, Int), output: (Int, Int), kernel: (Int, Int),
                 strides: (Int, Int), dilations: (Int, Int), pads: (Int, Int)) {
        self.kind = kind
        self.planes = planes
        (height, width) = input
        (outHeight, outWidth) = output
        (kernelH, kernelW) = kernel
        (strideH, strideW) = strides
        (dilationH, dilationW) = dilations
        (padTop, padLeft) = pads
        var taps = Array(repeating: 0, count: outWidth)
        for kx in 0..<kernelW { for ox in columns(kx) { taps[ox] += 1 } }
        columnTaps = taps
    }

    static func make(_ c: NodeKernelContext) throws -> NodeKernel? {
        guard c.allFloat, c.node.outputs.count == 1, let x = c.floatInput(0), x.shape.count == 4,
              let y = c.outputs.first, y.shape.count == 4 else { return nil }
        let planes = x.shape[0] * x.shape[1]
        if c.node.opType == "GlobalAveragePool" {
            return PoolNodeKernel(kind: .globalAverage, planes: planes, input: (x.shape[2], x.shape[3]), output: (1, 1),
                                  kernel: (x.shape[2], x.shape[3]), strides: (1, 1), dilations: (1, 1), pads: (0, 0))
        }
        let isMax = c.node.opType == "MaxPool"
        let attributes = try ConvPoolAttributes(node: c.node, opset: c.opset, requireKernelShape: true)
        let ceilMode = try c.node.int("ceil_mode", default: 0) != 0
        let geometry = try ConvPoolGeometry.forward(input: Array(x.shape[2...]), kernel: attributes.kernelShape!,
                                                    attributes: attributes, ceilMode: ceilMode,
                                                    fail: { c.node.invalid($0) })
        guard geometry.output == Array(y.shape[2...]) else { return nil }
        if !isMax {
            let includePad = try c.node.int("count_include_pad", default: 0) != 0
            // With count_include_pad the divisor counts padding: only the unpadded case is the same.
            if includePad && (geometry.padsBegin + geometry.padsEnd).contains(where: { $0 != 0 }) { return nil }
        }
        return PoolNodeKernel(kind: isMax ? .max : .average, planes: planes, input: (x.shape[2], x.shape[3]),
                              output: (y.shape[2], y.shape[3]), kernel: (geometry.kernel[0], geometry.kernel[1]),
                              strides: (geometry.strides[0], geometry.strides[1]),
                              dilations: (geometry.dilations[0], geometry.dilations[1]),
                              pads: (geometry.padsBegin[0], geometry.padsBegin[1]))
    }

    func run(_ io: NodeIO, pool: ThreadPool?, scratch: GemmScratch) {
        let input = io.input(0)!, output = io.output(0)
        let tasks = min(planes, (pool?.threads ?? 1) > 1 ? pool!.threads * 4 : 1)
        let body = { (task: Int, _: Int) in
            for plane in (self.planes * task / tasks)..<(self.planes * (task + 1) / tasks) {
                self.runPlane(input + plane * self.height * self.width, output + plane * self.outHeight * self.outWidth)
            }
        }
        if let pool, tasks > 1 { pool.parallelFor(tasks, body) } else { for t in 0..<tasks { body(t, 0) } }
    }

    /// The output columns `ox` whose tap `kx` lands inside the row: `0 <= ox * sw - pl + kx * dw < width`.
    @inline(__always)
    private func columns(_ kx: Int) -> Range<Int> {
        let offset = kx * dilationW - padLeft
        let lo = offset >= 0 ? 0 : (-offset + strideW - 1) / strideW
        let hi = width - offset <= 0 ? 0 : min(outWidth, (width - offset - 1) / strideW + 1)
        return lo..<max(lo, hi)
    }

    private func runPlane(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>) {
        if kind == .globalAverage {
            var sum: Float = 0
            for i in 0..<(height * width) { sum += x[i] }
            y[0] = sum / Float(height * width)
            return
        }
        for oy in 0..<outHeight {
            let row = y + oy * outWidth
            row.initialize(repeating: kind == .max ? -.infinity : 0, count: outWidth)
            var rowsUsed = 0
            for ky in 0..<kernelH {
                let iy = oy * strideH - padTop + ky * dilationH
                if iy < 0 || iy >= height { continue }
                rowsUsed += 1
                let source = x + iy * width
                for kx in 0..<kernelW {
                    let range = columns(kx)
                    let offset = kx * dilationW - padLeft
                    if kind == .max {
                        for ox in range { row[ox] = max(row[ox], source[ox &* strideW &+ offset]) }
                    } else {
                        for ox in range { row[ox] += source[ox &* strideW &+ offset] }
                    }
                }
            }
            if kind == .average {
                // count_include_pad = 0: divide by the taps inside the image.
                columnTaps.withUnsafeBufferPointer { taps in
                    for ox in 0..<outWidth { row[ox] /= Float(max(1, taps[ox] * rowsUsed)) }
                }
            }
        }
    }
}
