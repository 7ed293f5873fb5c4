/// ONNX Mean: the elementwise mean of one or more float inputs, with numpy broadcasting (opset 8+; earlier
/// opsets required equal shapes, which broadcasting also accepts). Summed like Sum, in the element type,
/// then divided by the number of inputs.
struct Mean: OperatorDefinition {
    static let opType = "Mean"
    let label: ElementwiseLabel
    /// Sum's fold over the same node computes the numerator.
    let sum: Sum

    init(node: Node, opset: Int) throws {
        sum = try Sum(node: node, opset: opset)
        label = ElementwiseLabel(node)
    }

    func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo] {
        let outputs = try sum.inferOutputs(inputs)
        try label.requireFloat(outputs[0].elementType)
        return outputs
    }

    func run(_ inputs: [Tensor?]) throws -> [Tensor] {
        if let first = inputs.first ?? nil { try label.requireFloat(first.elementType) }
        let total = try sum.run(inputs)[0]
        return [try total.elementType.dispatch(float: Divide(total: total, count: inputs.count), label)]
    }

    private struct Divide: ElementwiseFloatVisitor {
        var total: Tensor
        let count: Int

        func visit<T: ElementwiseFloat>(_ type: T.Type) throws -> Tensor {
            var y = total
            let n = T.Compute(count)
            y.withUnsafeMutableBufferPointer(as: T.self) { p in
                for i in 0..<p.count { p[i] = T.fromCompute(p[i].computeValue / n) }
            }
            return y
        }
    }
}
