/// ONNX Constant: outputs the tensor held in its one attribute: `value`, or from opset 12
/// `value_float` / `value_int` (scalars) or `value_floats` / `value_ints` (1-D). String values and
/// `sparse_value` are not supported.
struct Constant: NodeNamedOperator {
    static let opType = "Constant"

    let nodeName: String
    let value: Tensor

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 0...0)
        nodeName = node.displayName
        let known = ["value", "value_float", "value_floats", "value_int", "value_ints", "value_string",
                     "value_strings", "sparse_value"]
        let present = known.filter { node.hasAttribute($0) }
        guard present.count == 1 else {
            throw node.invalid(present.isEmpty ? "needs one of the attributes \(known.joined(separator: ", "))"
                               : "has several value attributes (\(present.joined(separator: ", "))), expected one")
        }
        let name = present[0]
        if name != "value" && opset < 12 && name != "sparse_value" {
            throw node.invalid("attribute '\(name)' needs opset 12")
        }
        switch name {
        case "value":
            guard let tensor = try node.tensor("value") else { throw node.invalid("attribute 'value' is missing") }
            value = tensor
        case "value_float":
            value = Tensor(scalar: try node.float("value_float")!)
        case "value_floats":
            let floats = try node.floats("value_floats")!
            value = Tensor(shape: [floats.count], scalars: floats)
        case "value_int":
            value = Tensor(scalar: Int64(try node.int("value_int")!))
        case "value_ints":
            let ints = try node.ints("value_ints")!.map(Int64.init)
            value = Tensor(shape: [ints.count], scalars: ints)
        case "sparse_value":
            throw node.invalid("sparse_value (a sparse tensor constant) is not supported")
        default:
            throw node.invalid("string constants ('\(name)') are not supported")
        }
    }

    func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo] {
        [TensorInfo(value)]
    }

    func run(_ inputs: [Tensor?]) throws -> [Tensor] {
        [value]
    }
}
