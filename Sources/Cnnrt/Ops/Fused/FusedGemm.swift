/// `FusedGemm` (ai.cnnrt): `Y = activation(alpha * A' @ B' + beta * C)`, Gemm's inputs and attributes
/// (`alpha`, `beta`, `transA`, `transB`) plus the activation attributes. `C` is optional and
/// broadcasts to [M, N] as in Gemm.
struct FusedGemm: OperatorDefinition {
    static let opType = "FusedGemm"
    static let domain = "ai.cnnrt"
    static let supportedOpsets: ClosedRange<Int> = 1...1

    let alpha: Float
    let beta: Float
    let transA: Bool
    let transB: Bool
    let activation: FusedActivation
    let name: String

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 2...3)
        alpha = try node.float("alpha", default: 1)
        beta = try node.float("beta", default: 1)
        transA = try node.int("transA", default: 0) != 0
        transB = try node.int("transB", default: 0) != 0
        activation = try FusedActivation(node: node)
        name = node.displayName
    }

    private func invalid(_ reason: String) -> CnnrtError {
        .invalidNode(node: name, opType: Self.opType, reason: reason)
    }

    /// M, K and N, checking that A, B and C fit together.
    private func sizes(_ a: [Int], _ b: [Int], _ c: [Int]?) throws -> (m: Int, k: Int, n: Int) {
        guard a.count == 2, b.count == 2 else { throw invalid("A \(a) and B \(b) must be matrices") }
        let (m, k) = transA ? (a[1], a[0]) : (a[0], a[1])
        let (kb, n) = transB ? (b[1], b[0]) : (b[0], b[1])
        guard k == kb else { throw invalid("A \(a) and B \(b) do not multiply (transA \(transA), transB \(transB))") }
        if let c {
            let padded = Array(repeating: 1, count: max(0, 2 - c.count)) + c
            guard c.count <= 2, padded[0] == 1 || padded[0] == m, padded[1] == 1 || padded[1] == n else {
                throw invalid("C \(c) does not broadcast to [\(m), \(n)]")
            }
        }
        return (m, k, n)
    }

    func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo] {
        guard inputs.allSatisfy({ $0 == nil || $0!.elementType == .float }) else {
            throw invalid("supports float32 tensors only")
        }
        let s = try sizes(inputs[0]!.shape, inputs[1]!.shape, inputs.count > 2 ? inputs[2]?.shape : nil)
        return [TensorInfo(elementType: .float, shape: [s.m, s.n])]
    }

    func run(_ inputs: [Tensor?]) throws -> [Tensor] {
        let a = inputs[0]!, b = inputs[1]!, c = inputs.count > 2 ? inputs[2] : nil
        guard inputs.allSatisfy({ $0 == nil || $0!.elementType == .float }) else {
            throw invalid("supports float32 tensors only")
        }
        let (m, k, n) = try sizes(a.shape, b.shape, c?.shape)
        // Element strides of A' and B' along their rows and columns.
        let (aRow, aCol) = transA ? (1, m) : (k, 1)
        let (bRow, bCol) = transB ? (1, k) : (n, 1)
        var y = try Tensor.checkedZeros(.float, shape: [m, n], for: "node '\(name)' (FusedGemm): output")
        y.withUnsafeMutableBufferPointer(as: Float.self) { out in
            a.withUnsafeBufferPointer(as: Float.self) { as_ in
                b.withUnsafeBufferPointer(as: Float.self) { bs in
                    for i in 0..<m {
                        for j in 0..<n {
                            var sum: Float = 0
                            for p in 0..<k { sum += as_[i &* aRow &+ p &* aCol] * bs[p &* bRow &+ j &* bCol] }
                            out[i &* n &+ j] = alpha * sum
                        }
                    }
                }
            }
            if let c, beta != 0 {
                let padded = Array(repeating: 1, count: max(0, 2 - c.rank)) + c.shape
                c.withUnsafeBufferPointer(as: Float.self) { cs in
                    for i in 0..<m {
                        for j in 0..<n {
                            out[i &* n &+ j] += beta * cs[(i % padded[0]) &* padded[1] &+ j % padded[1]]
                        }
                    }
                }
            }
            activation.apply(to: out)
        }
        return [y]
    }
}
