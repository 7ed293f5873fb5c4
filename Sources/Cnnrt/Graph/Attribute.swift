/// The value of a node attribute, one case per ONNX attribute type that cnnrt understands.
public enum AttributeValue: Sendable, Equatable {
    case float(Float)
    case int(Int)
    case string(String)
    case tensor(Tensor)
    case graph(Graph)
    case floats([Float])
    case ints([Int])
    case strings([String])
    case tensors([Tensor])
    case graphs([Graph])

    /// The ONNX name of the attribute's type, for messages.
    public var typeName: String {
        switch self {
        case .float: return "FLOAT"
        case .int: return "INT"
        case .string: return "STRING"
        case .tensor: return "TENSOR"
        case .graph: return "GRAPH"
        case .floats: return "FLOATS"
        case .ints: return "INTS"
        case .strings: return "STRINGS"
        case .tensors: return "TENSORS"
        case .graphs: return "GRAPHS"
        }
    }
}

/// A named attribute of a node.
public struct Attribute: Sendable, Equatable {
    /// The attribute's name, such as `kernel_shape`.
    public var name: String
    /// The attribute's value.
    public var value: AttributeValue

    /// An attribute called `name`.
    public init(_ name: String, _ value: AttributeValue) {
        self.name = name
        self.value = value
    }
}
