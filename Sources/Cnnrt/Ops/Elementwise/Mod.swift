/// ONNX Mod (opset 10+): the elementwise remainder of A / B with numpy broadcasting. With `fmod` = 0 (the
/// default) the result takes the divisor's sign (numpy's `mod`, Python's `%`); with `fmod` = 1 the dividend's
/// (C's `fmod`). An integer remainder by zero is 0; a float one is NaN.
struct Mod: OperatorDefinition {
    static let opType = "Mod"
    static var supportedOpsets: ClosedRange<Int> { 10...OperatorRegistry.newestOpset }
    let label: ElementwiseLabel
    let fmod: Bool

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 2...2)
        label = ElementwiseLabel(node)
        let value = try node.int("fmod", default: 0)
        guard value == 0 || value == 1 else { throw node.invalid("fmod must be 0 or 1, got \(value)") }
        fmod = value == 1
    }

    /// The shared check of `inferOutputs` and `run`.
    func output(_ a: TensorInfo, _ b: TensorInfo) throws -> TensorInfo {
        try label.requireNumeric(a.elementType, "input A")
        guard a.elementType == b.elementType else {
            throw label.error("inputs have different element types \(a.elementType) and \(b.elementType)")
        }
        guard let shape = Shape.broadcast(a.shape, b.shape) else {
            throw label.error("shapes \(a.shape) and \(b.shape) cannot be broadcast together")
        }
        try label.checkSize(a.elementType, shape: shape)
        return TensorInfo(elementType: a.elementType, shape: shape)
    }

    func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo] { [try output(inputs[0]!, inputs[1]!)] }

    func run(_ inputs: [Tensor?]) throws -> [Tensor] {
        let a = inputs[0]!, b = inputs[1]!
        let info = try output(TensorInfo(a), TensorInfo(b))
        switch info.elementType {
        case .float: return [compute(Float.self, a, b, info.shape)]
        case .double: return [compute(Double.self, a, b, info.shape)]
        case .float16: return [compute(Float16.self, a, b, info.shape)]
        case .bfloat16: return [compute(BFloat16.self, a, b, info.shape)]
        case .int8: return [compute(Int8.self, a, b, info.shape)]
        case .int16: return [compute(Int16.self, a, b, info.shape)]
        case .int32: return [compute(Int32.self, a, b, info.shape)]
        case .int64: return [compute(Int64.self, a, b, info.shape)]
        case .uint8: return [compute(UInt8.self, a, b, info.shape)]
        case .uint16: return [compute(UInt16.self, a, b, info.shape)]
        case .uint32: return [compute(UInt32.self, a, b, info.shape)]
        case .uint64: return [compute(UInt64.self, a, b, info.shape)]
        case .bool, .string: throw label.error("element type \(info.elementType) is not supported")
        }
    }

    private func compute<T: ElementwiseScalar>(_: T.Type, _ a: Tensor, _ b: Tensor, _ shape: [Int]) -> Tensor
    where T.Compute: ModRemainder {
        var y = Tensor(zeros: T.elementType, shape: shape)
        let fmod = self.fmod
        a.withUnsafeBufferPointer(as: T.self) { pa in
            b.withUnsafeBufferPointer(as: T.self) { pb in
                y.withUnsafeMutableBufferPointer(as: T.self) { py in
                    broadcastBinary(pa, a.shape, pb, b.shape, into: py, shape) { x, z in
                        T.fromCompute(T.Compute.modRemainder(x.computeValue, z.computeValue, fmod: fmod))
                    }
                }
            }
        }
        return y
    }
}

/// The remainder Mod computes, per compute type.
protocol ModRemainder {
    static func modRemainder(_ a: Self, _ b: Self, fmod: Bool) -> Self
}

extension ModRemainder where Self: FloatingPoint {
    static func modRemainder(_ a: Self, _ b: Self, fmod: Bool) -> Self {
        let r = a.truncatingRemainder(dividingBy: b)   // C's fmod: NaN for b = 0 or infinite a
        if fmod || r.isNaN { return r }
        // numpy's mod: move a non-zero remainder to the divisor's sign; a zero one takes the divisor's sign.
        if r == 0 { return Self(signOf: b, magnitudeOf: 0) }
        return (r < 0) != (b < 0) ? r + b : r
    }
}

extension ModRemainder where Self: FixedWidthInteger {
    static func modRemainder(_ a: Self, _ b: Self, fmod: Bool) -> Self {
        guard b != 0 else { return 0 }
        // Int.min % -1 overflows the quotient only; its remainder is 0.
        let r = a.remainderReportingOverflow(dividingBy: b).partialValue
        if fmod || r == 0 { return r }
        return (r < 0) != (b < 0) ? r &+ b : r
    }
}

extension Float: ModRemainder {}
extension Double: ModRemainder {}
extension Int8: ModRemainder {}
extension Int16: ModRemainder {}
extension Int32: ModRemainder {}
extension Int64: ModRemainder {}
extension UInt8: ModRemainder {}
extension UInt16: ModRemainder {}
extension UInt32: ModRemainder {}
extension UInt64: ModRemainder {}
