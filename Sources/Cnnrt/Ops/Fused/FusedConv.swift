/// `FusedConv` (ai.cnnrt): `Y = activation(Conv(X, W, B) + Z)`. Inputs `X`, `W`, optional `B`,
/// optional `Z` (the output's shape); Conv's attributes plus the activation attributes.
///
/// The reference implementation: a direct convolution loop, the oracle for faster kernels.
struct FusedConv: OperatorDefinition {
    static let opType = "FusedConv"
    static let domain = "ai.cnnrt"
    static let supportedOpsets: ClosedRange<Int> = 1...1

    let conv: ConvAttributes
    let activation: FusedActivation
    let name: String

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 2...4)
        conv = try ConvAttributes(node: node)
        activation = try FusedActivation(node: node)
        name = node.displayName
    }

    private func invalid(_ reason: String) -> CnnrtError {
        .invalidNode(node: name, opType: Self.opType, reason: reason)
    }

    /// The geometry for the given shapes, checking bias and residual too.
    private func geometry(_ x: [Int], _ w: [Int], bias: [Int]?, residual: [Int]?) throws -> ConvGeometry {
        guard x.count <= 5 else { throw invalid("supports 1 to 3 spatial axes, X has shape \(x)") }
        let g = try conv.geometry(input: x, weight: w)
        if let bias, bias != [g.outChannels] { throw invalid("B has shape \(bias), expected [\(g.outChannels)]") }
        if let residual, residual != g.outputShape {
            throw invalid("Z has shape \(residual), expected the output shape \(g.outputShape)")
        }
        return g
    }

    func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo] {
        let infos = inputs + Array(repeating: nil, count: max(0, 4 - inputs.count))
        guard infos.allSatisfy({ $0 == nil || $0!.elementType == .float }) else {
            throw invalid("supports float32 tensors only")
        }
        let g = try geometry(infos[0]!.shape, infos[1]!.shape, bias: infos[2]?.shape, residual: infos[3]?.shape)
        return [TensorInfo(elementType: .float, shape: g.outputShape)]
    }

    func run(_ inputs: [Tensor?]) throws -> [Tensor] {
        let args = inputs + Array(repeating: nil, count: max(0, 4 - inputs.count))
        let x = args[0]!, w = args[1]!, bias = args[2], residual = args[3]
        guard args.allSatisfy({ $0 == nil || $0!.elementType == .float }) else {
            throw invalid("supports float32 tensors only")
        }
        let g = try geometry(x.shape, w.shape, bias: bias?.shape, residual: residual?.shape)
        var y = try Tensor.checkedZeros(.float, shape: g.outputShape, for: "node '\(name)' (FusedConv): output")
        y.withUnsafeMutableBufferPointer(as: Float.self) { out in
            x.withUnsafeBufferPointer(as: Float.self) { xs in
                w.withUnsafeBufferPointer(as: Float.self) { ws in
                    Self.convolve(g, xs, ws, out)
                }
            }
            let spatial = g.output.reduce(1, *)
            if let bias {
                bias.withUnsafeBufferPointer(as: Float.self) { bs in
                    for i in 0..<out.count { out[i] += bs[(i / spatial) % g.outChannels] }
                }
            }
            if let residual {
                residual.withUnsafeBufferPointer(as: Float.self) { zs in
                    for i in 0..<out.count { out[i] += zs[i] }
                }
            }
            activation.apply(to: out)
        }
        return [y]
    }

    /// Accumulates the convolution of `xs` with `ws` into `out` (zero on entry).
    static func convolve(_ g: ConvGeometry, _ xs: UnsafeBufferPointer<Float>, _ ws: UnsafeBufferPointer<Float>,
                         _ out: UnsafeMutableBufferPointer<Float>) {
        let inSize = g.volume(g.input, fill: 1), outSize = g.volume(g.output, fill: 1)
        let kernel = g.volume(g.kernel, fill: 1), stride = g.volume(g.strides, fill: 1)
        let dilation = g.volume(g.dilations, fill: 1), pad = g.volume(g.padBegin, fill: 0)
        let inPlane = inSize[0] &* inSize[1] &* inSize[2]
        let outPlane = outSize[0] &* outSize[1] &* outSize[2]
        let kernelVolume = kernel[0] &* kernel[1] &* kernel[2]
        let groupIn = g.channels / g.group, groupOut = g.outChannels / g.group
        for n in 0..<g.batch {
            for m in 0..<g.outChannels {
                let firstChannel = (m / groupOut) &* groupIn
                let outBase = (n &* g.outChannels &+ m) &* outPlane
                for od in 0..<outSize[0] {
                    for oh in 0..<outSize[1] {
                        for ow in 0..<outSize[2] {
                            var sum: Float = 0
                            for c in 0..<groupIn {
                                let inBase = (n &* g.channels &+ firstChannel &+ c) &* inPlane
                                let wBase = (m &* groupIn &+ c) &* kernelVolume
                                for kd in 0..<kernel[0] {
                                    let id = od &* stride[0] &- pad[0] &+ kd &* dilation[0]
                                    if id < 0 || id >= inSize[0] { continue }
                                    for kh in 0..<kernel[1] {
                                        let ih = oh &* stride[1] &- pad[1] &+ kh &* dilation[1]
                                        if ih < 0 || ih >= inSize[1] { continue }
                                        let row = inBase &+ (id &* inSize[1] &+ ih) &* inSize[2]
                                        let wRow = wBase &+ (kd &* kernel[1] &+ kh) &* kernel[2]
                                        for kw in 0..<kernel[2] {
                                            let iw = ow &* stride[2] &- pad[2] &+ kw &* dilation[2]
                                            if iw < 0 || iw >= inSize[2] { continue }
                                            sum += xs[row &+ iw] * ws[wRow &+ kw]
                                        }
                                    }
                                }
                            }
                            out[outBase &+ (od &* outSize[1] &+ oh) &* outSize[2] &+ ow] = sum
                        }
                    }
                }
            }
        }
    }
}
