/// ONNX Transpose: permutes the axes, output axis `i` being input axis `perm[i]`; without `perm` the
/// axes are reversed.
struct Transpose: NodeNamedOperator {
    static let opType = "Transpose"

    let nodeName: String
    let perm: [Int]?

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 1...1)
        nodeName = node.displayName
        perm = try node.ints("perm")
        if let perm, Set(perm).count != perm.count || perm.contains(where: { $0 < 0 || $0 >= perm.count }) {
            throw node.invalid("perm \(perm) is not a permutation of 0..<\(perm.count)")
        }
    }

    private func permutation(_ input: TensorInfo) throws -> [Int] {
        _ = try elementSize(input.elementType)
        let rank = input.shape.count
        guard let perm else { return Array((0..<rank).reversed()) }
        guard perm.count == rank else {
            throw nodeError("perm \(perm) has \(perm.count) axes but the input has rank \(rank)")
        }
        return perm
    }

    func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo] {
        let input = inputs[0]!
        let perm = try permutation(input)
        return [TensorInfo(elementType: input.elementType, shape: perm.map { input.shape[$0] })]
    }

    func run(_ inputs: [Tensor?]) throws -> [Tensor] {
        let input = inputs[0]!
        let perm = try permutation(TensorInfo(input))
        let shape = perm.map { input.shape[$0] }
        let strides = Shape.strides(input.shape)
        let reads = perm.map { axis in DataMovement.AxisRead(stride: strides[axis], map: Array(0..<input.shape[axis])) }
        return [DataMovement.gather(input, shape: shape, reads: reads)]
    }
}
