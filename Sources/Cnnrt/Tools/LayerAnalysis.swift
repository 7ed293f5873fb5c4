/// Per-layer numbers for understanding a convolutional network: output shape, parameters,
/// multiply-accumulates, and the receptive field and jump of each output.
///
/// The receptive field (rf) of an output is how many input pixels along each spatial axis can affect
/// one of its elements; the jump is the distance, in input pixels, between neighbouring elements. For
/// a convolution or pooling window of size k, dilation d and stride s, with k_eff = d * (k - 1) + 1:
///
///     jump_out = jump_in * s
///     rf_out   = rf_in + (k_eff - 1) * jump_in
///
/// A transposed convolution divides the jump by s and widens the field by floor((k_eff - 1) / s)
/// input steps; global pooling and Flatten take the whole spatial extent as the window; Resize divides
/// the jump by its scale. Every other node takes, per axis, the largest rf and jump of its inputs.
/// Constants have no field. Graph inputs of rank 3 or more start with rf 1 and jump 1 on every axis
/// after the first two (batch and channels).
///
/// MACs count the multiply-accumulates of Conv, ConvTranspose, Gemm and MatMul (one per weight use);
/// element-wise ops and pooling count none.
public struct LayerAnalysis: Sendable {
    /// One node's numbers.
    public struct Layer: Sendable, Equatable {
        /// The node's position in the graph.
        public var index: Int
        /// The node's display name (its name, or its op and first output).
        public var name: String
        /// The node's operator.
        public var opType: String
        /// The inferred shape of the node's first output, when known.
        public var outputShape: [Int]?
        /// Elements of the initializers the node reads.
        public var parameters: Int
        /// Multiply-accumulates for one run (0 for ops that have none, nil when shapes are unknown).
        public var macs: Int?
        /// The receptive field of the first output per spatial axis, in input pixels; nil without one.
        public var receptiveField: [Double]?
        /// The jump of the first output per spatial axis, in input pixels; nil without one.
        public var jump: [Double]?
    }

    /// The nodes in graph order.
    public var layers: [Layer]
    /// Distinct parameters of the whole graph (an initializer read by several nodes counts once).
    public var totalParameters: Int
    /// The sum of the layers' MACs (layers with unknown MACs add nothing).
    public var totalMACs: Int
    /// The input shapes the analysis used (given, or declared with a symbolic batch of 1).
    public var inputShapes: [String: [Int]]

    /// Analyzes a model.
    /// - Parameters:
    ///   - model: the model.
    ///   - inputShapes: concrete shapes for inputs; by default a symbolic first (batch) dimension is 1
    ///     and the other dimensions are as declared.
    public init(model: Model, inputShapes: [String: [Int]] = [:]) {
        var shapes = inputShapes
        for input in model.graph.runtimeInputs where shapes[input.name] == nil {
            guard let dims = input.shape else { continue }
            let concrete = dims.enumerated().map { axis, dim in dim.value ?? (axis == 0 ? 1 : nil) }
            if concrete.allSatisfy({ $0 != nil }) { shapes[input.name] = concrete.map { $0! } }
        }
        self.inputShapes = shapes
        let inferred = model.inferShapes(inputShapes: shapes).values
        let graph = model.graph
        var fields: [String: Field] = [:]
        for input in graph.runtimeInputs {
            let rank = shapes[input.name]?.count ?? input.shape?.count ?? 0
            if rank >= 3 { fields[input.name] = Field(axes: rank - 2) }
        }
        var layers: [Layer] = []
        let order = (try? graph.topologicalOrder()) ?? Array(graph.nodes.indices)
        for index in order {
            let node = graph.nodes[index]
            let shape = { (name: String) -> [Int]? in inferred[name]?.shape }
            let field = Field.propagate(node, fields: fields, shape: shape)
            if let field { for output in node.outputs where !output.isEmpty { fields[output] = field } }
            let parameters = Set(node.inputs).reduce(0) { $0 + (graph.initializers[$1]?.count ?? 0) }
            layers.append(Layer(index: index, name: node.displayName, opType: node.opType,
                                outputShape: node.outputs.first.flatMap(shape), parameters: parameters,
                                macs: Self.macs(node, shape: shape), receptiveField: field?.rf, jump: field?.jump))
        }
        self.layers = layers.sorted { $0.index < $1.index }
        totalParameters = graph.parameterCount.elements
        totalMACs = layers.reduce(0) { $0 + ($1.macs ?? 0) }
    }

