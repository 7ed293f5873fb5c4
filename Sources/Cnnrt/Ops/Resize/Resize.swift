/// ONNX Resize: samples the input at a new size (`floor(dim * scale)` from `scales`, or `sizes`) by
/// nearest-neighbour, linear (N-d, multilinear) or cubic interpolation; see `ResizeSampler`.
///
/// Opset 10 has inputs X and scales and samples with asymmetric coordinates (nearest rounds down
/// when enlarging, up when shrinking). From opset 11 the inputs are X, roi, scales and sizes (exactly
/// one of the last two non-empty) with the attributes coordinate_transformation_mode, nearest_mode,
/// cubic_coeff_a, exclude_outside and extrapolation_value; opset 18 adds antialias, axes and
/// keep_aspect_ratio_policy, opset 19 the half_pixel_symmetric transformation.
struct Resize: NodeNamedOperator {
    static let opType = "Resize"
    static var supportedOpsets: ClosedRange<Int> { 10...OperatorRegistry.newestOpset }

    enum AspectPolicy: String {
        case stretch
        case notLarger = "not_larger"
        case notSmaller = "not_smaller"
    }

    let nodeName: String
    let opset: Int
    let sampler: ResizeSampler
    let axesAttribute: [Int]?
    let aspectPolicy: AspectPolicy

    init(node: Node, opset: Int) throws {
        nodeName = node.displayName
        self.opset = opset
        let modeName = try node.string("mode", default: "nearest")
        guard let mode = ResizeSampler.Interpolation(rawValue: modeName), opset >= 11 || mode != .cubic else {
            throw node.invalid("unknown mode '\(modeName)' (expected nearest, linear\(opset >= 11 ? " or cubic" : ""))")
        }
        guard opset >= 11 else {
            try node.requireArity(inputs: 2...2)
            sampler = ResizeSampler(interpolation: mode, coordinates: .asymmetric, rounding: .simple)
            axesAttribute = nil
            aspectPolicy = .stretch
            return
        }
        try node.requireArity(inputs: opset >= 13 ? 1...4 : 3...4)
        let transformName = try node.string("coordinate_transformation_mode", default: "half_pixel")
        guard let transform = ResizeSampler.CoordinateTransformation(rawValue: transformName) else {
            throw node.invalid("unknown coordinate_transformation_mode '\(transformName)'")
        }
        let roundingName = try node.string("nearest_mode", default: "round_prefer_floor")
        guard let rounding = ResizeSampler.NearestRounding(rawValue: roundingName), rounding != .simple else {
            throw node.invalid("unknown nearest_mode '\(roundingName)'")
        }
        var sampler = ResizeSampler(interpolation: mode, coordinates: transform, rounding: rounding)
        sampler.cubicCoefficient = Double(try node.float("cubic_coeff_a", default: -0.75))
        sampler.excludeOutside = try node.int("exclude_outside", default: 0) != 0
        sampler.extrapolationValue = Double(try node.float("extrapolation_value", default: 0))
        if opset >= 18 {
            sampler.antialias = try node.int("antialias", default: 0) != 0
            if sampler.antialias && mode == .nearest {
                throw node.invalid("antialias applies to linear and cubic modes, not nearest")
            }
            axesAttribute = try node.ints("axes")
            let policyName = try node.string("keep_aspect_ratio_policy", default: "stretch")
            guard let policy = AspectPolicy(rawValue: policyName) else {
                throw node.invalid("unknown keep_aspect_ratio_policy '\(policyName)'")
            }
            aspectPolicy = policy
        } else {
            axesAttribute = nil
            aspectPolicy = .stretch
        }
        self.sampler = sampler
    }

    /// A present, non-empty optional input.
    private func given(_ inputs: [TensorInfo?], _ index: Int) -> TensorInfo? {
        guard index < inputs.count, let info = inputs[index], info.shape.reduce(1, *) != 0 else { return nil }
        return info
    }

    /// Floating-point values of a scales or roi input.
    private func reals(_ info: TensorInfo, _ what: String) throws -> [Double] {
        let value = try knownValue(info, what)
        guard value.elementType.isFloatingPoint else {
            throw nodeError("\(what) must be a floating-point tensor, got \(value.elementType)")
        }
        return value.doubles()
    }

