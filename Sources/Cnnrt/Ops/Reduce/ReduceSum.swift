/// ONNX ReduceSum: the sum of the elements over `axes` (all axes when empty, unless
/// `noop_with_empty_axes` = 1), keeping the reduced axes as size 1 when `keepdims` = 1. The axes are
/// an attribute before opset 13 and an optional input from 13; negative axes from opset 11.
struct ReduceSum: ReductionOperator {
    static let opType = "ReduceSum"
    static let kind = ReductionKind.sum

    let nodeName: String
    let attributes: ReductionAttributes

    init(node: Node, opset: Int) throws {
        nodeName = node.displayName
        attributes = try ReductionAttributes(node: node, opset: opset, axesInputOpset: 13)
    }
}
