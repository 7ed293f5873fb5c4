/// ONNX EyeLike (opset 9+): a 2-D tensor of the input's shape with ones on the diagonal shifted by `k`
/// (positive: above the main diagonal) and zeros elsewhere, of the type `dtype` (default: the input's).
struct EyeLike: NodeNamedOperator {
    static let opType = "EyeLike"
    static var supportedOpsets: ClosedRange<Int> { 9...OperatorRegistry.newestOpset }

    let nodeName: String
    let dtype: ElementType?
    let k: Int

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 1...1)
        nodeName = node.displayName
        dtype = try node.int("dtype").map { try Cast.elementType(onnx: $0, node) }
        k = try node.int("k", default: 0)
    }

    private func output(_ input: TensorInfo) throws -> TensorInfo {
        guard input.shape.count == 2 else { throw nodeError("input must be 2-D, got shape \(input.shape)") }
        let type = dtype ?? input.elementType
        _ = try elementSize(type)
        return TensorInfo(elementType: type, shape: input.shape)
    }

    func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo] { [try output(inputs[0]!)] }

    func run(_ inputs: [Tensor?]) throws -> [Tensor] {
        let info = try output(TensorInfo(inputs[0]!))
        var y = try makeOutput(info.elementType, info.shape)
        let one = DataMovement.bytes(of: 1, as: info.elementType)
        let rows = info.shape[0], columns = info.shape[1], size = one.count
        y.withUnsafeMutableBytesForMovement { dst in
            one.withUnsafeBytes { src in
                for i in 0..<rows {
                    let j = i &+ k
                    guard j >= 0 && j < columns else { continue }
                    DataMovement.copyBytes(src, from: 0, dst, to: (i &* columns &+ j) &* size, count: size)
                }
            }
        }
        return [y]
    }
}
