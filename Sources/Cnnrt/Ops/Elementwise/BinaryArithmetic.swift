// Shared implementation of the two-input broadcasting operators (Add, Sub, Mul, Div): an operator supplies
// the scalar function, this file supplies the broadcasting rules of each opset and the loop.

/// An operator `y = f(a, b)` on two numeric tensors of one element type, with numpy broadcasting from
/// opset 7 and the legacy `broadcast`/`axis` attributes before it.
protocol BinaryArithmeticOperator: OperatorDefinition {
    var label: ElementwiseLabel { get }
    var broadcasting: LegacyBroadcast { get }
    func combine<C: ElementwiseCompute>(_ a: C, _ b: C) -> C
}

extension BinaryArithmeticOperator {
    func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo] {
        let a = inputs[0]!, b = inputs[1]!
        try checkTypes(a.elementType, b.elementType)
        let shapes = try broadcasting.shapes(a.shape, b.shape, label)
        return [TensorInfo(elementType: a.elementType, shape: shapes.output)]
    }

    func run(_ inputs: [Tensor?]) throws -> [Tensor] {
        let a = inputs[0]!, b = inputs[1]!
        try checkTypes(a.elementType, b.elementType)
        let shapes = try broadcasting.shapes(a.shape, b.shape, label)
        let kernel = BinaryArithmeticKernel(op: self, a: a, b: b, bShape: shapes.b, outShape: shapes.output)
        return [try a.elementType.dispatch(numeric: kernel, label)]
    }

    private func checkTypes(_ a: ElementType, _ b: ElementType) throws {
        try label.requireNumeric(a, "input A")
        guard a == b else { throw label.error("inputs have different element types \(a) and \(b)") }
    }
}

private struct BinaryArithmeticKernel<Op: BinaryArithmeticOperator>: ElementwiseScalarVisitor {
    let op: Op
    let a: Tensor
    let b: Tensor
    let bShape: [Int]
    let outShape: [Int]

    func visit<T: ElementwiseScalar>(_ type: T.Type) throws -> Tensor {
        var y = try op.label.makeTensor(T.elementType, shape: outShape)
        a.withUnsafeBufferPointer(as: T.self) { pa in
            b.withUnsafeBufferPointer(as: T.self) { pb in
                y.withUnsafeMutableBufferPointer(as: T.self) { py in
                    broadcastBinary(pa, a.shape, pb, bShape, into: py, outShape) { x, z in
                        T.fromCompute(op.combine(x.computeValue, z.computeValue))
                    }
                }
            }
        }
        return y
    }
}

/// How the binary arithmetic operators broadcast, by opset.
///
/// From opset 7: numpy broadcasting. Before: none unless `broadcast=1`, which repeats B over A, B's
/// dimensions lining up with A's from `axis` (by default with A's trailing dimensions); the output has A's
/// shape.
struct LegacyBroadcast: Sendable {
    enum Mode: Sendable, Equatable {
        case numpy
        case none
        case onto(axis: Int?)
    }

    let mode: Mode

    init(node: Node, opset: Int) throws {
        guard opset < 7 else {
            mode = .numpy
            return
        }
        let broadcast = try node.int("broadcast", default: 0)
        switch broadcast {
        case 0: mode = .none
        case 1: mode = .onto(axis: try node.int("axis"))
        default: throw node.invalid("attribute 'broadcast' must be 0 or 1, got \(broadcast)")
        }
    }

    /// The output shape, and B's shape as it lines up with the output (B's data is unchanged: only 1s are
    /// inserted). Throws naming `label`'s node when the shapes do not fit and when the output is too large.
    func shapes(_ a: [Int], _ b: [Int], _ label: ElementwiseLabel) throws -> (output: [Int], b: [Int]) {
        switch mode {
        case .numpy:
            guard let output = Shape.broadcast(a, b) else {
                throw label.error("shapes \(a) and \(b) cannot be broadcast together")
            }
            guard Shape.elementCount(output) != nil else {
                throw label.error("broadcast output shape \(output) is too large")
            }
            return (output, b)
        case .none:
            guard a == b else {
                throw label.error("shapes \(a) and \(b) differ and attribute 'broadcast' is 0 "
                    + "(before opset 7, broadcasting needs broadcast=1)")
            }
            return (a, b)
        case .onto(let axis):
            let start: Int
            if let axis {
                start = axis < 0 ? axis + a.count : axis
            } else {
                start = a.count - b.count
            }
            guard start >= 0, start + b.count <= a.count else {
                throw label.error("B's shape \(b) does not fit A's shape \(a) at axis \(axis ?? start)")
            }
            let aligned = [Int](repeating: 1, count: start) + b
                + [Int](repeating: 1, count: a.count - start - b.count)
            for (da, db) in zip(a, aligned) where db != da && db != 1 {
                throw label.error("B's shape \(b) does not broadcast onto A's shape \(a) at axis \(start)")
            }
            return (a, aligned)
        }
    }
}
