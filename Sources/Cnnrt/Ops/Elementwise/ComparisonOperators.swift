// The comparison operators (Equal, Less, LessOrEqual, Greater, GreaterOrEqual): two inputs of one element
// type, a bool output, numpy broadcasting from opset 7 and the legacy `broadcast`/`axis` attributes before.

/// An operator `y = a ⋄ b` giving bool, on two inputs of one numeric type (and bool for Equal).
/// Floats compare as IEEE values: NaN is unequal to everything and unordered; -0 equals +0.
protocol ComparisonOperator: OperatorDefinition {
    var label: ElementwiseLabel { get }
    var broadcasting: LegacyBroadcast { get }
    /// Whether bool inputs are accepted (Equal only).
    static var comparesBool: Bool { get }
    func compare<C: ElementwiseCompute>(_ a: C, _ b: C) -> Bool
}

extension ComparisonOperator {
    static var comparesBool: Bool { false }

    /// The shared check of `inferOutputs` and `run`: the output shape and B's shape as it lines up.
    func shapes(_ a: TensorInfo, _ b: TensorInfo) throws -> (output: [Int], b: [Int]) {
        let type = a.elementType
        if !(type == .bool && Self.comparesBool) { try label.requireNumeric(type, "input A") }
        guard b.elementType == type else {
            throw label.error("inputs have different element types \(type) and \(b.elementType)")
        }
        return try broadcasting.shapes(a.shape, b.shape, label)
    }

    func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo] {
        [TensorInfo(elementType: .bool, shape: try shapes(inputs[0]!, inputs[1]!).output)]
    }

    func run(_ inputs: [Tensor?]) throws -> [Tensor] {
        let a = inputs[0]!, b = inputs[1]!
        let s = try shapes(TensorInfo(a), TensorInfo(b))
        if a.elementType == .bool {
            // Only Equal gets here: bool equality.
            var y = try label.makeTensor(.bool, shape: s.output)
            a.withUnsafeBufferPointer(as: Bool.self) { pa in
                b.withUnsafeBufferPointer(as: Bool.self) { pb in
                    y.withUnsafeMutableBufferPointer(as: Bool.self) { py in
                        broadcastBinary(pa, a.shape, pb, s.b, into: py, s.output) { $0 == $1 }
                    }
                }
            }
            return [y]
        }
        let kernel = ComparisonKernel(op: self, a: a, b: b, bShape: s.b, outShape: s.output)
        return [try a.elementType.dispatch(numeric: kernel, label)]
    }
}

private struct ComparisonKernel<Op: ComparisonOperator>: ElementwiseScalarVisitor {
    let op: Op
    let a: Tensor
    let b: Tensor
    let bShape: [Int]
    let outShape: [Int]

    func visit<T: ElementwiseScalar>(_ type: T.Type) throws -> Tensor {
        var y = try op.label.makeTensor(.bool, shape: outShape)
        a.withUnsafeBufferPointer(as: T.self) { pa in
            b.withUnsafeBufferPointer(as: T.self) { pb in
                y.withUnsafeMutableBufferPointer(as: Bool.self) { py in
                    broadcastBinary(pa, a.shape, pb, bShape, into: py, outShape) { x, z in
                        op.compare(x.computeValue, z.computeValue)
                    }
                }
            }
        }
        return y
    }
}

/// ONNX Equal: the elementwise `A == B` as bool, for numeric and bool inputs (strings are not supported).
struct Equal: ComparisonOperator {
    static let opType = "Equal"
    static let comparesBool = true
    let label: ElementwiseLabel
    let broadcasting: LegacyBroadcast

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 2...2)
        label = ElementwiseLabel(node)
        broadcasting = try LegacyBroadcast(node: node, opset: opset)
    }

    func compare<C: ElementwiseCompute>(_ a: C, _ b: C) -> Bool { a == b }
}

/// ONNX Less: the elementwise `A < B` as bool.
struct Less: ComparisonOperator {
    static let opType = "Less"
    let label: ElementwiseLabel
    let broadcasting: LegacyBroadcast

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 2...2)
        label = ElementwiseLabel(node)
        broadcasting = try LegacyBroadcast(node: node, opset: opset)
    }

    func compare<C: ElementwiseCompute>(_ a: C, _ b: C) -> Bool { a < b }
}

/// ONNX LessOrEqual (opset 12+): the elementwise `A <= B` as bool.
struct LessOrEqual: ComparisonOperator {
    static let opType = "LessOrEqual"
    static var supportedOpsets: ClosedRange<Int> { 12...OperatorRegistry.newestOpset }
    let label: ElementwiseLabel
    let broadcasting: LegacyBroadcast

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 2...2)
        label = ElementwiseLabel(node)
        broadcasting = try LegacyBroadcast(node: node, opset: opset)
    }

    func compare<C: ElementwiseCompute>(_ a: C, _ b: C) -> Bool { a <= b }
}

/// ONNX Greater: the elementwise `A > B` as bool.
struct Greater: ComparisonOperator {
    static let opType = "Greater"
    let label: ElementwiseLabel
    let broadcasting: LegacyBroadcast

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 2...2)
        label = ElementwiseLabel(node)
        broadcasting = try LegacyBroadcast(node: node, opset: opset)
    }

    func compare<C: ElementwiseCompute>(_ a: C, _ b: C) -> Bool { a > b }
}

/// ONNX GreaterOrEqual (opset 12+): the elementwise `A >= B` as bool.
struct GreaterOrEqual: ComparisonOperator {
    static let opType = "GreaterOrEqual"
    static var supportedOpsets: ClosedRange<Int> { 12...OperatorRegistry.newestOpset }
    let label: ElementwiseLabel
    let broadcasting: LegacyBroadcast

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 2...2)
        label = ElementwiseLabel(node)
        broadcasting = try LegacyBroadcast(node: node, opset: opset)
    }

    func compare<C: ElementwiseCompute>(_ a: C, _ b: C) -> Bool { a >= b }
}
