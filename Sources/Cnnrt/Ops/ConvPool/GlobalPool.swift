/// The output shape of a global pooling operator: N x C x 1 x ... x 1, one value per channel.
private func globalPoolShape(_ x: [Int], fail: (String) -> CnnrtError) throws -> [Int] {
    guard x.count >= 2 else { throw fail("input X must be N x C x D1 ... Dn (rank >= 2), got shape \(x)") }
    return [x[0], x[1]] + [Int](repeating: 1, count: x.count - 2)
}

/// ONNX GlobalAveragePool (opsets 1, 22): the mean over all spatial elements of each channel of
/// X (N x C x D1 ... Dn), shaped N x C x 1 x ... x 1. An empty plane gives NaN.
struct GlobalAveragePool: OperatorDefinition {
    static let opType = "GlobalAveragePool"

    let name: String

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 1...1)
        name = node.displayName
    }

    private func fail(_ reason: String) -> CnnrtError {
        .invalidNode(node: name, opType: Self.opType, reason: reason)
    }

    private func elementType(_ x: ElementType?) throws -> ElementType {
        try ConvPoolElementTypes.check([x], allowed: ConvPoolElementTypes.floats, names: ["X"], fail: fail)
    }

    func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo] {
        let type = try elementType(inputs[0]?.elementType)
        return [TensorInfo(elementType: type, shape: try globalPoolShape(inputs[0]!.shape, fail: fail))]
    }

    func run(_ inputs: [Tensor?]) throws -> [Tensor] {
        let type = try elementType(inputs[0]?.elementType)
        // Dispatched here, in the kernel's file, so the optimizer specializes `compute` per type.
        switch type {
        case .double: return try compute(inputs, as: Double.self)
        case .float: return try compute(inputs, as: Float.self)
        default: return try ConvPoolElementTypes.viaFloat32(inputs, type: type) { try compute($0, as: Float.self) }
        }
    }

    private func compute<T: ConvPoolFloat>(_ inputs: [Tensor?], as type: T.Type) throws -> [Tensor] {
        let x = inputs[0]!
        let shape = try globalPoolShape(x.shape, fail: fail)
        var y = Tensor(zeros: T.elementType, shape: shape)
        let planes = x.shape[0] &* x.shape[1]
        let plane = x.shape[2...].reduce(1, *)
        let scale = T(plane)
        x.withUnsafeBufferPointer(as: T.self) { xp in
            y.withUnsafeMutableBufferPointer(as: T.self) { yp in
                for c in 0..<planes {
                    let base = c &* plane
                    var sum: T = 0
                    for i in 0..<plane { sum += xp[base &+ i] }
                    yp[c] = sum / scale
                }
            }
        }
        return [y]
    }
}

/// ONNX GlobalMaxPool (opsets 1, 22): the maximum over all spatial elements of each channel of
/// X (N x C x D1 ... Dn), shaped N x C x 1 x ... x 1. A NaN in a plane gives NaN (as numpy's max);
/// an empty plane gives -infinity.
struct GlobalMaxPool: OperatorDefinition {
    static let opType = "GlobalMaxPool"

    let name: String

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 1...1)
        name = node.displayName
    }

    private func fail(_ reason: String) -> CnnrtError {
        .invalidNode(node: name, opType: Self.opType, reason: reason)
    }

    private func elementType(_ x: ElementType?) throws -> ElementType {
        try ConvPoolElementTypes.check([x], allowed: ConvPoolElementTypes.floats, names: ["X"], fail: fail)
    }

    func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo] {
        let type = try elementType(inputs[0]?.elementType)
        return [TensorInfo(elementType: type, shape: try globalPoolShape(inputs[0]!.shape, fail: fail))]
    }

    func run(_ inputs: [Tensor?]) throws -> [Tensor] {
        let type = try elementType(inputs[0]?.elementType)
        // Dispatched here, in the kernel's file, so the optimizer specializes `compute` per type.
        switch type {
        case .double: return try compute(inputs, as: Double.self)
        case .float: return try compute(inputs, as: Float.self)
        default: return try ConvPoolElementTypes.viaFloat32(inputs, type: type) { try compute($0, as: Float.self) }
        }
    }

    private func compute<T: ConvPoolFloat>(_ inputs: [Tensor?], as type: T.Type) throws -> [Tensor] {
        let x = inputs[0]!
        let shape = try globalPoolShape(x.shape, fail: fail)
        var y = Tensor(zeros: T.elementType, shape: shape)
        let planes = x.shape[0] &* x.shape[1]
        let plane = x.shape[2...].reduce(1, *)
        x.withUnsafeBufferPointer(as: T.self) { xp in
            y.withUnsafeMutableBufferPointer(as: T.self) { yp in
                for c in 0..<planes {
                    let base = c &* plane
                    var best = -T.infinity
                    for i in 0..<plane {
                        let v = xp[base &+ i]
                        if v.isNaN {
                            best = v
                            break
                        }
                        if v > best { best = v }
                    }
                    yp[c] = best
                }
            }
        }
        return [y]
    }
}
