/// Every error cnnrt throws. Each message names the file, node or tensor at fault so a user can act on it.
public enum CnnrtError: Error, Equatable, CustomStringConvertible {
    /// A file could not be read or written.
    case io(path: String, reason: String)
    /// The bytes are not a well-formed model (truncated, not protobuf, wrong message, hostile sizes).
    case malformedModel(reason: String)
    /// The graph breaks a structural rule (names, order, types, sizes).
    case invalidGraph(reason: String)
    /// One or more nodes use operators cnnrt does not implement; each entry names a node.
    case unsupportedOperators([String])
    /// A node's attributes or input types or shapes are invalid for its operator.
    case invalidNode(node: String, opType: String, reason: String)
    /// A bound input tensor does not fit the graph, or a required input is missing.
    case invalidInput(name: String, reason: String)
    /// A size is over a configured limit.
    case limitExceeded(reason: String)
    /// Input data (an .npy or tensor file) is malformed.
    case invalidData(source: String, reason: String)

    /// The message shown to users: what is wrong and where.
    public var description: String {
        switch self {
        case .io(let path, let reason): return "\(path): \(reason)"
        case .malformedModel(let reason): return "malformed model: \(reason)"
        case .invalidGraph(let reason): return "invalid graph: \(reason)"
        case .unsupportedOperators(let list):
            return "unsupported operator\(list.count == 1 ? "" : "s"): " + list.joined(separator: "; ")
        case .invalidNode(let node, let opType, let reason): return "node '\(node)' (\(opType)): \(reason)"
        case .invalidInput(let name, let reason): return "input '\(name)': \(reason)"
        case .limitExceeded(let reason): return "limit exceeded: \(reason)"
        case .invalidData(let source, let reason): return "\(source): \(reason)"
        }
    }
}
