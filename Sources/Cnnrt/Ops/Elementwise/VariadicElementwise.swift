// Shared implementation of the operators that fold any number of broadcast inputs (Sum, Max, Min).

/// An operator folding one or more numeric inputs of one element type with `combine`, left to right,
/// over their numpy broadcast shape.
protocol VariadicElementwiseOperator: OperatorDefinition {
    var label: ElementwiseLabel { get }
    func combine<C: ElementwiseCompute>(_ a: C, _ b: C) -> C
}

extension VariadicElementwiseOperator {
    /// The shared shape and type check of `inferOutputs` and `run`.
    func output(_ types: [ElementType], _ shapes: [[Int]]) throws -> TensorInfo {
        let type = types[0]
        try label.requireNumeric(type, "input 0")
        for (i, other) in types.enumerated() where other != type {
            throw label.error("input \(i) has element type \(other), input 0 has \(type)")
        }
        guard let shape = BroadcastLayout.broadcastShape(shapes) else {
            throw label.error("input shapes \(shapes.map { "\($0)" }.joined(separator: ", ")) "
                + "cannot be broadcast together")
        }
        guard Shape.elementCount(shape) != nil else { throw label.error("output shape \(shape) is too large") }
        return TensorInfo(elementType: type, shape: shape)
    }

    func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo] {
        let present = try presentInputs(inputs)
        return [try output(present.map(\.elementType), present.map(\.shape))]
    }

    func run(_ inputs: [Tensor?]) throws -> [Tensor] {
        let present = try presentInputs(inputs)
        let info = try output(present.map(\.elementType), present.map(\.shape))
        return [try info.elementType.dispatch(numeric: VariadicKernel(op: self, inputs: present, shape: info.shape),
                                              label)]
    }

    private func presentInputs<T>(_ inputs: [T?]) throws -> [T] {
        // Every input of these variadic operators is required; the session passes nil for an empty name.
        guard !inputs.contains(where: { $0 == nil }) else { throw label.error("an input is missing (empty name)") }
        return inputs.map { $0! }
    }
}

private struct VariadicKernel<Op: VariadicElementwiseOperator>: ElementwiseScalarVisitor {
    let op: Op
    let inputs: [Tensor]
    let shape: [Int]

    func visit<T: ElementwiseScalar>(_ type: T.Type) throws -> Tensor {
        var y = try op.label.makeTensor(T.elementType, shape: shape)
        y.withUnsafeMutableBufferPointer(as: T.self) { py in
            inputs[0].withUnsafeBufferPointer(as: T.self) { broadcastCopy($0, inputs[0].shape, into: py, shape) }
            // The accumulator has the output's shape, so it can be read and written in place.
            let accumulator = UnsafeBufferPointer(py)
            for x in inputs.dropFirst() {
                x.withUnsafeBufferPointer(as: T.self) { px in
                    broadcastBinary(accumulator, shape, px, x.shape, into: py, shape) { a, b in
                        T.fromCompute(op.combine(a.computeValue, b.computeValue))
                    }
                }
            }
        }
        return y
    }
}
