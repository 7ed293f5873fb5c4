/// ONNX ReduceSum: the sum of the elements over `axes` (all axes when empty, unless
/// `noop_with_empty_axes` = 1), keeping the reduced axes as size 1 when `keepdims` = 1. The axes are
/// an attribute before opset 13 and an optional input from 13; negative axes from opset 11.
struct ReduceSum: AxisReductionOperator {
    static let opType = "ReduceSum"
    static let kind = AxisReductionKind.sum

    let nodeName: String
    let attributes: AxisReductionAttributes

    init(node: Node, opset: Int) throws {
        nodeName = node.displayName
        attributes = try AxisReductionAttributes(node: node, opset: opset, axesInputOpset: 13)
    }
}
