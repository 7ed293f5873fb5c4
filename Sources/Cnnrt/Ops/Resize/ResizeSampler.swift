/// The interpolation shared by Resize and Upsample, following the ONNX reference: each resized axis
/// is sampled separately. An output coordinate `x` maps to an input coordinate `x_original` by the
/// coordinate transformation; nearest mode rounds it to one input element, linear and cubic mode mix
/// the input elements around it with kernel weights, reading the edge element for positions outside
/// the axis.
struct ResizeSampler: Sendable {
    enum Interpolation: String, Sendable {
        case nearest, linear, cubic
    }

    enum CoordinateTransformation: String, Sendable {
        case halfPixel = "half_pixel"
        case halfPixelSymmetric = "half_pixel_symmetric"
        case pytorchHalfPixel = "pytorch_half_pixel"
        case alignCorners = "align_corners"
        case asymmetric
        case tfHalfPixelForNN = "tf_half_pixel_for_nn"
        case tfCropAndResize = "tf_crop_and_resize"
    }

    enum NearestRounding: String, Sendable {
        case roundPreferFloor = "round_prefer_floor"
        case roundPreferCeil = "round_prefer_ceil"
        case floor, ceil
        /// Upsample and Resize-10: floor when enlarging an axis, ceil when shrinking it.
        case simple
    }

    /// The geometry of one axis.
    struct Axis: Equatable, Sendable {
        var inLength: Int
        var outLength: Int
        /// Output length over input length: the given scale, or the ratio of sizes.
        var scale: Double
        /// The region of interest, used by tf_crop_and_resize, as fractions of the input axis.
        var roiStart: Double = 0
        var roiEnd: Double = 1
    }

    var interpolation: Interpolation
    var coordinates: CoordinateTransformation
    var rounding: NearestRounding = .roundPreferFloor
    var cubicCoefficient: Double = -0.75
    var excludeOutside = false
    var extrapolationValue: Double = 0
    var antialias = false

    /// The input coordinate of output index `x`, or nil where tf_crop_and_resize extrapolates.
    func sourceCoordinate(_ x: Int, _ axis: Axis) -> Double? {
        let x = Double(x)
        let inLength = Double(axis.inLength)
        let scale = axis.scale
        // The reference uses the unrounded output length `scale * inLength` where it differs.
        let outputWidth = scale * inLength
        let coordinate: Double
        switch coordinates {
        case .halfPixel:
            coordinate = (x + 0.5) / scale - 0.5
        case .halfPixelSymmetric:
            let adjustment = Double(axis.outLength) / outputWidth
            let offset = inLength / 2 * (1 - adjustment)
            coordinate = offset + (x + 0.5) / scale - 0.5
        case .pytorchHalfPixel:
            coordinate = axis.outLength > 1 ? (x + 0.5) / scale - 0.5 : 0
        case .alignCorners:
            coordinate = axis.outLength == 1 ? 0 : x * (inLength - 1) / (outputWidth - 1)
        case .asymmetric:
            coordinate = x / scale
        case .tfHalfPixelForNN:
            coordinate = (x + 0.5) / scale
        case .tfCropAndResize:
            let span = (axis.roiEnd - axis.roiStart) * (inLength - 1)
            coordinate = axis.outLength > 1
                ? axis.roiStart * (inLength - 1) + x * span / Double(axis.outLength - 1)
                : 0.5 * (axis.roiStart + axis.roiEnd) * (inLength - 1)
            if coordinate < 0 || coordinate > inLength - 1 || coordinate.isNaN { return nil }
        }
        return coordinate
    }

    /// The input index nearest-neighbour mode reads for output index `x`, or -1 to extrapolate.
    func nearestIndex(_ x: Int, _ axis: Axis) -> Int {
        guard let raw = sourceCoordinate(x, axis) else { return -1 }
        // Clamp before converting so that a far-off coordinate cannot trap the conversion.
        let c = min(max(raw.isNaN ? 0 : raw, -2), Double(axis.inLength) + 1)
        let low = c.rounded(.down)
        let ratio = c - low
        let index: Double
        if ratio == 0 {
            index = c
        } else {
            switch rounding {
            case .roundPreferFloor: index = ratio <= 0.5 ? low : low + 1
            case .roundPreferCeil: index = ratio < 0.5 ? low : low + 1
            case .floor: index = low
            case .ceil: index = low + 1
            case .simple: index = axis.scale < 1 ? low + 1 : low
            }
        }
        return min(max(Int(index), 0), axis.inLength - 1)
    }

    /// Weights of linear or cubic mode for one axis: for output index `j`, taps `j * count ..< (j + 1) * count`
    /// pair input indices with weights; `extrapolate[j]` marks tf_crop_and_resize positions off the input.
    struct Taps {
        var count: Int
        var index: [Int]
        var weight: [Double]
        var extrapolate: [Bool]
    }

    /// The kernel of the interpolation at distance `d` (in input elements).
    private func kernel(_ d: Double) -> Double {
        let x = abs(d)
        switch interpolation {
        case .linear, .nearest:
            return max(0, 1 - x)
        case .cubic:
            let a = cubicCoefficient
            if x <= 1 { return ((a + 2) * x - (a + 3)) * x * x + 1 }
            if x < 2 { return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a }
            return 0
        }
    }

