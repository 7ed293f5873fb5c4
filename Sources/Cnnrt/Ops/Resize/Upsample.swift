/// ONNX Upsample (opsets 7-10, deprecated in favour of Resize): enlarges each axis by its scale
/// (`floor(dim * scale)`, every scale >= 1) with asymmetric coordinates, by nearest neighbour
/// (rounding down) or multilinear interpolation. The scales are an attribute in opsets 7-8 and an
/// input from 9.
struct Upsample: NodeNamedOperator {
    static let opType = "Upsample"
    static var supportedOpsets: ClosedRange<Int> { 7...OperatorRegistry.newestOpset }

    let nodeName: String
    let sampler: ResizeSampler
    let scalesAttribute: [Double]?

    init(node: Node, opset: Int) throws {
        nodeName = node.displayName
        let modeName = try node.string("mode", default: "nearest")
        let mode: ResizeSampler.Interpolation
        switch modeName {
        case "nearest": mode = .nearest
        case "linear", "bilinear": mode = .linear
        default: throw node.invalid("unknown mode '\(modeName)' (expected nearest or linear)")
        }
        sampler = ResizeSampler(interpolation: mode, coordinates: .asymmetric, rounding: .simple)
        if opset < 9 {
            try node.requireArity(inputs: 1...1)
            guard let scales = try node.floats("scales") else { throw node.invalid("attribute 'scales' is required") }
            scalesAttribute = scales.map(Double.init)
        } else {
            try node.requireArity(inputs: 2...2)
            scalesAttribute = nil
        }
    }

    private func plan(_ inputs: [TensorInfo?]) throws -> [ResizeSampler.Axis] {
        let input = inputs[0]!
        _ = try elementSize(input.elementType)
        if sampler.interpolation == .linear && !input.elementType.isFloatingPoint {
            throw nodeError("linear mode needs a floating-point input, got \(input.elementType)")
        }
        let scales: [Double]
        if let scalesAttribute {
            scales = scalesAttribute
        } else {
            let value = try knownValue(inputs[1]!, "input 'scales'")
            guard value.elementType.isFloatingPoint else {
                throw nodeError("scales must be a floating-point tensor, got \(value.elementType)")
            }
            scales = value.doubles()
        }
        guard scales.count == input.shape.count else {
            throw nodeError("scales has \(scales.count) values for an input of rank \(input.shape.count)")
        }
        let axes = try zip(input.shape, scales).map { dim, scale -> ResizeSampler.Axis in
            guard scale >= 1, scale.isFinite else { throw nodeError("scales must be >= 1, got \(scales)") }
            let length = (Double(dim) * scale).rounded(.down)
            guard length < Double(1 << 62) else { throw nodeError("scale \(scale) makes the output too large") }
            return ResizeSampler.Axis(inLength: dim, outLength: Int(length), scale: scale)
        }
        try checkedCount(axes.map(\.outLength), input.elementType)
        return axes
    }

    func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo] {
        [TensorInfo(elementType: inputs[0]!.elementType, shape: try plan(inputs).map(\.outLength))]
    }

    func run(_ inputs: [Tensor?]) throws -> [Tensor] {
        [sampler.resize(inputs[0]!, try plan(inputs.map { $0.map(TensorInfo.init) }))]
    }
}
