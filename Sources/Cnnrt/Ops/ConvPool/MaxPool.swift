/// ONNX MaxPool (opsets 1, 8, 10, 11, 12, 22): the maximum of each window of X (N x C x D1 ... Dn) over
/// `kernel_shape` with strides, dilations (opset 10+), padding and `ceil_mode` (opset 10+). Padding never
/// wins: only input elements are compared, and NaN inputs are skipped. The optional second output
/// (opset 8+) holds, as int64, the flat index in X of each chosen element (the first maximum in row-major
/// window order); `storage_order` 1 numbers the spatial part column-major. int8/uint8 from opset 12.
struct MaxPool: OperatorDefinition {
    static let opType = "MaxPool"

    let name: String
    let attributes: ConvPoolAttributes
    let ceilMode: Bool
    let columnMajor: Bool
    let outputCount: Int
    let allowed: [ElementType]

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 1...1, outputs: opset >= 8 ? 1...2 : 1...1)
        attributes = try ConvPoolAttributes(node: node, opset: opset, requireKernelShape: true, dilationsSince: 10)
        try attributes.checkPadsBelowKernel(node)
        ceilMode = try node.convPoolFlag("ceil_mode", since: 10, opset: opset)
        columnMajor = try node.convPoolFlag("storage_order", since: 8, opset: opset)
        outputCount = node.outputs.count
        allowed = opset >= 12 ? ConvPoolElementTypes.floats + [.int8, .uint8] : ConvPoolElementTypes.floats
        name = node.displayName
    }

    private func fail(_ reason: String) -> CnnrtError {
        .invalidNode(node: name, opType: Self.opType, reason: reason)
    }

    func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo] {
        let type = try ConvPoolElementTypes.check([inputs[0]?.elementType], allowed: allowed, names: ["X"],
                                                  fail: fail)
        let (shape, _) = try ConvPoolGeometry.pooling(x: inputs[0]!.shape, attributes: attributes,
                                                      ceilMode: ceilMode, fail: fail)
        try ConvPoolShapes.checkedOutput(shape, .int64, fail: fail)
        let values = TensorInfo(elementType: type, shape: shape)
        return outputCount > 1 ? [values, TensorInfo(elementType: .int64, shape: shape)] : [values]
    }

    func run(_ inputs: [Tensor?]) throws -> [Tensor] {
        let type = try ConvPoolElementTypes.check([inputs[0]?.elementType], allowed: allowed, names: ["X"],
                                                  fail: fail)
        switch type {
        case .float: return try compute(inputs[0]!, as: Float.self)
        case .double: return try compute(inputs[0]!, as: Double.self)
        case .int8: return try compute(inputs[0]!, as: Int8.self)
        case .uint8: return try compute(inputs[0]!, as: UInt8.self)
        default:
            // float16/bfloat16 widen exactly, and the maximum is one of the inputs: the round trip is exact.
            return try ConvPoolElementTypes.viaFloat32(inputs, type: type) { try compute($0[0]!, as: Float.self) }
        }
    }

    private func compute<T: ConvPoolOrdered>(_ x: Tensor, as type: T.Type) throws -> [Tensor] {
        let (shape, geometry) = try ConvPoolGeometry.pooling(x: x.shape, attributes: attributes, ceilMode: ceilMode,
                                                             fail: fail)
        try ConvPoolShapes.checkedOutput(shape, .int64, fail: fail)
        var y = Tensor(zeros: T.elementType, shape: shape)
        var indices = Tensor(zeros: .int64, shape: outputCount > 1 ? shape : [0])

        let planes = shape[0] &* shape[1]
        let inputPlane = geometry.input.reduce(1, *)
        let outputPlane = geometry.output.reduce(1, *)
        // Column-major spatial strides, for storage_order = 1.
        var columnStrides = [Int](repeating: 1, count: geometry.rank)
        for axis in 1..<geometry.rank {
            columnStrides[axis] = columnStrides[axis - 1] &* geometry.input[axis - 1]
        }
        let taps = ConvPoolTaps(geometry, transposed: false)
        let cursor = ConvPoolCursor(output: geometry.output, capacity: taps.capacity)
        let inputOffsets = cursor.inputOffsets
        let wantIndices = outputCount > 1, columnMajor = self.columnMajor

        x.withUnsafeBufferPointer(as: T.self) { xp in
            y.withUnsafeMutableBufferPointer(as: T.self) { yp in
                indices.withUnsafeMutableBufferPointer(as: Int64.self) { ip in
                    for p in 0..<outputPlane {
                        let count = cursor.gather(taps)
                        for plane in 0..<planes {
                            let base = plane &* inputPlane
                            var best = T.convPoolEmptyMax
                            var bestOffset = -1
                            for t in 0..<count {
                                let offset = inputOffsets[t]
                                let v = xp[base &+ offset]
                                // `v == v` is false only for NaN, which never wins.
                                if v == v && (bestOffset < 0 || v > best) {
                                    best = v
                                    bestOffset = offset
                                }
                            }
                            let out = plane &* outputPlane &+ p
                            yp[out] = best
                            guard wantIndices else { continue }
                            if bestOffset < 0 {
                                ip[out] = -1
                                continue
                            }
                            var spatial = bestOffset
                            if columnMajor {
                                var rest = bestOffset
                                spatial = 0
                                var axis = geometry.rank &- 1
                                while axis >= 0 {
                                    spatial &+= (rest % geometry.input[axis]) &* columnStrides[axis]
                                    rest /= geometry.input[axis]
                                    axis &-= 1
                                }
                            }
                            ip[out] = Int64(base &+ spatial)
                        }
                        cursor.advance()
                    }
                }
            }
        }
        return outputCount > 1 ? [y, indices] : [y]
    }
}
