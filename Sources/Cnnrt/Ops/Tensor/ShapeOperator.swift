/// ONNX Shape: the input's shape as a 1-D int64 tensor; from opset 15 only dimensions
/// `start ..< end` (negative values count from the back, both clamped to `[0, rank]`).
struct ShapeOperator: NodeNamedOperator {
    static let opType = "Shape"

    let nodeName: String
    let start: Int
    let end: Int?

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 1...1)
        nodeName = node.displayName
        if opset >= 15 {
            start = try node.int("start", default: 0)
            end = try node.int("end")
        } else {
            start = 0
            end = nil
        }
    }

    private func dims(_ shape: [Int]) -> [Int] {
        let rank = shape.count
        func clamp(_ v: Int) -> Int { min(max(v < 0 ? v + rank : v, 0), rank) }
        let s = clamp(start)
        let e = clamp(end ?? rank)
        return s < e ? Array(shape[s..<e]) : []
    }

    private func output(_ shape: [Int]) -> Tensor {
        let d = dims(shape)
        return Tensor(shape: [d.count], scalars: d.map(Int64.init))
    }

    func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo] {
        // The shape is known during inference, so the value is too.
        [TensorInfo(output(inputs[0]!.shape))]
    }

    func run(_ inputs: [Tensor?]) throws -> [Tensor] {
        [output(inputs[0]!.shape)]
    }
}
