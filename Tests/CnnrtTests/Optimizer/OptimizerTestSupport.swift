import Testing
@testable import Cnnrt

/// Builds tiny float32 graphs for optimizer tests: inputs, seeded random constants and nodes whose
/// outputs are named automatically.
struct OptGraph {
    var nodes: [Node] = []
    var initializers: [(String, Tensor)] = []
    var inputs: [ValueInfo] = []
    var feeds: [String: Tensor] = [:]
    var opset = 13
    private var counter = 0
    private var seed: UInt64

    init(seed: UInt64 = 1) {
        self.seed = seed
    }

    /// Uniform values in [low, high) from a seeded linear congruential generator.
    mutating func random(_ shape: [Int], low: Float = -1, high: Float = 1) -> Tensor {
        let count = shape.reduce(1, *)
        var values: [Float] = []
        values.reserveCapacity(count)
        for _ in 0..<count {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            let unit = Float(seed >> 40) / Float(1 << 24)
            values.append(low + (high - low) * unit)
        }
        return Tensor(shape: shape, scalars: values)
    }

    /// A graph input with a concrete shape and a random value to feed it.
    mutating func input(_ name: String, _ shape: [Int]) -> String {
        inputs.append(ValueInfo(name: name, elementType: .float, shape: shape.map { .value($0) }))
        feeds[name] = random(shape)
        return name
    }

    /// A random float32 constant.
    mutating func weight(_ name: String, _ shape: [Int], low: Float = -1, high: Float = 1) -> String {
        initializers.append((name, random(shape, low: low, high: high)))
        return name
    }

    mutating func constant(_ name: String, _ tensor: Tensor) -> String {
        initializers.append((name, tensor))
        return name
    }

    /// Adds a node and returns the name of its first output.
    @discardableResult
    mutating func node(_ op: String, _ inputs: [String], _ attributes: [Attribute] = [], outputs: Int = 1,
                       name: String? = nil, domain: String = "") -> String {
        counter += 1
        let base = name ?? "\(op.lowercased())\(counter)"
        let names = (0..<outputs).map { $0 == 0 ? "\(base)_out" : "\(base)_out\($0)" }
        nodes.append(Node(name: base, opType: op, domain: domain, inputs: inputs, outputs: names,
                          attributes: attributes))
        return names[0]
    }

    func model(outputs: [String]) -> Model {
        let graph = Graph(name: "test", nodes: nodes, initializers: initializers, inputs: inputs,
                          outputs: outputs.map { ValueInfo(name: $0, elementType: .float, shape: nil) })
        var imports = [OpsetImport(domain: "", version: opset)]
        if nodes.contains(where: { $0.domain == "ai.cnnrt" }) {
            imports.append(OpsetImport(domain: "ai.cnnrt", version: 1))
        }
        return Model(graph: graph, opsetImports: imports)
    }
}

enum OptimizerCheck {
    /// Op types of the model's nodes in order (`domain.op` for non-default domains stays `op`).
    static func ops(_ model: Model) -> [String] {
        model.graph.nodes.map(\.opType)
    }

    /// Optimizes `model` at `level`, checks that the result validates, keeps the outputs' names and
    /// computes the same outputs as the unoptimized model (max |diff| <= 1e-5 * max |reference|).
    /// - Returns: the optimized model and the report.
    @discardableResult
    static func optimize(_ model: Model, level: OptimizationLevel = .all, feeds: [String: Tensor],
                         sourceLocation: SourceLocation = #_sourceLocation) throws -> (Model, OptimizationReport) {
        let (optimized, report) = try Optimizer.optimize(model, level: level)
        try optimized.graph.validate()
        #expect(optimized.graph.outputs == model.graph.outputs, sourceLocation: sourceLocation)
        try expectSameOutputs(model, optimized, feeds: feeds, sourceLocation: sourceLocation)
        return (optimized, report)
    }

    /// Runs both models without further optimization and compares every output.
    static func expectSameOutputs(_ reference: Model, _ candidate: Model, feeds: [String: Tensor],
                                  tolerance: Double = 1e-5,
                                  sourceLocation: SourceLocation = #_sourceLocation) throws {
        let none = SessionOptions(optimizationLevel: .none)
        let expected = try Session(model: reference, options: none).run(feeds)
        let actual = try Session(model: candidate, options: none).run(feeds)
        for (name, want) in expected {
            guard let got = actual[name] else {
                Issue.record("output '\(name)' is missing", sourceLocation: sourceLocation)
                continue
            }
            let comparison = TensorComparison(actual: got, expected: want, rtol: 0, atol: 0)
            #expect(comparison.shapeMatches && comparison.typeMatches, "output '\(name)'",
                    sourceLocation: sourceLocation)
            #expect(comparison.relativeToPeak <= tolerance, "output '\(name)': \(comparison.relativeToPeak)",
                    sourceLocation: sourceLocation)
        }
    }

    /// Conv attributes for a square kernel.
    static func conv(kernel: Int, pads: Int = 0, strides: Int = 1, group: Int = 1) -> [Attribute] {
        [Attribute("kernel_shape", .ints([kernel, kernel])), Attribute("pads", .ints([pads, pads, pads, pads])),
         Attribute("strides", .ints([strides, strides])), Attribute("group", .int(group))]
    }
}