    /// The sampling geometry of every axis of the input.
    func plan(_ inputs: [TensorInfo?]) throws -> [ResizeSampler.Axis] {
        let input = inputs[0]!
        _ = try elementSize(input.elementType)
        if sampler.interpolation != .nearest && !input.elementType.isFloatingPoint {
            throw nodeError("\(sampler.interpolation.rawValue) mode needs a floating-point input, got "
                + "\(input.elementType)")
        }
        let rank = input.shape.count
        let resized = try normalizedAxes(axesAttribute ?? Array(0..<rank), rank: rank)
        var axes = input.shape.map { ResizeSampler.Axis(inLength: $0, outLength: $0, scale: 1) }
        let scalesInfo = opset < 11 ? inputs[1] : given(inputs, 2)
        let sizesInfo = opset < 11 ? nil : given(inputs, 3)
        if scalesInfo != nil && sizesInfo != nil {
            throw nodeError("give either scales or sizes, not both")
        }
        if let scalesInfo {
            let scales = try reals(scalesInfo, "input 'scales'")
            guard scales.count == resized.count else {
                throw nodeError("scales has \(scales.count) values for \(resized.count) axes")
            }
            guard aspectPolicy == .stretch else {
                throw nodeError("keep_aspect_ratio_policy \(aspectPolicy.rawValue) needs sizes, not scales")
            }
            for (i, a) in resized.enumerated() {
                let scale = scales[i]
                guard scale > 0, scale.isFinite else { throw nodeError("scales must be positive, got \(scales)") }
                let length = (Double(axes[a].inLength) * scale).rounded(.down)
                guard length < Double(1 << 62) else { throw nodeError("scale \(scale) makes axis \(a) too long") }
                axes[a].outLength = Int(length)
                axes[a].scale = scale
            }
        } else if let sizesInfo {
            let sizes = try knownIntegers(sizesInfo, "input 'sizes'")
            guard sizes.count == resized.count else {
                throw nodeError("sizes has \(sizes.count) values for \(resized.count) axes")
            }
            guard sizes.allSatisfy({ $0 >= 0 }) else { throw nodeError("sizes \(sizes) has a negative value") }
            let ratios = resized.enumerated().map { Double(sizes[$0.offset]) / Double(axes[$0.element].inLength) }
            for (i, a) in resized.enumerated() {
                switch aspectPolicy {
                case .stretch:
                    axes[a].outLength = sizes[i]
                    axes[a].scale = ratios[i]
                case .notLarger, .notSmaller:
                    // One scale for all resized axes; lengths round half up.
                    let scale = aspectPolicy == .notLarger ? ratios.min()! : ratios.max()!
                    let length = (scale * Double(axes[a].inLength)).rounded(.toNearestOrAwayFromZero)
                    guard length.isFinite, length < Double(1 << 62) else {
                        throw nodeError("sizes \(sizes) make axis \(a) too long")
                    }
                    axes[a].outLength = Int(length)
                    axes[a].scale = scale
                }
            }
        } else {
            throw nodeError("needs a non-empty scales or sizes input")
        }
        if sampler.coordinates == .tfCropAndResize {
            guard let roiInfo = given(inputs, 1) else {
                throw nodeError("tf_crop_and_resize needs the roi input")
            }
            let roi = try reals(roiInfo, "input 'roi'")
            guard roi.count == 2 * resized.count else {
                throw nodeError("roi has \(roi.count) values, expected \(2 * resized.count)")
            }
            for (i, a) in resized.enumerated() {
                axes[a].roiStart = roi[i]
                axes[a].roiEnd = roi[i + resized.count]
            }
        }
        for (a, axis) in axes.enumerated() where axis.inLength == 0 && axis.outLength > 0 {
            throw nodeError("cannot resize axis \(a) of size 0 to \(axis.outLength)")
        }
        try checkedCount(axes.map(\.outLength), input.elementType)
        return axes
    }

    func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo] {
        [TensorInfo(elementType: inputs[0]!.elementType, shape: try plan(inputs).map(\.outLength))]
    }

    func run(_ inputs: [Tensor?]) throws -> [Tensor] {
        let axes = try plan(inputs.map { $0.map(TensorInfo.init) })
        return [sampler.resize(inputs[0]!, axes)]
    }
}
