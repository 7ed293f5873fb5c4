import Testing
@testable import Cnnrt

// Helpers for the Elementwise family's tests (prefixed `ew` to stay apart from other families' helpers).

/// Builds `opType` through the standard registry, runs it, and checks that shape inference agrees with the
/// run. A nil input becomes an omitted (empty-named) input.
func ewRun(_ opType: String, opset: Int = 13, _ inputs: [Tensor?], attributes: [Attribute] = [],
           outputs: Int = 1) throws -> [Tensor] {
    let names = inputs.enumerated().map { $0.element == nil ? "" : "in\($0.offset)" }
    let node = Node(name: "test", opType: opType, inputs: names, outputs: (0..<outputs).map { "out\($0)" },
                    attributes: attributes)
    let op = try OperatorRegistry.standard.makeOperator(node, opset: opset)
    let results = try op.run(inputs)
    let infos = try op.inferOutputs(inputs.map { $0.map(TensorInfo.init) })
    #expect(infos.count == outputs)
    for (info, tensor) in zip(infos, results) {
        #expect(info.elementType == tensor.elementType)
        #expect(info.shape == tensor.shape)
    }
    return results
}

/// The single output of `ewRun`.
func ewRun1(_ opType: String, opset: Int = 13, _ inputs: [Tensor?], attributes: [Attribute] = []) throws -> Tensor {
    try ewRun(opType, opset: opset, inputs, attributes: attributes)[0]
}

/// Expects `opType` to be rejected with a `CnnrtError`, when built or when run.
func ewExpectError(_ opType: String, opset: Int = 13, _ inputs: [Tensor?], attributes: [Attribute] = [],
                   outputs: Int = 1, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(throws: CnnrtError.self, sourceLocation: sourceLocation) {
        _ = try ewRun(opType, opset: opset, inputs, attributes: attributes, outputs: outputs)
    }
}

/// A float32 tensor.
func ewF(_ shape: [Int], _ values: [Float]) -> Tensor { Tensor(shape: shape, scalars: values) }

/// Expects `tensor` to hold `expected` (any numeric type, compared as Double) within a relative tolerance;
/// NaN matches NaN and infinities must match exactly.
func ewExpectClose(_ tensor: Tensor, _ expected: [Double], shape: [Int]? = nil, rtol: Double = 1e-5,
                   atol: Double = 1e-7, sourceLocation: SourceLocation = #_sourceLocation) {
    if let shape { #expect(tensor.shape == shape, sourceLocation: sourceLocation) }
    let got = tensor.doubles()
    #expect(got.count == expected.count, "count \(got.count) != \(expected.count)", sourceLocation: sourceLocation)
    for (i, (g, e)) in zip(got, expected).enumerated() {
        let ok: Bool
        if e.isNaN {
            ok = g.isNaN
        } else if e.isInfinite {
            ok = g == e
        } else {
            ok = abs(g - e) <= atol + rtol * abs(e)
        }
        #expect(ok, "element \(i): got \(g), expected \(e)", sourceLocation: sourceLocation)
    }
}

/// Naive numpy broadcasting by multi-index, independent of `BroadcastLayout`: the flat index into an input
/// of `shape` for output multi-index `index`.
func ewBroadcastIndex(_ index: [Int], input shape: [Int]) -> Int {
    let pad = index.count - shape.count
    var flat = 0
    for (axis, dim) in shape.enumerated() {
        flat = flat * dim + (dim == 1 ? 0 : index[pad + axis])
    }
    return flat
}

/// All multi-indices of `shape` in row-major order.
func ewMultiIndices(_ shape: [Int]) -> [[Int]] {
    var result: [[Int]] = [[]]
    for dim in shape {
        result = result.flatMap { prefix in (0..<dim).map { prefix + [$0] } }
    }
    return result
}
