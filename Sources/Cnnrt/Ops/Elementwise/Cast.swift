/// ONNX Cast: converts each element to the type named by `to` (an INT data type; a STRING name in opset 1).
///
/// Between float32, float64, float16, bfloat16, every integer type and bool. Floats become integers by
/// truncation toward zero (numpy for in-range values); NaN becomes 0 and out-of-range values and ±inf
/// saturate to the integer type's bounds (ONNX leaves these implementation-defined). Integers narrow by
/// wrapping; float narrowing rounds to nearest even (overflowing to ±inf); bool is `value != 0` (NaN is true).
/// Float8, float4, 4-bit and 2-bit integer and string types are rejected, so `saturate` (opset 19+, float8
/// only) has no effect.
struct Cast: OperatorDefinition {
    static let opType = "Cast"
    let label: ElementwiseLabel
    let to: ElementType

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 1...1)
        label = ElementwiseLabel(node)
        to = try Cast.targetType(node)
        try Cast.checkSaturate(node)
    }

    func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo] {
        let x = inputs[0]!
        try Cast.checkSource(x.elementType, label)
        return [TensorInfo(elementType: to, shape: x.shape)]
    }

    func run(_ inputs: [Tensor?]) throws -> [Tensor] {
        [try castTensor(inputs[0]!, to: to, label)]
    }

    /// The `to` attribute as an element type, with a clear error for the types cnnrt does not handle.
    static func targetType(_ node: Node) throws -> ElementType {
        switch node.attribute("to") {
        case .int(let value):
            return try elementType(onnx: value, node)
        case .string(let name):
            // Opset 1 named the type (TensorProto.DataType's enum names).
            let names: [String: ElementType] = [
                "FLOAT": .float, "DOUBLE": .double, "FLOAT16": .float16, "BFLOAT16": .bfloat16, "BOOL": .bool,
                "INT8": .int8, "INT16": .int16, "INT32": .int32, "INT64": .int64,
                "UINT8": .uint8, "UINT16": .uint16, "UINT32": .uint32, "UINT64": .uint64,
            ]
            guard let type = names[name.uppercased()] else {
                throw node.invalid("attribute 'to' names an unsupported element type '\(name)'")
            }
            return type
        case nil:
            throw node.invalid("missing required attribute 'to'")
        case let other?:
            throw node.invalid("attribute 'to' must be INT, got \(other.typeName)")
        }
    }

    /// The element type for an ONNX data-type number, or an error naming what is unsupported.
    static func elementType(onnx value: Int, _ node: Node) throws -> ElementType {
        let unsupported: [Int: String] = [
            8: "string", 14: "complex64", 15: "complex128",
            17: "float8e4m3fn", 18: "float8e4m3fnuz", 19: "float8e5m2", 20: "float8e5m2fnuz",
            21: "uint4", 22: "int4", 23: "float4e2m1", 24: "float8e8m0", 25: "uint2", 26: "int2",
        ]
        if let name = unsupported[value] {
            let isFloat8 = name.hasPrefix("float8") || name.hasPrefix("float4")
            throw node.invalid("cast to \(name) is not supported" + (isFloat8 ? " (no float8/float4 support)" : ""))
        }
        guard let int32 = Int32(exactly: value), let type = ElementType(onnx: int32), type != .string else {
            throw node.invalid("attribute 'to' is not a known element type: \(value)")
        }
        return type
    }

    /// Reads `saturate` (opset 19+) so a wrongly typed value is reported; it only concerns float8.
    static func checkSaturate(_ node: Node) throws {
        if let saturate = try node.int("saturate"), saturate != 0 && saturate != 1 {
            throw node.invalid("attribute 'saturate' must be 0 or 1, got \(saturate)")
        }
    }

    static func checkSource(_ type: ElementType, _ label: ElementwiseLabel) throws {
        guard type.isCastScalar else { throw label.error("cast from \(type) is not supported") }
    }
}

/// `x` converted elementwise to `type` with Cast's semantics (the same tensor when the type already matches).
func castTensor(_ x: Tensor, to type: ElementType, _ label: ElementwiseLabel) throws -> Tensor {
    guard x.elementType != type else { return x }
    try Cast.checkSource(x.elementType, label)
    return try x.elementType.dispatch(castable: CastFrom(x: x, to: type, label: label), label)
}

/// First dispatch of Cast: the source type.
private struct CastFrom: CastScalarVisitor {
    let x: Tensor
    let to: ElementType
    let label: ElementwiseLabel

    func visit<S: CastScalar>(_ type: S.Type) throws -> Tensor {
        try to.dispatch(castable: CastInto<S>(x: x), label)
    }
}

/// Second dispatch of Cast: the destination type, with the source known.
private struct CastInto<S: CastScalar>: CastScalarVisitor {
    let x: Tensor

    func visit<D: CastScalar>(_ type: D.Type) throws -> Tensor {
        var y = Tensor(zeros: D.elementType, shape: x.shape)
        x.withUnsafeBufferPointer(as: S.self) { src in
            y.withUnsafeMutableBufferPointer(as: D.self) { dst in
                for i in 0..<src.count { dst[i] = src[i].castScalar(to: D.self) }
            }
        }
        return y
    }
}
