import Testing
@testable import Cnnrt

/// Builders and runners for the tests of the data-movement, linear, reduce and resize operators.
enum SO {
    /// A node with inputs `i0, i1, ...` ("" where the input is nil) and outputs `o0, o1, ...`.
    static func node(_ opType: String, inputs: [Bool], outputs: Int = 1, _ attributes: [Attribute] = []) -> Node {
        Node(name: "n", opType: opType, inputs: inputs.enumerated().map { $0.element ? "i\($0.offset)" : "" },
             outputs: (0..<outputs).map { "o\($0)" }, attributes: attributes)
    }

    /// Builds the operator (for tests of attribute checks).
    @discardableResult
    static func make<T: OperatorDefinition>(_ type: T.Type, opset: Int = 25, inputs: Int = 1, outputs: Int = 1,
                                            _ attributes: [Attribute] = []) throws -> T {
        try T(node: node(T.opType, inputs: [Bool](repeating: true, count: inputs), outputs: outputs, attributes),
              opset: opset)
    }

    /// Runs the operator and checks that shape inference agrees with the outputs, once with every
    /// input's value known and once with the first input's value unknown.
    static func run<T: OperatorDefinition>(_ type: T.Type, opset: Int = 25, _ inputs: [Tensor?],
                                           _ attributes: [Attribute] = [], outputs: Int = 1) throws -> [Tensor] {
        let op = try T(node: node(T.opType, inputs: inputs.map { $0 != nil }, outputs: outputs, attributes),
                       opset: opset)
        let results = try op.run(inputs)
        var infos = inputs.map { $0.map(TensorInfo.init) }
        let known = try op.inferOutputs(infos)
        if !infos.isEmpty, var first = infos[0] {
            first.value = nil
            infos[0] = first
        }
        // Ops whose output shape depends on the first input's value (ConstantOfShape) cannot infer without it.
        var unknown = known
        do {
            unknown = try op.inferOutputs(infos)
        } catch let error as CnnrtError where "\(error)".contains("unknown before running") {}
        for (i, result) in results.enumerated() {
            #expect(known[i].shape == result.shape && known[i].elementType == result.elementType)
            #expect(unknown[i].shape == result.shape && unknown[i].elementType == result.elementType)
            if let value = known[i].value { #expect(value == result) }
        }
        return results
    }

    /// Runs the operator with one output.
    static func run1<T: OperatorDefinition>(_ type: T.Type, opset: Int = 25, _ inputs: [Tensor?],
                                            _ attributes: [Attribute] = []) throws -> Tensor {
        try run(type, opset: opset, inputs, attributes)[0]
    }

    /// A float32 tensor.
    static func f(_ shape: [Int], _ values: [Float]) -> Tensor { Tensor(shape: shape, scalars: values) }

    /// A float32 tensor holding 0, 1, 2, ... in row-major order.
    static func iota(_ shape: [Int]) -> Tensor {
        Tensor(shape: shape, scalars: (0..<shape.reduce(1, *)).map { Float($0) })
    }

    /// A 1-D int64 tensor.
    static func i64(_ values: [Int]) -> Tensor { Tensor(shape: [values.count], scalars: values.map(Int64.init)) }

    static func ints(_ name: String, _ values: [Int]) -> Attribute { Attribute(name, .ints(values)) }
    static func int(_ name: String, _ value: Int) -> Attribute { Attribute(name, .int(value)) }
    static func float(_ name: String, _ value: Float) -> Attribute { Attribute(name, .float(value)) }
    static func string(_ name: String, _ value: String) -> Attribute { Attribute(name, .string(value)) }

    /// True when both have equal shapes and values within `tolerance` relative (absolute near zero).
    static func close(_ a: Tensor, _ b: [Double], shape: [Int]? = nil, tolerance: Double = 1e-5) -> Bool {
        if let shape, a.shape != shape { return false }
        let x = a.doubles()
        guard x.count == b.count else { return false }
        return zip(x, b).allSatisfy { u, v in
            (u.isNaN && v.isNaN) || abs(u - v) <= tolerance * max(1, abs(v))
        }
    }

    /// Expects `body` to throw a `CnnrtError`.
    static func fails(_ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(throws: CnnrtError.self, sourceLocation: sourceLocation) { try body() }
    }
}
