import Foundation

/// ONNX LRN (opsets 1, 13): local response normalization across channels of X (N x C x D1 ... Dn):
///
///     square_sum[n, c, d] = sum of X[n, i, d]^2 for max(0, c - floor((size - 1) / 2))
///                           <= i <= min(C - 1, c + ceil((size - 1) / 2))
///     Y[n, c, d] = X[n, c, d] / (bias + alpha / size * square_sum[n, c, d]) ^ beta
///
/// The denominator is computed in Double. The opsets differ only in element types.
struct LRN: OperatorDefinition {
    static let opType = "LRN"

    let name: String
    let alpha: Double
    let beta: Double
    let bias: Double
    let size: Int

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 1...1)
        guard let size = try node.int("size") else { throw node.invalid("attribute 'size' is required") }
        guard size >= 1 else { throw node.invalid("size must be positive, got \(size)") }
        self.size = size
        alpha = Double(try node.float("alpha", default: 0.0001))
        beta = Double(try node.float("beta", default: 0.75))
        bias = Double(try node.float("bias", default: 1.0))
        guard alpha.isFinite, beta.isFinite, bias.isFinite else {
            throw node.invalid("alpha, beta and bias must be finite, got \(alpha), \(beta), \(bias)")
        }
        name = node.displayName
    }

    private func fail(_ reason: String) -> CnnrtError {
        .invalidNode(node: name, opType: Self.opType, reason: reason)
    }

    private func elementType(_ x: ElementType?) throws -> ElementType {
        try ConvPoolElementTypes.check([x], allowed: ConvPoolElementTypes.floats, names: ["X"], fail: fail)
    }

    private func shape(_ x: [Int]) throws -> [Int] {
        guard x.count >= 2 else { throw fail("input X must be N x C x D1 ... Dn (rank >= 2), got shape \(x)") }
        return x
    }

    func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo] {
        let type = try elementType(inputs[0]?.elementType)
        return [TensorInfo(elementType: type, shape: try shape(inputs[0]!.shape))]
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
        let dims = try shape(x.shape)
        var y = Tensor(zeros: T.elementType, shape: dims)
        let batch = dims[0], channels = dims[1]
        let plane = dims[2...].reduce(1, *)
        let before = (size - 1) / 2, after = size / 2   // floor and ceil of (size - 1) / 2
        let scale = alpha / Double(size)
        let bias = self.bias, beta = self.beta
        x.withUnsafeBufferPointer(as: T.self) { xp in
            y.withUnsafeMutableBufferPointer(as: T.self) { yp in
                for n in 0..<batch {
                    for c in 0..<channels {
                        let low = max(0, c - before), high = min(channels - 1, c + after)
                        let out = (n &* channels &+ c) &* plane
                        for i in 0..<plane {
                            var squares = 0.0
                            if low <= high {
                                for j in low...high {
                                    let v = Double(xp[(n &* channels &+ j) &* plane &+ i])
                                    squares += v * v
                                }
                            }
                            let v = Double(xp[out &+ i])
                            yp[out &+ i] = T(v / pow(bias + scale * squares, beta))
                        }
                    }
                }
            }
        }
        return [y]
    }
}
