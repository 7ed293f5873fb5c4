/// A dataflow graph: nodes, constant initializers and declared inputs and outputs.
public struct Graph: Sendable, Equatable {
    /// The graph's name.
    public var name: String
    /// The nodes, in file order (see `topologicalOrder()` for an execution order).
    public var nodes: [Node]
    /// Constant tensors by name (ONNX initializers).
    public var initializers: [String: Tensor]
    /// Initializer names in file order, so saving keeps the order a tool expects.
    public var initializerOrder: [String]
    /// Declared inputs; an input with the name of an initializer is an overridable default.
    public var inputs: [ValueInfo]
    /// The values a run returns, in order.
    public var outputs: [ValueInfo]
    /// Declared types of intermediate values.
    public var valueInfo: [ValueInfo]
    /// Free-form documentation from the file.
    public var docString: String

    /// A graph from its parts; initializers keep the given order.
    public init(name: String = "", nodes: [Node] = [], initializers: [(String, Tensor)] = [],
                inputs: [ValueInfo] = [], outputs: [ValueInfo] = [], valueInfo: [ValueInfo] = [],
                docString: String = "") {
        self.name = name
        self.nodes = nodes
        self.initializers = [:]
        self.initializerOrder = []
        self.inputs = inputs
        self.outputs = outputs
        self.valueInfo = valueInfo
        self.docString = docString
        for (name, tensor) in initializers { setInitializer(name, tensor) }
    }

    /// Adds or replaces a constant.
    public mutating func setInitializer(_ name: String, _ tensor: Tensor) {
        if initializers.updateValue(tensor, forKey: name) == nil { initializerOrder.append(name) }
    }

    /// Removes a constant, if present.
    public mutating func removeInitializer(_ name: String) {
        if initializers.removeValue(forKey: name) != nil { initializerOrder.removeAll { $0 == name } }
    }

    /// Graph inputs that the caller must bind (declared inputs that are not initializers).
    public var runtimeInputs: [ValueInfo] {
        inputs.filter { initializers[$0.name] == nil }
    }

    /// Total number of constant elements (the parameter count) and their bytes.
    public var parameterCount: (elements: Int, bytes: Int) {
        initializers.values.reduce((0, 0)) { ($0.0 + $1.count, $0.1 + $1.byteCount) }
    }

    /// Equal when every part, including initializer order, is equal.
    public static func == (a: Graph, b: Graph) -> Bool {
        a.name == b.name && a.nodes == b.nodes && a.initializers == b.initializers
            && a.initializerOrder == b.initializerOrder && a.inputs == b.inputs && a.outputs == b.outputs
            && a.valueInfo == b.valueInfo && a.docString == b.docString
    }
}
