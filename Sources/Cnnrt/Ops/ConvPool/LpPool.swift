#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// LpPool and GlobalLpPool: the p-norm `(sum |x|^p)^(1/p)` of each window of X (N x C x D1 ... Dn).

/// Reads LpPool's `p`: a float before opset 2, an int from 2; default 2, must be positive.
private func lpPoolExponent(_ node: Node) throws -> Double {
    let p: Double
    switch node.attribute("p") {
    case nil: p = 2
    case .int(let value): p = Double(value)
    case .float(let value): p = Double(value)
    case let other?: throw node.invalid("attribute 'p' must be INT, got \(other.typeName)")
    }
    guard p > 0, p.isFinite else { throw node.invalid("p must be positive, got \(p)") }
    return p
}

/// `(sum |x|^p)^(1/p)` for an accumulated `sum`, and `|x|^p` for one element; exact shortcuts for p = 1, 2.
struct LpPoolNorm: Sendable {
    let p: Double

    @inline(__always) func term<T: ConvPoolFloat>(_ x: T) -> T {
        let m = x.magnitude
        if p == 2 { return m * m }
        if p == 1 { return m }
        return T(pow(Double(m), p))
    }

    @inline(__always) func root<T: ConvPoolFloat>(_ sum: T) -> T {
        if p == 2 { return sum.squareRoot() }
        if p == 1 { return sum }
        return T(pow(Double(sum), 1 / p))
    }
}

/// ONNX LpPool (opsets 1, 2, 11, 18, 22): the p-norm (`p` defaults to 2) of each window of X over
/// `kernel_shape` with strides, padding, and from opset 18 `ceil_mode` and dilations. Padding adds nothing
/// to a window's sum.
struct LpPool: OperatorDefinition {
    static let opType = "LpPool"

    let name: String
    let attributes: ConvPoolAttributes
    let ceilMode: Bool
    let norm: LpPoolNorm

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 1...1)
        attributes = try ConvPoolAttributes(node: node, opset: opset, requireKernelShape: true, dilationsSince: 18)
        ceilMode = try node.convPoolFlag("ceil_mode", since: 18, opset: opset)
        norm = LpPoolNorm(p: try lpPoolExponent(node))
        name = node.displayName
    }

    private func fail(_ reason: String) -> CnnrtError {
        .invalidNode(node: name, opType: Self.opType, reason: reason)
    }

    private func elementType(_ x: ElementType?) throws -> ElementType {
        try ConvPoolElementTypes.check([x], allowed: ConvPoolElementTypes.floats, names: ["X"], fail: fail)
    }

    func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo] {
        let type = try elementType(inputs[0]?.elementType)
        let (shape, _) = try ConvPoolGeometry.pooling(x: inputs[0]!.shape, attributes: attributes,
                                                      ceilMode: ceilMode, fail: fail)
        try ConvPoolShapes.checkedOutput(shape, type, fail: fail)
        return [TensorInfo(elementType: type, shape: shape)]
    }

    func run(_ inputs: [Tensor?]) throws -> [Tensor] {
        let type = try elementType(inputs[0]?.elementType)
        switch type {
        case .double: return try compute(inputs, as: Double.self)
        case .float: return try compute(inputs, as: Float.self)
        default: return try ConvPoolElementTypes.viaFloat32(inputs, type: type) { try compute($0, as: Float.self) }
        }
    }

    private func compute<T: ConvPoolFloat>(_ inputs: [Tensor?], as type: T.Type) throws -> [Tensor] {
        let x = inputs[0]!
        let (shape, geometry) = try ConvPoolGeometry.pooling(x: x.shape, attributes: attributes, ceilMode: ceilMode,
                                                             fail: fail)
        try ConvPoolShapes.checkedOutput(shape, T.elementType, fail: fail)
        var y = Tensor(zeros: T.elementType, shape: shape)
        let planes = shape[0] &* shape[1]
        let inputPlane = geometry.input.reduce(1, *)
        let outputPlane = geometry.output.reduce(1, *)
        let taps = ConvPoolTaps(geometry, transposed: false)
        let cursor = ConvPoolCursor(output: geometry.output, capacity: taps.capacity)
        let inputOffsets = cursor.inputOffsets
        let norm = self.norm
        x.withUnsafeBufferPointer(as: T.self) { xp in
            y.withUnsafeMutableBufferPointer(as: T.self) { yp in
                for p in 0..<outputPlane {
                    let count = cursor.gather(taps)
                    for plane in 0..<planes {
                        let base = plane &* inputPlane
                        var sum: T = 0
                        for t in 0..<count { sum += norm.term(xp[base &+ inputOffsets[t]]) }
                        yp[plane &* outputPlane &+ p] = norm.root(sum)
                    }
                    cursor.advance()
                }
            }
        }
        return [y]
    }
}

/// ONNX GlobalLpPool (opsets 1, 2, 22): the p-norm (`p` defaults to 2) over all spatial elements of each
/// channel of X (N x C x D1 ... Dn), shaped N x C x 1 x ... x 1.
struct GlobalLpPool: OperatorDefinition {
    static let opType = "GlobalLpPool"

    let name: String
    let norm: LpPoolNorm

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 1...1)
        norm = LpPoolNorm(p: try lpPoolExponent(node))
        name = node.displayName
    }

    private func fail(_ reason: String) -> CnnrtError {
        .invalidNode(node: name, opType: Self.opType, reason: reason)
    }

    private func output(_ x: TensorInfo?) throws -> TensorInfo {
        let type = try ConvPoolElementTypes.check([x?.elementType], allowed: ConvPoolElementTypes.floats,
                                                  names: ["X"], fail: fail)
        let shape = x!.shape
        guard shape.count >= 2 else { throw fail("input X must be N x C x D1 ... Dn (rank >= 2), got \(shape)") }
        return TensorInfo(elementType: type, shape: [shape[0], shape[1]] + [Int](repeating: 1, count: shape.count - 2))
    }

    func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo] { [try output(inputs[0])] }

    func run(_ inputs: [Tensor?]) throws -> [Tensor] {
        let info = try output(inputs[0].map(TensorInfo.init))
        switch info.elementType {
        case .double: return try compute(inputs, info.shape, as: Double.self)
        case .float: return try compute(inputs, info.shape, as: Float.self)
        default:
            return try ConvPoolElementTypes.viaFloat32(inputs, type: info.elementType) {
                try compute($0, info.shape, as: Float.self)
            }
        }
    }

    private func compute<T: ConvPoolFloat>(_ inputs: [Tensor?], _ shape: [Int], as type: T.Type) throws -> [Tensor] {
        let x = inputs[0]!
        var y = Tensor(zeros: T.elementType, shape: shape)
        let planes = x.shape[0] &* x.shape[1]
        let plane = x.shape[2...].reduce(1, *)
        let norm = self.norm
        x.withUnsafeBufferPointer(as: T.self) { xp in
            y.withUnsafeMutableBufferPointer(as: T.self) { yp in
                for c in 0..<planes {
                    let base = c &* plane
                    var sum: T = 0
                    for i in 0..<plane { sum += norm.term(xp[base &+ i]) }
                    yp[c] = norm.root(sum)
                }
            }
        }
        return [y]
    }
}