    /// Multiply-accumulates of one node, or nil when a needed shape is unknown.
    static func macs(_ node: Node, shape: (String) -> [Int]?) -> Int? {
        guard node.isDefaultDomain || node.domain == "ai.cnnrt" else { return 0 }
        func input(_ i: Int) -> [Int]? { i < node.inputs.count ? shape(node.inputs[i]) : nil }
        let output = node.outputs.first.flatMap(shape)
        switch node.opType {
        case "Conv", "FusedConv":
            guard let output, let weight = input(1), weight.count >= 2 else { return nil }
            return output.reduce(1, *) * weight.dropFirst().reduce(1, *)
        case "ConvTranspose":
            guard let x = input(0), let weight = input(1), weight.count >= 2 else { return nil }
            return x.reduce(1, *) * weight.dropFirst().reduce(1, *)
        case "Gemm":
            guard let output, let a = input(0), a.count == 2 else { return nil }
            let transA = (try? node.int("transA", default: 0)) ?? 0
            return output.reduce(1, *) * a[transA == 0 ? 1 : 0]
        case "MatMul":
            guard let output, let a = input(0), let k = a.last else { return nil }
            return output.reduce(1, *) * k
        default:
            return 0
        }
    }
}

/// The receptive field and jump of one value, per spatial axis.
struct Field: Equatable {
    var rf: [Double]
    var jump: [Double]

    init(axes: Int) {
        rf = Array(repeating: 1, count: axes)
        jump = Array(repeating: 1, count: axes)
    }

    init(rf: [Double], jump: [Double]) {
        self.rf = rf
        self.jump = jump
    }

    /// `list[axis]`, or 1 when the list is shorter (an attribute left at its default).
    private static func value(_ list: [Int], _ axis: Int) -> Int {
        axis < list.count ? list[axis] : 1
    }

    /// A window of `kernel` with `strides` and `dilations` slid over this field.
    func window(kernel: [Int], strides: [Int], dilations: [Int]) -> Field {
        var out = self
        for axis in rf.indices where axis < kernel.count {
            let k = Double(Self.value(dilations, axis)) * Double(kernel[axis] - 1) + 1
            out.rf[axis] = rf[axis] + (k - 1) * jump[axis]
            out.jump[axis] = jump[axis] * Double(Self.value(strides, axis))
        }
        return out
    }

    /// A transposed window: the output is `strides` times finer.
    func transposedWindow(kernel: [Int], strides: [Int], dilations: [Int]) -> Field {
        var out = self
        for axis in rf.indices where axis < kernel.count {
            let k = Double(Self.value(dilations, axis)) * Double(kernel[axis] - 1) + 1
            let s = Double(Self.value(strides, axis))
            out.rf[axis] = rf[axis] + ((k - 1) / s).rounded(.down) * jump[axis]
            out.jump[axis] = jump[axis] / s
        }
        return out
    }

    /// The field after an op that maps each output element to a node's inputs.
    static func propagate(_ node: Node, fields: [String: Field], shape: (String) -> [Int]?) -> Field? {
        let inputs = node.inputs.compactMap { fields[$0] }
        guard var field = inputs.first else { return nil }
        for other in inputs.dropFirst() where other.rf.count == field.rf.count {
            field.rf = zip(field.rf, other.rf).map { max($0, $1) }
            field.jump = zip(field.jump, other.jump).map { max($0, $1) }
        }
        guard node.isDefaultDomain || node.domain == "ai.cnnrt" else { return field }
        let spatial = shape(node.inputs[0]).map { Array($0.dropFirst(2)) }
        switch node.opType {
        case "Conv", "FusedConv", "ConvTranspose", "MaxPool", "AveragePool", "LpPool":
            var kernel = (try? node.ints("kernel_shape")) ?? nil
            if kernel == nil, node.inputs.count > 1, let weight = shape(node.inputs[1]) {
                kernel = Array(weight.dropFirst(2))
            }
            guard let kernel else { return field }
            let strides = ((try? node.ints("strides")) ?? nil) ?? []
            let dilations = ((try? node.ints("dilations")) ?? nil) ?? []
            return node.opType == "ConvTranspose"
                ? field.transposedWindow(kernel: kernel, strides: strides, dilations: dilations)
                : field.window(kernel: kernel, strides: strides, dilations: dilations)
        case "GlobalAveragePool", "GlobalMaxPool", "GlobalLpPool", "Flatten":
            guard let spatial, spatial.count == field.rf.count else { return field }
            return field.window(kernel: spatial, strides: spatial, dilations: [])
        case "Resize", "Upsample":
            guard let spatial, let output = node.outputs.first.flatMap(shape),
                  output.count == spatial.count + 2 else { return field }
            for (axis, (a, b)) in zip(spatial, output.dropFirst(2)).enumerated() where a > 0 && b > 0 {
                field.jump[axis] *= Double(a) / Double(b)
            }
            return field
        default:
            return field
        }
    }
}
