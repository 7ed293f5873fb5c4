// The logical operators on bool tensors: Not, and the broadcasting And, Or, Xor (numpy broadcasting from
// opset 7, the legacy `broadcast`/`axis` attributes before).

/// A two-input operator `y = a ⋄ b` on bool tensors.
protocol LogicalBinaryOperator: OperatorDefinition {
    var label: ElementwiseLabel { get }
    var broadcasting: LegacyBroadcast { get }
    func combine(_ a: Bool, _ b: Bool) -> Bool
}

extension LogicalBinaryOperator {
    /// The shared check of `inferOutputs` and `run`.
    func shapes(_ a: TensorInfo, _ b: TensorInfo) throws -> (output: [Int], b: [Int]) {
        guard a.elementType == .bool, b.elementType == .bool else {
            throw label.error("inputs must be bool, got \(a.elementType) and \(b.elementType)")
        }
        return try broadcasting.shapes(a.shape, b.shape, label)
    }

    func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo] {
        [TensorInfo(elementType: .bool, shape: try shapes(inputs[0]!, inputs[1]!).output)]
    }

    func run(_ inputs: [Tensor?]) throws -> [Tensor] {
        let a = inputs[0]!, b = inputs[1]!
        let s = try shapes(TensorInfo(a), TensorInfo(b))
        var y = try label.makeTensor(.bool, shape: s.output)
        a.withUnsafeBufferPointer(as: Bool.self) { pa in
            b.withUnsafeBufferPointer(as: Bool.self) { pb in
                y.withUnsafeMutableBufferPointer(as: Bool.self) { py in
                    broadcastBinary(pa, a.shape, pb, s.b, into: py, s.output) { combine($0, $1) }
                }
            }
        }
        return [y]
    }
}

/// ONNX And: the elementwise logical `A and B` of bool tensors.
struct And: LogicalBinaryOperator {
    static let opType = "And"
    let label: ElementwiseLabel
    let broadcasting: LegacyBroadcast

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 2...2)
        label = ElementwiseLabel(node)
        broadcasting = try LegacyBroadcast(node: node, opset: opset)
    }

    func combine(_ a: Bool, _ b: Bool) -> Bool { a && b }
}

/// ONNX Or: the elementwise logical `A or B` of bool tensors.
struct Or: LogicalBinaryOperator {
    static let opType = "Or"
    let label: ElementwiseLabel
    let broadcasting: LegacyBroadcast

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 2...2)
        label = ElementwiseLabel(node)
        broadcasting = try LegacyBroadcast(node: node, opset: opset)
    }

    func combine(_ a: Bool, _ b: Bool) -> Bool { a || b }
}

/// ONNX Xor: the elementwise logical `A xor B` of bool tensors.
struct Xor: LogicalBinaryOperator {
    static let opType = "Xor"
    let label: ElementwiseLabel
    let broadcasting: LegacyBroadcast

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 2...2)
        label = ElementwiseLabel(node)
        broadcasting = try LegacyBroadcast(node: node, opset: opset)
    }

    func combine(_ a: Bool, _ b: Bool) -> Bool { a != b }
}

/// ONNX Not: the elementwise logical negation of a bool tensor.
struct Not: OperatorDefinition {
    static let opType = "Not"
    let label: ElementwiseLabel

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 1...1)
        label = ElementwiseLabel(node)
    }

    func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo] {
        let x = inputs[0]!
        guard x.elementType == .bool else { throw label.error("input must be bool, got \(x.elementType)") }
        return [TensorInfo(elementType: .bool, shape: x.shape)]
    }

    func run(_ inputs: [Tensor?]) throws -> [Tensor] {
        let x = inputs[0]!
        _ = try inferOutputs([TensorInfo(elementType: x.elementType, shape: x.shape)])
        var y = Tensor(zeros: .bool, shape: x.shape)
        x.withUnsafeBufferPointer(as: Bool.self) { px in
            y.withUnsafeMutableBufferPointer(as: Bool.self) { py in
                for i in 0..<px.count { py[i] = !px[i] }
            }
        }
        return [y]
    }
}
