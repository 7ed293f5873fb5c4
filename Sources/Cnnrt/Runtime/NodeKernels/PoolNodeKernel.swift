import CCnnrtCPU

/// MaxPool and AveragePool on 2-D float images (one output), and GlobalAveragePool: planes split among
/// the tasks. Max and average run the ISA's f32-pool2d kernel (separable, vectorized over output columns).
final class PoolNodeKernel: NodeKernel, @unchecked Sendable {
    enum Kind { case max, average, globalAverage }
    let kind: Kind
    let planes: Int
    let height: Int, width: Int, outHeight: Int, outWidth: Int
    let kernelH: Int, kernelW: Int, strideH: Int, strideW: Int, dilationH: Int, dilationW: Int
    let padTop: Int, padLeft: Int, padBottom: Int, padRight: Int
    /// AveragePool's count_include_pad.
    let countIncludePad: Bool
    let kernels: KernelSet

    var kernelName: String {
        switch kind {
        case .max: return "f32-maxpool2d"
        case .average: return "f32-avgpool2d"
        case .globalAverage: return "f32-global-avgpool"
        }
    }

    /// Pools are memory-bound: 8 per input element read (squeezenet1_1's 3x3 max pools of 93K and 43K outputs
    /// took 0.10 and 0.055 ms on one thread, and more in a 2-thread run, when the producer had split their
    /// input between the cores).
    var parallelWork: Double? { 8 * Double(planes * height * width) }

    private init(kind: Kind, planes: Int, input: (Int, Int), output: (Int, Int), kernel: (Int, Int),
                 strides: (Int, Int), dilations: (Int, Int), padsBegin: (Int, Int), padsEnd: (Int, Int),
                 countIncludePad: Bool, kernels: KernelSet) {
        self.kind = kind
        self.planes = planes
        (height, width) = input
        (outHeight, outWidth) = output
        (kernelH, kernelW) = kernel
        (strideH, strideW) = strides
        (dilationH, dilationW) = dilations
        (padTop, padLeft) = padsBegin
        (padBottom, padRight) = padsEnd
        self.countIncludePad = countIncludePad
        self.kernels = kernels
    }

    static func make(_ c: NodeKernelContext) throws -> NodeKernel? {
        guard c.allFloat, c.node.outputs.count == 1, let x = c.floatInput(0), x.shape.count == 4,
              let y = c.outputs.first, y.shape.count == 4 else { return nil }
        let planes = x.shape[0] * x.shape[1]
        if c.node.opType == "GlobalAveragePool" {
            return PoolNodeKernel(kind: .globalAverage, planes: planes, input: (x.shape[2], x.shape[3]), output: (1, 1),
                                  kernel: (x.shape[2], x.shape[3]), strides: (1, 1), dilations: (1, 1),
                                  padsBegin: (0, 0), padsEnd: (0, 0), countIncludePad: false, kernels: c.kernels)
        }
        let isMax = c.node.opType == "MaxPool"
        let attributes = try ConvPoolAttributes(node: c.node, opset: c.opset, requireKernelShape: true)
        let ceilMode = try c.node.int("ceil_mode", default: 0) != 0
        let geometry = try ConvPoolGeometry.forward(input: Array(x.shape[2...]), kernel: attributes.kernelShape!,
                                                    attributes: attributes, ceilMode: ceilMode,
                                                    fail: { c.node.invalid($0) })
        guard geometry.output == Array(y.shape[2...]) else { return nil }
        let includePad = isMax ? false : try c.node.int("count_include_pad", default: 0) != 0
        return PoolNodeKernel(kind: isMax ? .max : .average, planes: planes, input: (x.shape[2], x.shape[3]),
                              output: (y.shape[2], y.shape[3]), kernel: (geometry.kernel[0], geometry.kernel[1]),
                              strides: (geometry.strides[0], geometry.strides[1]),
                              dilations: (geometry.dilations[0], geometry.dilations[1]),
                              padsBegin: (geometry.padsBegin[0], geometry.padsBegin[1]),
                              padsEnd: (geometry.padsEnd[0], geometry.padsEnd[1]),
                              countIncludePad: includePad, kernels: c.kernels)
    }

    func run(_ io: NodeIO, pool: ThreadPool?, scratch: GemmScratch) {
        run(input: io.input(0)!, output: io.output(0), pool: pool)
    }

    func run(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, pool: ThreadPool?) {
        let tasks = min(planes, (pool?.threads ?? 1) > 1 ? pool!.threads * 4 : 1)
        let body = { (task: Int, _: Int) in
            let first = self.planes * task / tasks, end = self.planes * (task + 1) / tasks
            guard end > first else { return }
            self.runPlanes(input + first * self.height * self.width, output + first * self.outHeight * self.outWidth,
                           count: end - first)
        }
        if let pool, tasks > 1 { pool.parallelFor(tasks, body) } else { for t in 0..<tasks { body(t, 0) } }
    }

    /// The sum of `count` floats in four independent vector partial sums (one running scalar sum waits for
    /// each addition: SqueezeNet's 1000 planes of 13 x 13 took 0.07 ms).
    private static func sum(_ x: UnsafePointer<Float>, _ count: Int) -> Float {
        var s0 = SIMD8<Float>(), s1 = s0, s2 = s0, s3 = s0
        var i = 0
        let raw = UnsafeRawPointer(x)
        while i + 32 <= count {
            s0 += raw.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
            s1 += raw.loadUnaligned(fromByteOffset: i * 4 + 32, as: SIMD8<Float>.self)
            s2 += raw.loadUnaligned(fromByteOffset: i * 4 + 64, as: SIMD8<Float>.self)
            s3 += raw.loadUnaligned(fromByteOffset: i * 4 + 96, as: SIMD8<Float>.self)
            i += 32
        }
        while i + 8 <= count {
            s0 += raw.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
            i += 8
        }
        var total = ((s0 + s1) + (s2 + s3)).sum()
        while i < count {
            total += x[i]
            i += 1
        }
        return total
    }

    private func runPlanes(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        if kind == .globalAverage {
            let area = height * width
            for plane in 0..<count { y[plane] = Self.sum(x + plane * area, area) / Float(area) }
            return
        }
        var params = CnnrtPool2DParams(
            input: x, output: y, planes: count, height: height, width: width, out_h: outHeight, out_w: outWidth,
            kernel_h: kernelH, kernel_w: kernelW, stride_h: strideH, stride_w: strideW, dilation_h: dilationH,
            dilation_w: dilationW, pad_top: padTop, pad_left: padLeft, pad_bottom: padBottom, pad_right: padRight,
            kind: kind == .max ? CNNRT_POOL_MAX : CNNRT_POOL_AVERAGE, count_include_pad: countIncludePad ? 1 : 0)
        kernels.pool2d(&params)
    }
}
