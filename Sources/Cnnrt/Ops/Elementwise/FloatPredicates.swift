// IsNaN and IsInf: a bool per element of a float tensor.

/// An operator giving `test(x)` as bool for each element of a float tensor.
protocol FloatPredicateOperator: OperatorDefinition {
    var label: ElementwiseLabel { get }
    func test<C: ElementwiseFloatMath>(_ x: C) -> Bool
}

extension FloatPredicateOperator {
    func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo] {
        let x = inputs[0]!
        try label.requireFloat(x.elementType)
        return [TensorInfo(elementType: .bool, shape: x.shape)]
    }

    func run(_ inputs: [Tensor?]) throws -> [Tensor] {
        let x = inputs[0]!
        try label.requireFloat(x.elementType)
        return [try x.elementType.dispatch(float: FloatPredicateKernel(op: self, x: x), label)]
    }
}

private struct FloatPredicateKernel<Op: FloatPredicateOperator>: ElementwiseFloatVisitor {
    let op: Op
    let x: Tensor

    func visit<T: ElementwiseFloat>(_ type: T.Type) throws -> Tensor {
        var y = Tensor(zeros: .bool, shape: x.shape)
        x.withUnsafeBufferPointer(as: T.self) { px in
            y.withUnsafeMutableBufferPointer(as: Bool.self) { py in
                for i in 0..<px.count { py[i] = op.test(px[i].computeValue) }
            }
        }
        return y
    }
}

/// ONNX IsNaN (opset 9+): true where an element is NaN.
struct IsNaN: FloatPredicateOperator {
    static let opType = "IsNaN"
    static var supportedOpsets: ClosedRange<Int> { 9...OperatorRegistry.newestOpset }
    let label: ElementwiseLabel

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 1...1)
        label = ElementwiseLabel(node)
    }

    func test<C: ElementwiseFloatMath>(_ x: C) -> Bool { x.isNaN }
}

/// ONNX IsInf (opset 10+): true where an element is +inf (when `detect_positive` = 1, the default) or -inf
/// (when `detect_negative` = 1, the default).
struct IsInf: FloatPredicateOperator {
    static let opType = "IsInf"
    static var supportedOpsets: ClosedRange<Int> { 10...OperatorRegistry.newestOpset }
    let label: ElementwiseLabel
    let detectPositive: Bool
    let detectNegative: Bool

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 1...1)
        label = ElementwiseLabel(node)
        let positive = try node.int("detect_positive", default: 1)
        let negative = try node.int("detect_negative", default: 1)
        guard (0...1).contains(positive), (0...1).contains(negative) else {
            throw node.invalid("detect_positive and detect_negative must be 0 or 1, got \(positive) and \(negative)")
        }
        detectPositive = positive == 1
        detectNegative = negative == 1
    }

    func test<C: ElementwiseFloatMath>(_ x: C) -> Bool {
        x.isInfinite && (x > 0 ? detectPositive : detectNegative)
    }
}
