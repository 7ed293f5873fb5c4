/// Looks up the operator implementation for a node by domain and op type.
public struct OperatorRegistry: Sendable {
    /// Every operator cnnrt implements (listed in `StandardOperators`).
    public static let standard = OperatorRegistry(StandardOperators.all)

    /// The newest default-domain opset whose operator semantics cnnrt follows (ONNX 1.23).
    public static let newestOpset = 28

    private struct Key: Hashable {
        var domain: String
        var opType: String
    }

    private let definitions: [Key: any OperatorDefinition.Type]

    /// A registry of the given operator types (a later entry replaces an earlier one with the same name).
    public init(_ list: [any OperatorDefinition.Type]) {
        var table: [Key: any OperatorDefinition.Type] = [:]
        for definition in list {
            table[Key(domain: Self.canonicalDomain(definition.domain), opType: definition.opType)] = definition
        }
        definitions = table
    }

    private static func canonicalDomain(_ domain: String) -> String {
        domain == "ai.onnx" ? "" : domain
    }

    /// The implementation of `opType` in `domain`, or nil.
    public func definition(opType: String, domain: String) -> (any OperatorDefinition.Type)? {
        definitions[Key(domain: Self.canonicalDomain(domain), opType: opType)]
    }

    /// All implemented op types of a domain, sorted.
    public func opTypes(domain: String = "") -> [String] {
        definitions.keys.filter { $0.domain == Self.canonicalDomain(domain) }.map(\.opType).sorted()
    }

    /// Why `node` cannot run at `opset`, or nil when it can.
    public func unsupportedReason(_ node: Node, opset: Int?) -> String? {
        let where_ = "node '\(node.displayName)'"
        guard let definition = definition(opType: node.opType, domain: node.domain) else {
            let domain = node.isDefaultDomain ? "" : " in domain '\(node.domain)'"
            return "\(where_): \(node.opType)\(domain)"
        }
        guard let opset else {
            return "\(where_): \(node.opType) needs an opset import for domain '\(node.domain)'"
        }
        guard definition.supportedOpsets.contains(opset) else {
            return "\(where_): \(node.opType) at opset \(opset) (supported: \(definition.supportedOpsets))"
        }
        return nil
    }

    /// Builds the operator for `node`; throws when unsupported or when its attributes are invalid.
    public func makeOperator(_ node: Node, opset: Int?) throws -> any Operator {
        if let reason = unsupportedReason(node, opset: opset) {
            throw CnnrtError.unsupportedOperators([reason])
        }
        return try definition(opType: node.opType, domain: node.domain)!.init(node: node, opset: opset!)
    }
}
