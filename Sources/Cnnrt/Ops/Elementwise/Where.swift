/// ONNX Where (opset 9+): `condition ? X : Y` elementwise, with numpy broadcasting over all three inputs.
/// X and Y have one element type (any but string); the condition is bool.
struct Where: OperatorDefinition {
    static let opType = "Where"
    static var supportedOpsets: ClosedRange<Int> { 9...OperatorRegistry.newestOpset }
    let label: ElementwiseLabel

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 3...3)
        label = ElementwiseLabel(node)
    }

    /// The shared check of `inferOutputs` and `run`.
    func output(_ condition: TensorInfo, _ x: TensorInfo, _ y: TensorInfo) throws -> TensorInfo {
        guard condition.elementType == .bool else {
            throw label.error("condition must be bool, got \(condition.elementType)")
        }
        guard x.elementType != .string else { throw label.error("string tensors are not supported") }
        guard x.elementType == y.elementType else {
            throw label.error("X has element type \(x.elementType) but Y has \(y.elementType)")
        }
        guard let shape = BroadcastLayout.broadcastShape([condition.shape, x.shape, y.shape]) else {
            throw label.error("shapes \(condition.shape), \(x.shape) and \(y.shape) cannot be broadcast together")
        }
        try label.checkSize(x.elementType, shape: shape)
        return TensorInfo(elementType: x.elementType, shape: shape)
    }

    func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo] {
        [try output(inputs[0]!, inputs[1]!, inputs[2]!)]
    }

    func run(_ inputs: [Tensor?]) throws -> [Tensor] {
        let c = inputs[0]!, x = inputs[1]!, y = inputs[2]!
        let info = try output(TensorInfo(c), TensorInfo(x), TensorInfo(y))
        var out = Tensor(zeros: info.elementType, shape: info.shape)
        let layout = BroadcastLayout(output: info.shape, inputs: [c.shape, x.shape, y.shape])
        // The choice copies elements without interpreting them, so one kernel per element size serves all types.
        c.withUnsafeBufferPointer(as: Bool.self) { pc in
            x.withUnsafeBytes { px in
                y.withUnsafeBytes { py in
                    out.withUnsafeMutableBytesForMovement { po in
                        switch info.elementType.byteSize {
                        case 1: Self.select(UInt8.self, layout, pc, px, py, po)
                        case 2: Self.select(UInt16.self, layout, pc, px, py, po)
                        case 4: Self.select(UInt32.self, layout, pc, px, py, po)
                        default: Self.select(UInt64.self, layout, pc, px, py, po)
                        }
                    }
                }
            }
        }
        return [out]
    }

    private static func select<T: FixedWidthInteger>(
        _: T.Type, _ layout: BroadcastLayout, _ c: UnsafeBufferPointer<Bool>, _ xBytes: UnsafeRawBufferPointer,
        _ yBytes: UnsafeRawBufferPointer, _ outBytes: UnsafeMutableRawBufferPointer
    ) {
        guard layout.count > 0, let pc = c.baseAddress else { return }
        let px = xBytes.baseAddress!.assumingMemoryBound(to: T.self)
        let py = yBytes.baseAddress!.assumingMemoryBound(to: T.self)
        let po = outBytes.baseAddress!.assumingMemoryBound(to: T.self)
        let row = layout.rowLength
        let sc = layout.rowStride(0), sx = layout.rowStride(1), sy = layout.rowStride(2)
        layout.forEachRow { start, offsets in
            var ic = offsets[0], ix = offsets[1], iy = offsets[2]
            for i in start..<(start &+ row) {
                po[i] = pc[ic] ? px[ix] : py[iy]
                ic &+= sc
                ix &+= sx
                iy &+= sy
            }
        }
    }
}
