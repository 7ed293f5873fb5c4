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

/// The activations the optimizer fuses, built from standard ops (opset 14, for HardSwish).
enum OptActivation: String, CaseIterable, Sendable {
    case relu, clip, clipMinOnly, leakyRelu, sigmoid, hardSigmoid, hardSwish, hardSwishAsGate, silu

    /// The activation a fused node should carry.
    var fused: FusedActivation {
        switch self {
        case .relu: return .relu
        case .clip: return .clip(min: 0, max: 6)
        case .clipMinOnly: return .clip(min: -0.25, max: .infinity)
        case .leakyRelu: return .leakyRelu(alpha: 0.125)
        case .sigmoid: return .sigmoid
        case .hardSigmoid: return .hardSigmoid(alpha: 0.3, beta: 0.4)
        case .hardSwish, .hardSwishAsGate: return .hardSwish
        case .silu: return .silu
        }
    }

    /// Applies the activation to `x` with standard nodes; returns the result's name.
    func apply(_ g: inout OptGraph, _ x: String) -> String {
        switch self {
        case .relu: return g.node("Relu", [x])
        case .clip:
            let low = g.constant("clip_min_\(x)", Tensor(scalar: Float(0)))
            let high = g.constant("clip_max_\(x)", Tensor(scalar: Float(6)))
            return g.node("Clip", [x, low, high])
        case .clipMinOnly:
            let low = g.constant("clip_min_\(x)", Tensor(scalar: Float(-0.25)))
            return g.node("Clip", [x, low])
        case .leakyRelu: return g.node("LeakyRelu", [x], [Attribute("alpha", .float(0.125))])
        case .sigmoid: return g.node("Sigmoid", [x])
        case .hardSigmoid:
            return g.node("HardSigmoid", [x], [Attribute("alpha", .float(0.3)), Attribute("beta", .float(0.4))])
        case .hardSwish: return g.node("HardSwish", [x])
        case .hardSwishAsGate:
            let gate = g.node("HardSigmoid", [x], [Attribute("alpha", .float(1 / Float(6))),
                                                    Attribute("beta", .float(0.5))])
            return g.node("Mul", [x, gate])
        case .silu:
            let gate = g.node("Sigmoid", [x])
            return g.node("Mul", [gate, x])
        }
    }
}
