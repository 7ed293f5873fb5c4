/// Localizes an optimizer bug: runs a model as loaded and as optimized, keeping every intermediate
/// value, and finds the first value (in the original graph's order) whose two versions differ.
///
/// Values are matched by name: a rewrite that keeps a value's name (a fused Conv + Relu writes the
/// Relu's output) is compared, values that only one graph has are skipped, and the graph outputs are
/// always compared. Both graphs run without Winograd convolutions, so that the comparison sees the
/// rewrites and not the two graphs' different rounding (a folded BatchNorm changes the weights).
public struct OptimizationCheck: Sendable {
    /// One compared value.
    public struct Value: Sendable {
        /// The value's name.
        public var name: String
        /// The node of the original graph that computes it.
        public var referenceNode: String
        /// Its operator in the original graph.
        public var referenceOp: String
        /// The node of the optimized graph that computes it, with its operator (`domain.op` outside
        /// the default domain).
        public var candidateNode: String
        /// The optimized node's operator.
        public var candidateOp: String
        /// How the optimized value compares with the original one.
        public var comparison: TensorComparison
    }

    /// Every value both graphs compute, in the original graph's order.
    public var values: [Value]

    /// The first value outside tolerance, or nil when the optimized graph agrees everywhere.
    public var firstDifference: Value? { values.first { !$0.comparison.passed } }

    /// Compares `model` as loaded with the model the optimizer makes at `level`.
    /// - Parameters:
    ///   - model: the model.
    ///   - level: the optimization level to check (the reference always runs unoptimized).
    ///   - feeds: a tensor for every runtime input.
    ///   - rtol: relative tolerance.
    ///   - atol: absolute tolerance; an element passes when |got - expected| <= atol + rtol * |expected|.
    /// - Throws: `CnnrtError` when the model cannot be optimized or run.
    public init(model: Model, level: OptimizationLevel = .all, feeds: [String: Tensor],
                rtol: Double = 1e-4, atol: Double = 1e-5) throws {
        let optimized = try Optimizer.optimize(model, level: level).0
        try self.init(reference: model, candidate: optimized, feeds: feeds, rtol: rtol, atol: atol)
    }

    /// Compares two models meant to compute the same values (the second usually a rewrite of the
    /// first); both run unoptimized with every intermediate value kept.
    /// - Throws: `CnnrtError` when either model cannot run.
    public init(reference: Model, candidate: Model, feeds: [String: Tensor],
                rtol: Double = 1e-4, atol: Double = 1e-5) throws {
        let (expected, referenceProducers) = try Self.runKeepingValues(reference, feeds: feeds)
        let (got, candidateProducers) = try Self.runKeepingValues(candidate, feeds: feeds)
        let order = try reference.graph.topologicalOrder()
        var values: [Value] = []
        for index in order {
            let node = reference.graph.nodes[index]
            for name in node.outputs where !name.isEmpty {
                guard let want = expected[name], let have = got[name], let producer = candidateProducers[name] else {
                    continue
                }
                values.append(Value(
                    name: name, referenceNode: referenceProducers[name]?.displayName ?? "?",
                    referenceOp: Self.opName(node), candidateNode: producer.displayName,
                    candidateOp: Self.opName(producer),
                    comparison: TensorComparison(actual: have, expected: want, rtol: rtol, atol: atol)))
            }
        }
        self.values = values
    }

    /// `op`, or `domain.op` outside the default domain.
    static func opName(_ node: Node) -> String {
        node.isDefaultDomain ? node.opType : "\(node.domain).\(node.opType)"
    }

    /// Runs `model` unoptimized with every node output made a graph output.
    static func runKeepingValues(_ model: Model, feeds: [String: Tensor]) throws
        -> (values: [String: Tensor], producers: [String: Node]) {
        var exposed = model
        var producers: [String: Node] = [:]
        var declared = Set(model.graph.outputs.map(\.name))
        for node in model.graph.nodes {
            for name in node.outputs where !name.isEmpty {
                producers[name] = node
                if declared.insert(name).inserted {
                    exposed.graph.outputs.append(ValueInfo(name: name, elementType: nil, shape: nil))
                }
            }
        }
        let session = try Session(model: exposed, options: SessionOptions(optimizationLevel: .none, allowWinograd: false))
        return (try session.run(feeds), producers)
    }
}

/// Seeded inputs for checking a model without reference data.
public enum InputGenerator {
    /// A tensor for every runtime input of `model`: float inputs uniform in [0, 1) (image-like), integer
    /// and bool inputs zero. Symbolic and unknown dimensions are 1.
    /// - Throws: `CnnrtError.invalidInput` for an input without a declared rank or element type, or
    ///   whose size is over the limit.
    public static func inputs(for model: Model, seed: UInt64 = 0) throws -> [String: Tensor] {
        var state = seed &+ 0x9E37_79B9_7F4A_7C15
        var feeds: [String: Tensor] = [:]
        for input in model.graph.runtimeInputs {
            guard let dims = input.shape, let type = input.elementType else {
                throw CnnrtError.invalidInput(name: input.name, reason: "declares no shape or type; give input files")
            }
            let shape = dims.map { $0.value ?? 1 }
            guard let bytes = Shape.byteCount(shape, elementType: type), bytes <= 1 << 30 else {
                throw CnnrtError.invalidInput(name: input.name, reason: "shape \(shape) is too large to generate")
            }
            switch type {
            case .float, .double:
                let values = (0..<shape.reduce(1, *)).map { _ -> Float in
                    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                    return Float(state >> 40) / Float(1 << 24)
                }
                let tensor = Tensor(shape: shape, scalars: values)
                feeds[input.name] = type == .float ? tensor
                    : Tensor(shape: shape, scalars: values.map(Double.init))
            case .string:
                throw CnnrtError.invalidInput(name: input.name, reason: "string inputs cannot be generated")
            default:
                feeds[input.name] = Tensor(zeros: type, shape: shape)
            }
        }
        return feeds
    }
}
