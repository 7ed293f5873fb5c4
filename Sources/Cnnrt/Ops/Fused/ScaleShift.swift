/// `ScaleShift` (ai.cnnrt): `Y = X * scale[c] + shift[c]` along axis 1 of `X` [N, C, ...], with
/// `scale` and `shift` of shape [C]. What an inference BatchNormalization becomes when no producer
/// can absorb it.
struct ScaleShift: OperatorDefinition {
    static let opType = "ScaleShift"
    static let domain = "ai.cnnrt"
    static let supportedOpsets: ClosedRange<Int> = 1...1

    let name: String

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 3...3)
        name = node.displayName
    }

    private func check(_ x: [Int], _ scale: [Int], _ shift: [Int]) throws {
        guard x.count >= 2, scale == [x[1]], shift == [x[1]] else {
            throw CnnrtError.invalidNode(node: name, opType: Self.opType,
                                         reason: "X \(x) needs scale and shift of shape [C], got \(scale) and \(shift)")
        }
    }

    func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo] {
        guard inputs.allSatisfy({ $0?.elementType == .float }) else {
            throw CnnrtError.invalidNode(node: name, opType: Self.opType, reason: "supports float32 tensors only")
        }
        try check(inputs[0]!.shape, inputs[1]!.shape, inputs[2]!.shape)
        return [TensorInfo(elementType: .float, shape: inputs[0]!.shape)]
    }

    func run(_ inputs: [Tensor?]) throws -> [Tensor] {
        let x = inputs[0]!, scale = inputs[1]!, shift = inputs[2]!
        guard inputs.allSatisfy({ $0?.elementType == .float }) else {
            throw CnnrtError.invalidNode(node: name, opType: Self.opType, reason: "supports float32 tensors only")
        }
        try check(x.shape, scale.shape, shift.shape)
        let channels = x.shape[1]
        let plane = x.shape[2...].reduce(1, *)
        var y = Tensor(zeros: .float, shape: x.shape)
        y.withUnsafeMutableBufferPointer(as: Float.self) { out in
            x.withUnsafeBufferPointer(as: Float.self) { xs in
                scale.withUnsafeBufferPointer(as: Float.self) { ss in
                    shift.withUnsafeBufferPointer(as: Float.self) { hs in
                        for i in 0..<out.count {
                            let c = (i / plane) % channels
                            out[i] = xs[i] * ss[c] + hs[c]
                        }
                    }
                }
            }
        }
        return [y]
    }
}
