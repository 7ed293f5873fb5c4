/// ONNX Gemm: `Y = alpha * A' * B' + beta * C`, where `A'` is A or its transpose (`transA`), `B'`
/// likewise (`transB`), and C (optional from opset 11) broadcasts unidirectionally to `[M, N]`.
/// Computes in float32 for float, float16 and bfloat16 and in float64 for double.
struct Gemm: NodeNamedOperator {
    static let opType = "Gemm"

    let nodeName: String
    let transA: Bool
    let transB: Bool
    let alpha: Float
    let beta: Float

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: opset >= 11 ? 2...3 : 3...3)
        nodeName = node.displayName
        let ta = try node.int("transA", default: 0), tb = try node.int("transB", default: 0)
        guard (0...1).contains(ta), (0...1).contains(tb) else {
            throw node.invalid("transA and transB must be 0 or 1, got \(ta) and \(tb)")
        }
        transA = ta == 1
        transB = tb == 1
        alpha = try node.float("alpha", default: 1)
        beta = try node.float("beta", default: 1)
    }

    private struct Plan {
        var m: Int, n: Int, k: Int
    }

    private func plan(_ inputs: [TensorInfo?]) throws -> Plan {
        let a = inputs[0]!, b = inputs[1]!
        guard a.elementType == b.elementType else {
            throw nodeError("A is \(a.elementType) but B is \(b.elementType)")
        }
        guard [.float, .double, .float16, .bfloat16].contains(a.elementType) else {
            throw nodeError("\(a.elementType) is not supported (float, double, float16, bfloat16)")
        }
        guard a.shape.count == 2, b.shape.count == 2 else {
            throw nodeError("A and B must be 2-D, got \(a.shape) and \(b.shape)")
        }
        let (m, k) = transA ? (a.shape[1], a.shape[0]) : (a.shape[0], a.shape[1])
        let (kb, n) = transB ? (b.shape[1], b.shape[0]) : (b.shape[0], b.shape[1])
        guard k == kb else {
            throw nodeError("A' is \(m)x\(k) but B' is \(kb)x\(n) (transA \(transA), transB \(transB))")
        }
        if inputs.count > 2, let c = inputs[2] {
            guard c.elementType == a.elementType else {
                throw nodeError("C is \(c.elementType) but A is \(a.elementType)")
            }
            guard c.shape.count <= 2, Shape.broadcast([m, n], c.shape) == [m, n] else {
                throw nodeError("C of shape \(c.shape) does not broadcast to [\(m), \(n)]")
            }
        }
        try checkedCount([m, n], a.elementType)
        return Plan(m: m, n: n, k: k)
    }

    func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo] {
        let plan = try plan(inputs)
        return [TensorInfo(elementType: inputs[0]!.elementType, shape: [plan.m, plan.n])]
    }

    func run(_ inputs: [Tensor?]) throws -> [Tensor] {
        let plan = try plan(inputs.map { $0.map(TensorInfo.init) })
        let a = inputs[0]!, b = inputs[1]!
        let c = inputs.count > 2 ? inputs[2] : nil
        switch a.elementType {
        case .double: return [compute(a, b, c, plan, Double.self)]
        case .float: return [compute(a, b, c, plan, Float.self)]
        default:
            let wide = compute(MatrixProduct.widened(a), MatrixProduct.widened(b), c.map(MatrixProduct.widened),
                               plan, Float.self)
            return [MatrixProduct.narrowed(wide, to: a.elementType)]
        }
    }

    private func compute<T: MatrixElement & BinaryFloatingPoint>(
        _ a: Tensor, _ b: Tensor, _ c: Tensor?, _ plan: Plan, _: T.Type
    ) -> Tensor {
        let (m, n, k) = (plan.m, plan.n, plan.k)
        var output = Tensor(zeros: T.elementType, shape: [m, n])
        let alpha = T(self.alpha), beta = T(self.beta)
        a.withUnsafeBufferPointer(as: T.self) { pa in
            b.withUnsafeBufferPointer(as: T.self) { pb in
                output.withUnsafeMutableBufferPointer(as: T.self) { py in
                    guard let aBase = pa.baseAddress, let bBase = pb.baseAddress, let y = py.baseAddress else { return }
                    // A is stored [M, K] (or [K, M] when transposed); B [K, N] (or [N, K]).
                    let opA = MatrixProduct.Operand(base: aBase, rowStride: transA ? 1 : k,
                                                    columnStride: transA ? m : 1)
                    let opB = MatrixProduct.Operand(base: bBase, rowStride: transB ? 1 : n,
                                                    columnStride: transB ? k : 1)
                    MatrixProduct.multiply(opA, opB, into: y, m: m, n: n, k: k)
                    for i in 0..<(m &* n) { py[i] = alpha * py[i] }
                }
            }
        }
        guard let c, beta != 0 else { return output }
        // C broadcasts unidirectionally: a size-1 (or missing) axis repeats.
        let cShape = [Int](repeating: 1, count: 2 - c.rank) + c.shape
        let rowStride = cShape[0] == 1 ? 0 : cShape[1]
        let columnStride = cShape[1] == 1 ? 0 : 1
        c.withUnsafeBufferPointer(as: T.self) { pc in
            output.withUnsafeMutableBufferPointer(as: T.self) { py in
                for i in 0..<m {
                    let row = i &* rowStride
                    for j in 0..<n {
                        py[i &* n &+ j] += beta * pc[row &+ j &* columnStride]
                    }
                }
            }
        }
        return output
    }
}
