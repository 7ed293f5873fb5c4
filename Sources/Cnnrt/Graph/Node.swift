/// One operator application in a graph.
public struct Node: Sendable, Equatable {
    /// The node's name (may be empty; see `displayName`).
    public var name: String
    /// The operator, such as `Conv`.
    public var opType: String
    /// The operator domain; "" is ONNX's default domain (also written "ai.onnx").
    public var domain: String
    /// Input value names; "" marks an omitted optional input.
    public var inputs: [String]
    /// Output value names; "" marks an omitted optional output.
    public var outputs: [String]
    /// The operator's attributes, in file order.
    public var attributes: [Attribute]
    /// Free-form documentation from the file.
    public var docString: String

    /// A node applying `opType` to `inputs`, producing `outputs`.
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

    /// The value of the attribute called `name`, or nil.
    public func attribute(_ name: String) -> AttributeValue? {
        attributes.first { $0.name == name }?.value
    }

    /// True when the ONNX default domain is meant.
    public var isDefaultDomain: Bool { domain.isEmpty || domain == "ai.onnx" }
}
