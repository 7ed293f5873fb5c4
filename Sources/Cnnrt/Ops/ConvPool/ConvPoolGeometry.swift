/// The resolved sliding-window geometry of one convolution or pooling node on one input shape: per
/// spatial axis the input and output sizes, kernel, stride, dilation and the padding actually applied.
///
/// Forward windows (Conv, pooling): output `o` reads input `o * stride - padBegin + k * dilation`.
/// Transposed windows (ConvTranspose): input `i` writes output `i * stride - padBegin + k * dilation`.
/// Transposed padding may be negative (an `output_shape` larger than the full result adds zeros).
struct ConvPoolGeometry: Sendable, Equatable {
    var input: [Int]
    var output: [Int]
    var kernel: [Int]
    var strides: [Int]
    var dilations: [Int]
    var padsBegin: [Int]
    var padsEnd: [Int]

    var rank: Int { input.count }

    /// Thrown by the checked arithmetic below; callers turn it into an error naming the node.
    struct Overflow: Error {}

    static func add(_ a: Int, _ b: Int) throws -> Int {
        let (r, o) = a.addingReportingOverflow(b)
        if o { throw Overflow() }
        return r
    }

    static func sub(_ a: Int, _ b: Int) throws -> Int {
        let (r, o) = a.subtractingReportingOverflow(b)
        if o { throw Overflow() }
        return r
    }

    static func mul(_ a: Int, _ b: Int) throws -> Int {
        let (r, o) = a.multipliedReportingOverflow(by: b)
        if o { throw Overflow() }
        return r
    }

    /// `floor(a / b)` for positive `b` (Swift's `/` truncates toward zero).
    static func floorDiv(_ a: Int, _ b: Int) -> Int {
        let q = a / b
        return (a % b != 0 && a < 0) ? q - 1 : q
    }

    /// The extent of a dilated kernel: `(k - 1) * d + 1`.
    static func dilatedExtent(_ k: Int, _ d: Int) throws -> Int {
        try add(mul(k - 1, d), 1)
    }

    /// Per-axis values of an optional list attribute, checked against the spatial rank.
    private static func perAxis(_ values: [Int]?, _ name: String, rank: Int, default value: Int,
                                fail: (String) -> CnnrtError) throws -> [Int] {
        guard let values else { return [Int](repeating: value, count: rank) }
        guard values.count == rank else {
            throw fail("\(name) has \(values.count) values but the input has \(rank) spatial axes")
        }
        return values
    }

    /// The geometry of a forward window (Conv, MaxPool, AveragePool).
    /// - Parameters:
    ///   - input: the spatial input sizes.
    ///   - kernel: the spatial kernel sizes (already checked positive and of the input's rank).
    ///   - ceilMode: pooling's `ceil_mode`: round the output size up, but never start a window in the
    ///     right padding (the ONNX and PyTorch rule).
    static func forward(input: [Int], kernel: [Int], attributes a: ConvPoolAttributes, ceilMode: Bool,
                        fail: (String) -> CnnrtError) throws -> ConvPoolGeometry {
        let rank = input.count
        let strides = try perAxis(a.strides, "strides", rank: rank, default: 1, fail: fail)
        let dilations = try perAxis(a.dilations, "dilations", rank: rank, default: 1, fail: fail)
        let pads = try perAxis(a.pads, "pads", rank: 2 * rank, default: 0, fail: fail)
        var g = ConvPoolGeometry(input: input, output: [], kernel: kernel, strides: strides, dilations: dilations,
                                 padsBegin: Array(pads[0..<rank]), padsEnd: Array(pads[rank...]))
        do {
            for axis in 0..<rank {
                let n = input[axis], s = strides[axis]
                let extent = try dilatedExtent(kernel[axis], dilations[axis])
                if a.autoPad.isSame {
                    // Output ceil(n / s); pad just enough for the last window to fit.
                    let out = n == 0 ? 0 : (n - 1) / s + 1
                    let total = max(0, try sub(add(mul(out - 1, s), extent), n))
                    let small = total / 2
                    g.padsBegin[axis] = a.autoPad == .sameUpper ? small : total - small
                    g.padsEnd[axis] = total - g.padsBegin[axis]
                    g.output.append(out)
                    continue
                }
                if a.autoPad == .valid {
                    g.padsBegin[axis] = 0
                    g.padsEnd[axis] = 0
                }
                let padded = try add(add(n, g.padsBegin[axis]), g.padsEnd[axis])
                let span = padded - extent
                guard span >= 0 else {
                    throw fail("the kernel extent \(extent) on spatial axis \(axis) exceeds the padded input size "
                        + "\(padded)")
                }
                var out = span / s + 1
                if ceilMode && span % s != 0 {
                    out += 1
                    // The last window must start inside the input or the left padding.
                    if try mul(out - 1, s) >= n + g.padsBegin[axis] { out -= 1 }
                }
                g.output.append(out)
            }
        } catch is Overflow {
            throw fail("window sizes overflow")
        }
        if let axis = g.output.firstIndex(where: { $0 <= 0 }) {
            throw fail("output size on spatial axis \(axis) would be \(g.output[axis])")
        }
        return g
    }

