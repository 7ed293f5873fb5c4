#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The trigonometric and hyperbolic operators: `y = f(x)` elementwise on float tensors, computed in Double
// and rounded once to the element type.

/// ONNX Sin (opset 7+): the sine of each element, in radians.
struct Sin: FloatUnaryOperator {
    static let opType = "Sin"
    static var supportedOpsets: ClosedRange<Int> { 7...OperatorRegistry.newestOpset }
    let label: ElementwiseLabel

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 1...1)
        label = ElementwiseLabel(node)
    }

    func apply<C: ElementwiseFloatMath>(_ x: C) -> C { elementwiseViaDouble(x) { sin($0) } }
}

/// ONNX Cos (opset 7+): the cosine of each element, in radians.
struct Cos: FloatUnaryOperator {
    static let opType = "Cos"
    static var supportedOpsets: ClosedRange<Int> { 7...OperatorRegistry.newestOpset }
    let label: ElementwiseLabel

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 1...1)
        label = ElementwiseLabel(node)
    }

    func apply<C: ElementwiseFloatMath>(_ x: C) -> C { elementwiseViaDouble(x) { cos($0) } }
}

/// ONNX Tan (opset 7+): the tangent of each element, in radians.
struct Tan: FloatUnaryOperator {
    static let opType = "Tan"
    static var supportedOpsets: ClosedRange<Int> { 7...OperatorRegistry.newestOpset }
    let label: ElementwiseLabel

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 1...1)
        label = ElementwiseLabel(node)
    }

    func apply<C: ElementwiseFloatMath>(_ x: C) -> C { elementwiseViaDouble(x) { tan($0) } }
}

/// ONNX Asin (opset 7+): the arcsine (NaN outside [-1, 1]) of each element, in radians.
struct Asin: FloatUnaryOperator {
    static let opType = "Asin"
    static var supportedOpsets: ClosedRange<Int> { 7...OperatorRegistry.newestOpset }
    let label: ElementwiseLabel

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 1...1)
        label = ElementwiseLabel(node)
    }

    func apply<C: ElementwiseFloatMath>(_ x: C) -> C { elementwiseViaDouble(x) { asin($0) } }
}

/// ONNX Acos (opset 7+): the arccosine (NaN outside [-1, 1]) of each element, in radians.
struct Acos: FloatUnaryOperator {
    static let opType = "Acos"
    static var supportedOpsets: ClosedRange<Int> { 7...OperatorRegistry.newestOpset }
    let label: ElementwiseLabel

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 1...1)
        label = ElementwiseLabel(node)
    }

    func apply<C: ElementwiseFloatMath>(_ x: C) -> C { elementwiseViaDouble(x) { acos($0) } }
}

/// ONNX Atan (opset 7+): the arctangent of each element, in radians.
struct Atan: FloatUnaryOperator {
    static let opType = "Atan"
    static var supportedOpsets: ClosedRange<Int> { 7...OperatorRegistry.newestOpset }
    let label: ElementwiseLabel

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 1...1)
        label = ElementwiseLabel(node)
    }

    func apply<C: ElementwiseFloatMath>(_ x: C) -> C { elementwiseViaDouble(x) { atan($0) } }
}

/// ONNX Sinh (opset 9+): the hyperbolic sine of each element.
struct Sinh: FloatUnaryOperator {
    static let opType = "Sinh"
    static var supportedOpsets: ClosedRange<Int> { 9...OperatorRegistry.newestOpset }
    let label: ElementwiseLabel

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 1...1)
        label = ElementwiseLabel(node)
    }

    func apply<C: ElementwiseFloatMath>(_ x: C) -> C { elementwiseViaDouble(x) { sinh($0) } }
}

/// ONNX Cosh (opset 9+): the hyperbolic cosine of each element.
struct Cosh: FloatUnaryOperator {
    static let opType = "Cosh"
    static var supportedOpsets: ClosedRange<Int> { 9...OperatorRegistry.newestOpset }
    let label: ElementwiseLabel

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 1...1)
        label = ElementwiseLabel(node)
    }

    func apply<C: ElementwiseFloatMath>(_ x: C) -> C { elementwiseViaDouble(x) { cosh($0) } }
}

/// ONNX Asinh (opset 9+): the inverse hyperbolic sine of each element.
struct Asinh: FloatUnaryOperator {
    static let opType = "Asinh"
    static var supportedOpsets: ClosedRange<Int> { 9...OperatorRegistry.newestOpset }
    let label: ElementwiseLabel

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 1...1)
        label = ElementwiseLabel(node)
    }

    func apply<C: ElementwiseFloatMath>(_ x: C) -> C { elementwiseViaDouble(x) { asinh($0) } }
}

/// ONNX Acosh (opset 9+): the inverse hyperbolic cosine (NaN below 1) of each element.
struct Acosh: FloatUnaryOperator {
    static let opType = "Acosh"
    static var supportedOpsets: ClosedRange<Int> { 9...OperatorRegistry.newestOpset }
    let label: ElementwiseLabel

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 1...1)
        label = ElementwiseLabel(node)
    }

    func apply<C: ElementwiseFloatMath>(_ x: C) -> C { elementwiseViaDouble(x) { acosh($0) } }
}

/// ONNX Atanh (opset 9+): the inverse hyperbolic tangent (NaN outside [-1, 1]) of each element.
struct Atanh: FloatUnaryOperator {
    static let opType = "Atanh"
    static var supportedOpsets: ClosedRange<Int> { 9...OperatorRegistry.newestOpset }
    let label: ElementwiseLabel

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 1...1)
        label = ElementwiseLabel(node)
    }

    func apply<C: ElementwiseFloatMath>(_ x: C) -> C { elementwiseViaDouble(x) { atanh($0) } }
}
