/// `PointwiseConv` (ai.cnnrt): a 1x1 convolution with stride 1, no padding and group 1, as a matrix
/// product per image. Inputs `X` [N, C, spatial...], `W` [M, C], optional `B` [M], optional `Z`
/// [N, M, spatial...]; activation attributes. `Y[n] = activation(W @ X[n] + B + Z[n])`.
struct PointwiseConv: OperatorDefinition {
    static let opType = "PointwiseConv"
    static let domain = "ai.cnnrt"
    static let supportedOpsets: ClosedRange<Int> = 1...1

    let activation: FusedActivation
    let name: String

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 2...4)
        activation = try FusedActivation(node: node)
        name = node.displayName
    }

    private func invalid(_ reason: String) -> CnnrtError {
        .invalidNode(node: name, opType: Self.opType, reason: reason)
    }

    private func outputShape(_ x: [Int], _ w: [Int], bias: [Int]?, residual: [Int]?) throws -> [Int] {
        guard x.count >= 3 else { throw invalid("X must be [N, C, spatial...], got \(x)") }
        guard w.count == 2, w[1] == x[1] else { throw invalid("W must be [M, \(x[1])], got \(w)") }
        if let bias, bias != [w[0]] { throw invalid("B has shape \(bias), expected [\(w[0])]") }
        let shape = [x[0], w[0]] + x[2...]
        if let residual, residual != shape { throw invalid("Z has shape \(residual), expected \(shape)") }
        return shape
    }

    func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo] {
        let infos = inputs + Array(repeating: nil, count: max(0, 4 - inputs.count))
        guard infos.allSatisfy({ $0 == nil || $0!.elementType == .float }) else {
            throw invalid("supports float32 tensors only")
        }
        let shape = try outputShape(infos[0]!.shape, infos[1]!.shape, bias: infos[2]?.shape,
                                    residual: infos[3]?.shape)
        return [TensorInfo(elementType: .float, shape: shape)]
    }

    func run(_ inputs: [Tensor?]) throws -> [Tensor] {
        let args = inputs + Array(repeating: nil, count: max(0, 4 - inputs.count))
        let x = args[0]!, w = args[1]!, bias = args[2], residual = args[3]
        guard args.allSatisfy({ $0 == nil || $0!.elementType == .float }) else {
            throw invalid("supports float32 tensors only")
        }
        let shape = try outputShape(x.shape, w.shape, bias: bias?.shape, residual: residual?.shape)
        let channels = x.shape[1], outChannels = w.shape[0], batch = x.shape[0]
        let plane = x.shape[2...].reduce(1, *)
        var y = try Tensor.checkedZeros(.float, shape: shape, for: "node '\(name)' (PointwiseConv): output")
        y.withUnsafeMutableBufferPointer(as: Float.self) { out in
            x.withUnsafeBufferPointer(as: Float.self) { xs in
                w.withUnsafeBufferPointer(as: Float.self) { ws in
                    for n in 0..<batch {
                        for m in 0..<outChannels {
                            let row = (n &* outChannels &+ m) &* plane
                            for c in 0..<channels {
                                let weight = ws[m &* channels &+ c]
                                let column = (n &* channels &+ c) &* plane
                                for p in 0..<plane { out[row &+ p] += weight * xs[column &+ p] }
                            }
                        }
                    }
                }
            }
            if let bias {
                bias.withUnsafeBufferPointer(as: Float.self) { bs in
                    for i in 0..<out.count { out[i] += bs[(i / plane) % outChannels] }
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
}