    func taps(_ axis: Axis) -> Taps {
        let radius = interpolation == .cubic ? 2.0 : 1.0
        // Antialiasing stretches the kernel by 1 / scale when shrinking.
        let stretch = antialias ? min(axis.scale, 1) : 1
        let first = Int((-radius / stretch).rounded(.down)) + 1
        let count = 2 - 2 * first
        var taps = Taps(count: count, index: [Int](repeating: 0, count: axis.outLength * count),
                        weight: [Double](repeating: 0, count: axis.outLength * count),
                        extrapolate: [Bool](repeating: false, count: axis.outLength))
        let last = axis.inLength - 1
        var weights = [Double](repeating: 0, count: count)
        for j in 0..<axis.outLength {
            guard let raw = sourceCoordinate(j, axis) else {
                taps.extrapolate[j] = true
                continue
            }
            // Far-off coordinates only ever read the edge; clamping keeps the conversion in range.
            let c = min(max(raw.isNaN ? 0 : raw, Double(-count - 2)), Double(axis.inLength + count + 2))
            // As in the reference, the left neighbour is strictly left of c: the ratio is in (0, 1].
            var base = Int(c.rounded(.down))
            if Double(base) == c { base -= 1 }
            let ratio = c - Double(base)
            var sum = 0.0
            for t in 0..<count {
                let w = kernel(stretch * (Double(first + t) - ratio))
                weights[t] = w
                sum += w
            }
            if antialias {
                for t in 0..<count { weights[t] /= sum }
            }
            if excludeOutside {
                sum = 0
                for t in 0..<count {
                    let element = base + first + t
                    if element < 0 || element > last { weights[t] = 0 }
                    sum += weights[t]
                }
                for t in 0..<count { weights[t] /= sum }
            }
            for t in 0..<count {
                taps.index[j * count + t] = min(max(base + first + t, 0), last)
                taps.weight[j * count + t] = weights[t]
            }
        }
        return taps
    }

    /// True when sampling the axis reads every input element unchanged.
    func isIdentity(_ axis: Axis) -> Bool {
        guard axis.inLength == axis.outLength else { return false }
        if interpolation == .nearest {
            return (0..<axis.outLength).allSatisfy { nearestIndex($0, axis) == $0 }
        }
        return (0..<axis.outLength).allSatisfy { sourceCoordinate($0, axis) == Double($0) }
    }

    /// Resizes `input` to the axes' output lengths.
    /// - Precondition: `axes` has one entry per input axis, matching its length; the caller has checked
    ///   the output size, and linear and cubic modes get a floating-point input.
    func resize(_ input: Tensor, _ axes: [Axis]) -> Tensor {
        let shape = axes.map(\.outLength)
        // Nothing to sample (and a vanishing scale would make the antialiasing kernel unbounded).
        if shape.contains(0) { return Tensor(zeros: input.elementType, shape: shape) }
        if interpolation == .nearest {
            let strides = Shape.strides(input.shape)
            let reads = axes.enumerated().map { a, axis in
                DataMovement.AxisRead(stride: strides[a], map: (0..<axis.outLength).map { nearestIndex($0, axis) })
            }
            return DataMovement.gather(input, shape: shape, reads: reads,
                                       fill: DataMovement.bytes(of: extrapolationValue, as: input.elementType))
        }
        var data = input.doubles()
        var current = input.shape
        // Innermost axis first, like the reference's recursion.
        for a in axes.indices.reversed() where !isIdentity(axes[a]) {
            data = pass(data, shape: current, axis: a, taps: taps(axes[a]), outLength: axes[a].outLength)
            current[a] = axes[a].outLength
        }
        return DataMovement.floatingTensor(data, type: input.elementType, shape: shape)
    }

    /// Interpolates along one axis.
    private func pass(_ data: [Double], shape: [Int], axis: Int, taps: Taps, outLength: Int) -> [Double] {
        let outer = shape[..<axis].reduce(1, *)
        let inner = shape[(axis + 1)...].reduce(1, *)
        let inLength = shape[axis]
        let count = taps.count
        var result = [Double](repeating: 0, count: outer * outLength * inner)
        data.withUnsafeBufferPointer { src in
            result.withUnsafeMutableBufferPointer { dst in
                for o in 0..<outer {
                    let srcBase = o &* inLength &* inner
                    let dstBase = o &* outLength &* inner
                    for j in 0..<outLength {
                        let row = dstBase &+ j &* inner
                        if taps.extrapolate[j] {
                            for k in 0..<inner { dst[row &+ k] = extrapolationValue }
                            continue
                        }
                        for t in 0..<count {
                            let w = taps.weight[j &* count &+ t]
                            let from = srcBase &+ taps.index[j &* count &+ t] &* inner
                            for k in 0..<inner { dst[row &+ k] += w * src[from &+ k] }
                        }
                    }
                }
            }
        }
        return result
    }
}