    /// The geometry of a transposed convolution (ConvTranspose).
    ///
    /// Without `output_shape` the output is `stride * (n - 1) + output_padding + extent - padBegin - padEnd`
    /// (SAME_*: `n * stride`, padding derived as below). With `output_shape` (which overrides `pads`) the total
    /// padding is `stride * (n - 1) + output_padding + extent - output_shape`, split `floor(total / 2)` at the
    /// beginning for SAME_UPPER and `total - floor(total / 2)` at the beginning otherwise.
    static func transposed(input: [Int], kernel: [Int], attributes a: ConvPoolAttributes, outputPadding: [Int]?,
                           outputShape: [Int]?, fail: (String) -> CnnrtError) throws -> ConvPoolGeometry {
        let rank = input.count
        let strides = try perAxis(a.strides, "strides", rank: rank, default: 1, fail: fail)
        let dilations = try perAxis(a.dilations, "dilations", rank: rank, default: 1, fail: fail)
        let pads = try perAxis(a.pads, "pads", rank: 2 * rank, default: 0, fail: fail)
        let extra = try perAxis(outputPadding, "output_padding", rank: rank, default: 0, fail: fail)
        var target = outputShape
        // output_shape may also be written with the batch and channel dimensions in front.
        if let shape = target, shape.count == rank + 2 { target = Array(shape[2...]) }
        if let shape = target, shape.count != rank {
            throw fail("output_shape has \(shape.count) values but the input has \(rank) spatial axes")
        }
        var g = ConvPoolGeometry(input: input, output: [], kernel: kernel, strides: strides, dilations: dilations,
                                 padsBegin: Array(pads[0..<rank]), padsEnd: Array(pads[rank...]))
        do {
            for axis in 0..<rank {
                let n = input[axis], s = strides[axis]
                let extent = try dilatedExtent(kernel[axis], dilations[axis])
                let full = try add(add(mul(s, n - 1), extra[axis]), extent)
                var out: Int
                if let target {
                    out = target[axis]
                } else if a.autoPad.isSame {
                    out = try mul(n, s)
                } else {
                    if a.autoPad == .valid {
                        g.padsBegin[axis] = 0
                        g.padsEnd[axis] = 0
                    }
                    g.output.append(try sub(sub(full, g.padsBegin[axis]), g.padsEnd[axis]))
                    continue
                }
                let total = try sub(full, out)
                let half = floorDiv(total, 2)
                g.padsBegin[axis] = a.autoPad == .sameUpper ? half : total - half
                g.padsEnd[axis] = total - g.padsBegin[axis]
                g.output.append(out)
            }
        } catch is Overflow {
            throw fail("window sizes overflow")
        }
        if let axis = g.output.firstIndex(where: { $0 <= 0 }) {
            throw fail("output size on spatial axis \(axis) would be \(g.output[axis])")
        }
        return g
    }
}

extension ConvPoolGeometry {
    /// The output shape and geometry of MaxPool or AveragePool on an input of shape `x`
    /// (N x C x D1 ... Dn; `kernel_shape` is required by those operators).
    static func pooling(x: [Int], attributes: ConvPoolAttributes, ceilMode: Bool,
                        fail: (String) -> CnnrtError) throws -> (shape: [Int], geometry: ConvPoolGeometry) {
        guard x.count >= 3 else { throw fail("input X must be N x C x D1 ... Dn (rank >= 3), got shape \(x)") }
        let kernel = attributes.kernelShape ?? []
        guard kernel.count == x.count - 2 else {
            throw fail("kernel_shape has \(kernel.count) values but the input has \(x.count - 2) spatial axes")
        }
        let geometry = try forward(input: Array(x[2...]), kernel: kernel, attributes: attributes,
                                   ceilMode: ceilMode, fail: fail)
        return ([x[0], x[1]] + geometry.output, geometry)
    }
}
