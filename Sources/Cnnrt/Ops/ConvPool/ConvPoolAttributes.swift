/// How ONNX's `auto_pad` attribute chooses the padding of convolution and pooling operators.
enum ConvPoolAutoPad: String, Sendable {
    /// Explicit `pads` (zero when absent).
    case notSet = "NOTSET"
    /// Pad so the output is `ceil(input / stride)` (forward) or `input * stride` (transposed); an odd
    /// extra element of padding goes at the end.
    case sameUpper = "SAME_UPPER"
    /// As `sameUpper`, with an odd extra element at the beginning.
    case sameLower = "SAME_LOWER"
    /// No padding.
    case valid = "VALID"

    var isSame: Bool { self == .sameUpper || self == .sameLower }
}

/// The window attributes shared by Conv, ConvTranspose, MaxPool and AveragePool, read and checked once.
///
/// The spatial rank is only known from the input, so list lengths against it are checked by
/// `ConvPoolGeometry`; here every list is checked for sign and for agreement with the other lists.
struct ConvPoolAttributes: Sendable, Equatable {
    /// `kernel_shape`, or nil when absent (Conv and ConvTranspose then take it from the weights).
    var kernelShape: [Int]?
    var strides: [Int]?
    var dilations: [Int]?
    /// `[x1_begin, x2_begin, ..., x1_end, x2_end, ...]`.
    var pads: [Int]?
    var autoPad: ConvPoolAutoPad

    /// Reads the attributes of `node`.
    /// - Parameters:
    ///   - requireKernelShape: pooling operators need `kernel_shape`; convolutions infer it.
    ///   - dilationsSince: the first opset whose schema has `dilations` (nil: every opset has it).
    ///     Before it a non-default `dilations` is rejected rather than silently ignored.
    init(node: Node, opset: Int, requireKernelShape: Bool, dilationsSince: Int? = nil) throws {
        kernelShape = try Self.list(node, "kernel_shape")
        strides = try Self.list(node, "strides")
        dilations = try Self.list(node, "dilations")
        pads = try Self.list(node, "pads")
        let autoPadText = try node.string("auto_pad", default: "NOTSET")
        // Some old exporters write an empty string for the default.
        guard let autoPad = autoPadText.isEmpty ? .notSet : ConvPoolAutoPad(rawValue: autoPadText) else {
            throw node.invalid("auto_pad must be NOTSET, SAME_UPPER, SAME_LOWER or VALID, got '\(autoPadText)'")
        }
        self.autoPad = autoPad

        if requireKernelShape && kernelShape == nil {
            throw node.invalid("attribute 'kernel_shape' is required")
        }
        if let kernelShape, kernelShape.contains(where: { $0 <= 0 }) {
            throw node.invalid("kernel_shape must be positive, got \(kernelShape)")
        }
        if let strides, strides.contains(where: { $0 <= 0 }) {
            throw node.invalid("strides must be positive, got \(strides)")
        }
        if let dilations, dilations.contains(where: { $0 <= 0 }) {
            throw node.invalid("dilations must be positive, got \(dilations)")
        }
        if let pads {
            if pads.contains(where: { $0 < 0 }) { throw node.invalid("pads must not be negative, got \(pads)") }
            if pads.count % 2 != 0 { throw node.invalid("pads must have two values per spatial axis, got \(pads)") }
            // ONNX forbids pads together with auto_pad; zero pads say nothing and are tolerated.
            if autoPad != .notSet && pads.contains(where: { $0 != 0 }) {
                throw node.invalid("pads \(pads) cannot be used together with auto_pad \(autoPad.rawValue)")
            }
        }
        if let since = dilationsSince, opset < since, let dilations, dilations.contains(where: { $0 != 1 }) {
            throw node.invalid("attribute 'dilations' is only defined from opset \(since) (model uses \(opset))")
        }

        // Every list that is present must describe the same number of spatial axes.
        var counts: [(String, Int)] = []
        if let kernelShape { counts.append(("kernel_shape", kernelShape.count)) }
        if let strides { counts.append(("strides", strides.count)) }
        if let dilations { counts.append(("dilations", dilations.count)) }
        if let pads { counts.append(("pads/2", pads.count / 2)) }
        if let first = counts.first, let other = counts.first(where: { $0.1 != first.1 }) {
            throw node.invalid("\(first.0) has \(first.1) spatial axes but \(other.0) has \(other.1)")
        }
    }

    /// Pooling: every explicit pad must be smaller than the kernel on its axis, as ONNX Runtime requires
    /// (a larger pad only adds windows of padding).
    func checkPadsBelowKernel(_ node: Node) throws {
        guard let pads, let kernelShape else { return }
        let rank = kernelShape.count
        for (index, pad) in pads.enumerated() where pad >= kernelShape[index % rank] {
            throw node.invalid("pads \(pads) must be smaller than kernel_shape \(kernelShape) on each axis")
        }
    }

    /// An INTS attribute; an empty list means absent (some exporters write `strides: []`).
    private static func list(_ node: Node, _ name: String) throws -> [Int]? {
        guard let values = try node.ints(name), !values.isEmpty else { return nil }
        return values
    }
}

extension Node {
    /// Reads an INT attribute that the operator's schema only has from opset `since`; before it, a value
    /// other than the default is rejected, since ignoring it would silently change the result.
    func convPoolInt(_ name: String, default value: Int, since: Int, opset: Int) throws -> Int {
        let read = try int(name, default: value)
        if opset < since && read != value {
            throw invalid("attribute '\(name)' is only defined from opset \(since) (model uses \(opset))")
        }
        return read
    }

    /// Reads a 0/1 flag attribute (`ceil_mode`, `count_include_pad`, `storage_order`).
    func convPoolFlag(_ name: String, since: Int, opset: Int) throws -> Bool {
        let value = try convPoolInt(name, default: 0, since: since, opset: opset)
        guard value == 0 || value == 1 else { throw invalid("\(name) must be 0 or 1, got \(value)") }
        return value == 1
    }
}
