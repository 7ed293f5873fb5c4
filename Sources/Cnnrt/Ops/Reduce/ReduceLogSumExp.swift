/// ONNX ReduceLogSumExp: the natural log of the sum of the exponentials of the elements over `axes` (all
/// axes when empty, unless `noop_with_empty_axes` = 1), keeping the reduced axes as size 1 when
/// `keepdims` = 1. The axes are an attribute before opset 18 and an optional input from 18; negative axes
/// from opset 11. Computed with the group's maximum subtracted first, so large inputs do not overflow; an
/// empty group gives -inf.
struct ReduceLogSumExp: AxisReductionOperator {
    static let opType = "ReduceLogSumExp"
    static let kind = AxisReductionKind.logSumExp

    let nodeName: String
    let attributes: AxisReductionAttributes

    init(node: Node, opset: Int) throws {
        nodeName = node.displayName
        attributes = try AxisReductionAttributes(node: node, opset: opset, axesInputOpset: 18)
    }
}
