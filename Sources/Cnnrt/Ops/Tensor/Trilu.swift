/// ONNX Trilu (opset 14+): the upper (`upper` = 1, the default) or lower triangle of the matrices in the last
/// two axes, the rest set to zero. Element (i, j) is kept when `j - i >= k` (upper) or `j - i <= k` (lower),
/// `k` being the optional int64 scalar input (default 0).
struct Trilu: NodeNamedOperator {
    static let opType = "Trilu"
    static var supportedOpsets: ClosedRange<Int> { 14...OperatorRegistry.newestOpset }

    let nodeName: String
    let upper: Bool

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 1...2)
        nodeName = node.displayName
        let value = try node.int("upper", default: 1)
        guard value == 0 || value == 1 else { throw node.invalid("upper must be 0 or 1, got \(value)") }
        upper = value == 1
    }

    private func check(_ input: TensorInfo, _ k: TensorInfo?) throws {
        _ = try elementSize(input.elementType)
        guard input.shape.count >= 2 else { throw nodeError("input must have rank 2 or more, got \(input.shape)") }
        if let k, k.shape.reduce(1, *) != 1 || k.elementType != .int64 {
            throw nodeError("k must be an int64 scalar, got \(k.elementType) \(k.shape)")
        }
    }

    func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo] {
        let input = inputs[0]!
        try check(input, inputs.count > 1 ? inputs[1] : nil)
        return [TensorInfo(elementType: input.elementType, shape: input.shape)]
    }

    func run(_ inputs: [Tensor?]) throws -> [Tensor] {
        let input = inputs[0]!
        let kTensor = inputs.count > 1 ? inputs[1] : nil
        try check(TensorInfo(input), kTensor.map(TensorInfo.init))
        let k = Int(kTensor?.integers()?[0] ?? 0)
        var y = input
        let rows = input.shape[input.rank - 2], columns = input.shape[input.rank - 1]
        let size = input.elementType.byteSize
        let matrices = rows &* columns == 0 ? 0 : input.count / (rows &* columns)
        // Zero bytes are zero (or false) in every element type.
        y.withUnsafeMutableBytesForMovement { dst in
            for m in 0..<matrices {
                for i in 0..<rows {
                    for j in 0..<columns {
                        let d = j &- i
                        let kept = upper ? d >= k : d <= k
                        if kept { continue }
                        let at = ((m &* rows &+ i) &* columns &+ j) &* size
                        (dst.baseAddress! + at).initializeMemory(as: UInt8.self, repeating: 0, count: size)
                    }
                }
            }
        }
        return [y]
    }
}
