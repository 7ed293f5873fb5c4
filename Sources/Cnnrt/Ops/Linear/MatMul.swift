/// ONNX MatMul: the matrix product with numpy semantics. A 1-D first operand is a row vector and a
/// 1-D second operand a column vector (the added axis is removed from the result); operands of rank
/// above 2 are stacks of matrices whose leading (batch) dimensions broadcast.
struct MatMul: NodeNamedOperator {
    static let opType = "MatMul"

    let nodeName: String

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 2...2)
        nodeName = node.displayName
    }

    private struct Plan {
        var m: Int, n: Int, k: Int
        var batch: [Int]
        /// Batch shapes of the operands, padded on the left with 1s to the rank of `batch`.
        var batchA: [Int], batchB: [Int]
        var shape: [Int]
    }

    private func plan(_ a: TensorInfo, _ b: TensorInfo) throws -> Plan {
        guard a.elementType == b.elementType else {
            throw nodeError("operands are \(a.elementType) and \(b.elementType); they must have one type")
        }
        switch a.elementType {
        case .float, .double, .float16, .bfloat16, .int32, .int64, .uint32, .uint64: break
        default: throw nodeError("\(a.elementType) is not supported (float, double, float16, bfloat16, "
                                 + "int32, int64, uint32, uint64)")
        }
        guard a.shape.count >= 1, b.shape.count >= 1 else {
            throw nodeError("operands must have rank 1 or more, got \(a.shape) and \(b.shape)")
        }
        let sa = a.shape.count == 1 ? [1] + a.shape : a.shape
        let sb = b.shape.count == 1 ? b.shape + [1] : b.shape
        let (m, k) = (sa[sa.count - 2], sa[sa.count - 1])
        let (kb, n) = (sb[sb.count - 2], sb[sb.count - 1])
        guard k == kb else { throw nodeError("shapes \(a.shape) and \(b.shape) do not match for a product") }
        let rawA = Array(sa.dropLast(2)), rawB = Array(sb.dropLast(2))
        guard let batch = Shape.broadcast(rawA, rawB) else {
            throw nodeError("batch dimensions of \(a.shape) and \(b.shape) do not broadcast")
        }
        var shape = batch
        if a.shape.count > 1 { shape.append(m) }
        if b.shape.count > 1 { shape.append(n) }
        try checkedCount(batch + [m, n], a.elementType)
        let pad = { (s: [Int]) in [Int](repeating: 1, count: batch.count - s.count) + s }
        return Plan(m: m, n: n, k: k, batch: batch, batchA: pad(rawA), batchB: pad(rawB), shape: shape)
    }

    func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo] {
        [TensorInfo(elementType: inputs[0]!.elementType, shape: try plan(inputs[0]!, inputs[1]!).shape)]
    }

    func run(_ inputs: [Tensor?]) throws -> [Tensor] {
        let a = inputs[0]!, b = inputs[1]!
        let plan = try plan(TensorInfo(a), TensorInfo(b))
        switch a.elementType {
        case .float: return [multiply(a, b, plan, Float.self)]
        case .double: return [multiply(a, b, plan, Double.self)]
        case .int32: return [multiply(a, b, plan, Int32.self)]
        case .int64: return [multiply(a, b, plan, Int64.self)]
        case .uint32: return [multiply(a, b, plan, UInt32.self)]
        case .uint64: return [multiply(a, b, plan, UInt64.self)]
        default:
            let wide = multiply(MatrixProduct.widened(a), MatrixProduct.widened(b), plan, Float.self)
            return [MatrixProduct.narrowed(wide, to: a.elementType)]
        }
    }

    private func multiply<T: MatrixElement>(_ a: Tensor, _ b: Tensor, _ plan: Plan, _: T.Type) -> Tensor {
        var output = Tensor(zeros: T.elementType, shape: plan.shape)
        let (m, n, k) = (plan.m, plan.n, plan.k)
        let batchCount = plan.batch.reduce(1, *)
        // Element strides of each operand's batch axes; broadcast (size-1) axes do not advance.
        let stridesA = Shape.strides(plan.batchA).enumerated().map { plan.batchA[$0.offset] == 1 ? 0 : $0.element }
        let stridesB = Shape.strides(plan.batchB).enumerated().map { plan.batchB[$0.offset] == 1 ? 0 : $0.element }
        let outStrides = Shape.strides(plan.batch)
        a.withUnsafeBufferPointer(as: T.self) { pa in
            b.withUnsafeBufferPointer(as: T.self) { pb in
                output.withUnsafeMutableBufferPointer(as: T.self) { pc in
                    guard let aBase = pa.baseAddress, let bBase = pb.baseAddress, let cBase = pc.baseAddress else {
                        return
                    }
                    for index in 0..<batchCount {
                        var matA = 0, matB = 0, rest = index
                        for axis in plan.batch.indices {
                            let i = rest / outStrides[axis]
                            rest -= i * outStrides[axis]
                            matA += i * stridesA[axis]
                            matB += i * stridesB[axis]
                        }
                        MatrixProduct.multiply(
                            .init(base: aBase + matA * m * k, rowStride: k, columnStride: 1),
                            .init(base: bBase + matB * k * n, rowStride: n, columnStride: 1),
                            into: cBase + index * m * n, m: m, n: n, k: k)
                    }
                }
            }
        }
        return output
    }
}
