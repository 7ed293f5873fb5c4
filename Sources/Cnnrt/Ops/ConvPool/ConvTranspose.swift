/// ONNX ConvTranspose (opsets 1, 11, 22): the transpose (gradient) of Conv. X is N x C x D1 ... Dn, the
/// weights W are C x M/group x k1 ... kn, the optional bias B has M = W.shape[1] * group values. Each input
/// element scatters into the output:
///
///     Y[n, m, i * stride - padBegin + k * dilation] += X[n, c, i] * W[c, m - group(m) * M/group, k]
///
/// for c in m's group; this reference gathers the same sum per output element. The output size is
/// `stride * (D - 1) + output_padding + (k - 1) * dilation + 1 - padBegin - padEnd`, or `output_shape`
/// (which overrides `pads`), or `D * stride` for SAME_UPPER/SAME_LOWER; see `ConvPoolGeometry.transposed`.
struct ConvTranspose: OperatorDefinition {
    static let opType = "ConvTranspose"

    let name: String
    let attributes: ConvPoolAttributes
    let group: Int
    let outputPadding: [Int]?
    let outputShape: [Int]?

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 2...3)
        attributes = try ConvPoolAttributes(node: node, opset: opset, requireKernelShape: false)
        group = try node.int("group", default: 1)
        guard group >= 1 else { throw node.invalid("group must be positive, got \(group)") }
        let padding = try node.ints("output_padding")
        if let padding, padding.contains(where: { $0 < 0 }) {
            throw node.invalid("output_padding must not be negative, got \(padding)")
        }
        outputPadding = padding?.isEmpty == true ? nil : padding
        let shape = try node.ints("output_shape")
        if let shape, shape.contains(where: { $0 <= 0 }) {
            throw node.invalid("output_shape must be positive, got \(shape)")
        }
        outputShape = shape?.isEmpty == true ? nil : shape
        name = node.displayName
    }

    private func fail(_ reason: String) -> CnnrtError {
        .invalidNode(node: name, opType: Self.opType, reason: reason)
    }

    /// The element type shared by X, W and B.
    private func elementType(_ x: ElementType?, _ w: ElementType?, _ b: ElementType?) throws -> ElementType {
        try ConvPoolElementTypes.check([x, w, b], allowed: ConvPoolElementTypes.floats, names: ["X", "W", "B"],
                                       fail: fail)
    }

    /// The output shape and geometry for the given input shapes, shared by `inferOutputs` and `run`.
    func resolve(x: [Int], w: [Int], b: [Int]?) throws -> (shape: [Int], geometry: ConvPoolGeometry) {
        guard x.count >= 3 else { throw fail("input X must be N x C x D1 ... Dn (rank >= 3), got shape \(x)") }
        guard w.count == x.count else { throw fail("W has shape \(w) but X has rank \(x.count)") }
        let channels = x[1]
        guard w[0] == channels else { throw fail("W has \(w[0]) input channels but X has \(channels)") }
        guard channels % group == 0 else { throw fail("X has \(channels) channels, not divisible by group \(group)") }
        let (outChannels, overflow) = w[1].multipliedReportingOverflow(by: group)
        guard !overflow else { throw fail("W.shape[1] x group overflows") }
        if let b, b != [outChannels] { throw fail("bias B has shape \(b), expected [\(outChannels)]") }
        let kernel = Array(w[2...])
        if let declared = attributes.kernelShape, declared != kernel {
            throw fail("kernel_shape \(declared) does not match the weights' spatial shape \(kernel)")
        }
        if kernel.contains(where: { $0 <= 0 }) { throw fail("W has an empty kernel: shape \(w)") }
        let geometry = try ConvPoolGeometry.transposed(input: Array(x[2...]), kernel: kernel, attributes: attributes,
                                                       outputPadding: outputPadding, outputShape: outputShape,
                                                       fail: fail)
        return ([x[0], outChannels] + geometry.output, geometry)
    }

    func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo] {
        let b = inputs.count > 2 ? inputs[2] : nil
        let type = try elementType(inputs[0]?.elementType, inputs[1]?.elementType, b?.elementType)
        let (shape, _) = try resolve(x: inputs[0]!.shape, w: inputs[1]!.shape, b: b?.shape)
        try ConvPoolShapes.checkedOutput(shape, type, fail: fail)
        return [TensorInfo(elementType: type, shape: shape)]
    }

    func run(_ inputs: [Tensor?]) throws -> [Tensor] {
        let b = inputs.count > 2 ? inputs[2] : nil
        let type = try elementType(inputs[0]?.elementType, inputs[1]?.elementType, b?.elementType)
        // Dispatched here, in the kernel's file, so the optimizer specializes `compute` per type.
        switch type {
        case .double: return try compute(inputs, as: Double.self)
        case .float: return try compute(inputs, as: Float.self)
        default: return try ConvPoolElementTypes.viaFloat32(inputs, type: type) { try compute($0, as: Float.self) }
        }
    }

    private func compute<T: ConvPoolFloat>(_ inputs: [Tensor?], as type: T.Type) throws -> [Tensor] {
        let x = inputs[0]!, w = inputs[1]!
        let b = inputs.count > 2 ? inputs[2] : nil
        let (shape, geometry) = try resolve(x: x.shape, w: w.shape, b: b?.shape)
        try ConvPoolShapes.checkedOutput(shape, T.elementType, fail: fail)
        var y = Tensor(zeros: T.elementType, shape: shape)

        let batch = x.shape[0], channels = x.shape[1], outChannels = shape[1]
        let groupChannels = channels / group, groupOutChannels = w.shape[1]
        let inputPlane = geometry.input.reduce(1, *)
        let outputPlane = geometry.output.reduce(1, *)
        let kernelPlane = geometry.kernel.reduce(1, *)
        let bias: [T] = b?.scalars(as: T.self) ?? [T](repeating: 0, count: outChannels)
        let taps = ConvPoolTaps(geometry, transposed: true)
        let cursor = ConvPoolCursor(output: geometry.output, capacity: taps.capacity)
        let inputOffsets = cursor.inputOffsets, kernelOffsets = cursor.kernelOffsets

        x.withUnsafeBufferPointer(as: T.self) { xp in
            w.withUnsafeBufferPointer(as: T.self) { wp in
                y.withUnsafeMutableBufferPointer(as: T.self) { yp in
                    for p in 0..<outputPlane {
                        let count = cursor.gather(taps)
                        for n in 0..<batch {
                            for m in 0..<outChannels {
                                let g = m / groupOutChannels, local = m &- g &* groupOutChannels
                                var sum = bias[m]
                                for c in (g &* groupChannels)..<((g &+ 1) &* groupChannels) {
                                    let xBase = (n &* channels &+ c) &* inputPlane
                                    let wBase = (c &* groupOutChannels &+ local) &* kernelPlane
                                    for t in 0..<count {
                                        sum += xp[xBase &+ inputOffsets[t]] * wp[wBase &+ kernelOffsets[t]]
                                    }
                                }
                                yp[(n &* outChannels &+ m) &* outputPlane &+ p] = sum
                            }
                        }
                        cursor.advance()
                    }
                }
            }
        }
        return [y]
    }
}
