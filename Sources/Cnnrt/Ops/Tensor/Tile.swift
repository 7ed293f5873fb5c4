/// ONNX Tile: repeats the input `repeats[i]` times along each axis i (the 1-D int64 `repeats` input
/// has one non-negative entry per axis).
struct Tile: NodeNamedOperator {
    static let opType = "Tile"
    static var supportedOpsets: ClosedRange<Int> { 6...OperatorRegistry.newestOpset }

    let nodeName: String

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 2...2)
        nodeName = node.displayName
    }

    private func outputShape(_ inputs: [TensorInfo?]) throws -> [Int] {
        let input = inputs[0]!
        _ = try elementSize(input.elementType)
        let repeats = try knownIntegers(inputs[1]!, "input 'repeats'")
        guard repeats.count == input.shape.count else {
            throw nodeError("repeats has \(repeats.count) values for an input of rank \(input.shape.count)")
        }
        let shape = try zip(input.shape, repeats).map { d, r -> Int in
            guard r >= 0 else { throw nodeError("repeats \(repeats) has a negative value") }
            let (n, overflow) = d.multipliedReportingOverflow(by: r)
            guard !overflow else { throw nodeError("tiled size overflows") }
            return n
        }
        try checkedCount(shape, input.elementType)
        return shape
    }

    func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo] {
        [TensorInfo(elementType: inputs[0]!.elementType, shape: try outputShape(inputs))]
    }

    func run(_ inputs: [Tensor?]) throws -> [Tensor] {
        let input = inputs[0]!
        let shape = try outputShape(inputs.map { $0.map(TensorInfo.init) })
        let strides = Shape.strides(input.shape)
        let reads = shape.indices.map { axis in
            DataMovement.AxisRead(stride: strides[axis], map: (0..<shape[axis]).map { $0 % input.shape[axis] })
        }
        return [DataMovement.gather(input, shape: shape, reads: reads)]
    }
}
