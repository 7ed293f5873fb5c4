/// Builds graphs in Swift: declare inputs, add constants and nodes, mark outputs.
///
/// ```swift
/// var b = GraphBuilder()
/// let x = b.input("x", .float, [1, 1, 28, 28])
/// let w = b.constant("w", Tensor(shape: [6, 1, 5, 5], scalars: weights))
/// let y = b.node("Conv", [x, w], attributes: [Attribute("pads", .ints([2, 2, 2, 2]))])
/// b.output(y)
/// let model = b.model()
/// ```
public struct GraphBuilder {
    /// The graph built so far.
    public private(set) var graph: Graph
    private var counter = 0

    /// An empty graph called `name`.
    public init(name: String = "graph") {
        graph = Graph(name: name)
    }

    /// Declares a graph input with a concrete shape.
    @discardableResult
    public mutating func input(_ name: String, _ type: ElementType, _ shape: [Int]) -> String {
        input(name, type, dimensions: shape.map { .value($0) })
    }

    /// Declares a graph input whose dimensions may be symbolic.
    @discardableResult
    public mutating func input(_ name: String, _ type: ElementType, dimensions: [Dimension]) -> String {
        graph.inputs.append(ValueInfo(name: name, elementType: type, shape: dimensions))
        return name
    }

    /// Adds a constant (an initializer) and returns its name.
    @discardableResult
    public mutating func constant(_ name: String, _ tensor: Tensor) -> String {
        graph.setInitializer(name, tensor)
        return name
    }

    /// Adds a node and returns its first output's name. Outputs are named `<op>_<n>` unless given.
    @discardableResult
    public mutating func node(_ opType: String, _ inputs: [String], attributes: [Attribute] = [],
                              domain: String = "", outputs: [String]? = nil, name: String? = nil) -> String {
        counter += 1
        let outs = outputs ?? ["\(opType.lowercased())_\(counter)"]
        graph.nodes.append(Node(name: name ?? "\(opType)_\(counter)", opType: opType, domain: domain,
                                inputs: inputs, outputs: outs, attributes: attributes))
        return outs[0]
    }

    /// Marks a value as a graph output, with an optional declared type.
    public mutating func output(_ name: String, _ type: ElementType? = .float) {
        graph.outputs.append(ValueInfo(name: name, elementType: type, shape: nil))
    }

    /// The model, importing the default ONNX domain at `opset`.
    public func model(opset: Int = 13) -> Model {
        var imports = [OpsetImport(domain: "", version: opset)]
        if graph.nodes.contains(where: { $0.domain == "ai.cnnrt" }) {
            imports.append(OpsetImport(domain: "ai.cnnrt", version: 1))
        }
        return Model(graph: graph, opsetImports: imports)
    }
}
