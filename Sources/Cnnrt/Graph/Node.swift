/// One operator application in a graph.
public struct Node: Sendable, Equatable {
    public var name: String
    public var opType: String
    /// The operator domain; "" is ONNX's default domain (also written "ai.onnx").
    public var domain: String
    /// Input value names; "" marks an omitted optional input.
    public var inputs: [String]
    public var outputs: [String]
    public var attributes: [Attribute]
    public var docString: String

    public init(name: String = "", opType: String, domain: String = "", inputs: [String], outputs: [String],
                attributes: [Attribute] = [], docString: String = "") {
        self.name = name
        self.opType = opType
        self.domain = domain
        self.inputs = inputs
        self.outputs = outputs
        self.attributes = attributes
        self.docString = docString
    }

    /// The name used in messages: the node's name, or its op and first output when unnamed.
    public var displayName: String {
        if !name.isEmpty { return name }
        return "\(opType) -> \(outputs.first ?? "?")"
    }

    public func attribute(_ name: String) -> AttributeValue? {
        attributes.first { $0.name == name }?.value
    }

    /// True when the ONNX default domain is meant.
    public var isDefaultDomain: Bool { domain.isEmpty || domain == "ai.onnx" }
}
