/// ONNX AveragePool (opsets 1, 7, 10, 11, 19, 22): the mean of each window of X (N x C x D1 ... Dn) over
/// `kernel_shape` with strides, padding, `ceil_mode` (opset 10+) and dilations (opset 19+).
///
/// The sum covers the input elements of the window. The divisor is their count when
/// `count_include_pad` = 0 (the default; attribute from opset 7), and otherwise the count of window
/// elements inside the padded input `[-padBegin, D + padEnd)`: a `ceil_mode` window hanging past the end
/// padding does not count the overhang (as ONNX Runtime and PyTorch). A window of padding only gives NaN
/// when padding is not counted.
struct AveragePool: OperatorDefinition {
    static let opType = "AveragePool"

    let name: String
    let attributes: ConvPoolAttributes
    let ceilMode: Bool
    let countIncludePad: Bool

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 1...1)
        attributes = try ConvPoolAttributes(node: node, opset: opset, requireKernelShape: true, dilationsSince: 19)
        try attributes.checkPadsBelowKernel(node)
        ceilMode = try node.convPoolFlag("ceil_mode", since: 10, opset: opset)
        countIncludePad = try node.convPoolFlag("count_include_pad", since: 7, opset: opset)
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
        // Dispatched here, in the kernel's file, so the optimizer specializes `compute` per type.
        switch type {
        case .double: return try compute(inputs, as: Double.self)
        case .float: return try compute(inputs, as: Float.self)
        default: return try ConvPoolElementTypes.viaFloat32(inputs, type: type) { try compute($0, as: Float.self) }
        }
    }

    /// Per axis and output index, how many window elements fall inside the padded input.
    private static func paddedCounts(_ g: ConvPoolGeometry) -> [[Int]] {
        (0..<g.rank).map { axis in
            let d = g.dilations[axis]
            let low = -g.padsBegin[axis], high = g.input[axis] + g.padsEnd[axis]
            return (0..<g.output[axis]).map { o in
                // Kernel indices k with low <= start + k * d < high.
                let start = o * g.strides[axis] - g.padsBegin[axis]
                let first = max(0, -ConvPoolGeometry.floorDiv(start - low, d))
                let last = min(g.kernel[axis] - 1, ConvPoolGeometry.floorDiv(high - 1 - start, d))
                return max(0, last - first + 1)
            }
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
        let padded = countIncludePad ? Self.paddedCounts(geometry) : []
        let taps = ConvPoolTaps(geometry, transposed: false)
        let cursor = ConvPoolCursor(output: geometry.output, capacity: taps.capacity)
        let inputOffsets = cursor.inputOffsets
        let countIncludePad = self.countIncludePad

        x.withUnsafeBufferPointer(as: T.self) { xp in
            y.withUnsafeMutableBufferPointer(as: T.self) { yp in
                for p in 0..<outputPlane {
                    let count = cursor.gather(taps)
                    var divisor = count
                    if countIncludePad {
                        divisor = 1
                        for axis in 0..<geometry.rank { divisor &*= padded[axis][cursor.position[axis]] }
                    }
                    let scale = T(divisor)
                    for plane in 0..<planes {
                        let base = plane &* inputPlane
                        var sum: T = 0
                        for t in 0..<count { sum += xp[base &+ inputOffsets[t]] }
                        yp[plane &* outputPlane &+ p] = sum / scale
                    }
                    cursor.advance()
                }
            }
        }
        return [y]
    }
}
