// Shared implementation of the operators that map each element on its own: an operator supplies the
// scalar function, this file supplies shape inference and the loop.

/// An operator `y = f(x)` on a float tensor (float32, float64, float16, bfloat16; the 16-bit types are
/// computed in Float). The output has the input's type and shape.
protocol FloatUnaryOperator: OperatorDefinition {
    var label: ElementwiseLabel { get }
    func apply<C: ElementwiseFloatMath>(_ x: C) -> C
}

extension FloatUnaryOperator {
    func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo] {
        let x = inputs[0]!
        try label.requireFloat(x.elementType)
        return [TensorInfo(elementType: x.elementType, shape: x.shape)]
    }

    func run(_ inputs: [Tensor?]) throws -> [Tensor] {
        let x = inputs[0]!
        return [try x.elementType.dispatch(float: FloatUnaryKernel(op: self, x: x), label)]
    }
}

private struct FloatUnaryKernel<Op: FloatUnaryOperator>: ElementwiseFloatVisitor {
    let op: Op
    let x: Tensor

    func visit<T: ElementwiseFloat>(_ type: T.Type) throws -> Tensor {
        var y = Tensor(zeros: x.elementType, shape: x.shape)
        x.withUnsafeBufferPointer(as: T.self) { src in
            y.withUnsafeMutableBufferPointer(as: T.self) { dst in
                for i in 0..<src.count { dst[i] = T.fromCompute(op.apply(src[i].computeValue)) }
            }
        }
        return y
    }
}

/// An operator `y = f(x)` on a numeric tensor (floats and integers). The output has the input's type and
/// shape.
protocol NumericUnaryOperator: OperatorDefinition {
    var label: ElementwiseLabel { get }
    func apply<C: ElementwiseCompute>(_ x: C) -> C
}

extension NumericUnaryOperator {
    func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo] {
        let x = inputs[0]!
        try label.requireNumeric(x.elementType)
        return [TensorInfo(elementType: x.elementType, shape: x.shape)]
    }

    func run(_ inputs: [Tensor?]) throws -> [Tensor] {
        let x = inputs[0]!
        return [try x.elementType.dispatch(numeric: NumericUnaryKernel(op: self, x: x), label)]
    }
}

private struct NumericUnaryKernel<Op: NumericUnaryOperator>: ElementwiseScalarVisitor {
    let op: Op
    let x: Tensor

    func visit<T: ElementwiseScalar>(_ type: T.Type) throws -> Tensor {
        var y = Tensor(zeros: x.elementType, shape: x.shape)
        x.withUnsafeBufferPointer(as: T.self) { src in
            y.withUnsafeMutableBufferPointer(as: T.self) { dst in
                for i in 0..<src.count { dst[i] = T.fromCompute(op.apply(src[i].computeValue)) }
            }
        }
        return y
    }
}
