/// One dimension of a declared tensor shape.
public enum Dimension: Sendable, Equatable, CustomStringConvertible {
    case value(Int)
    /// A named symbolic size such as `batch`, resolved when inputs are bound.
    case symbol(String)
    case unknown

    /// The size, the symbol's name, or `?`.
    public var description: String {
        switch self {
        case .value(let v): return String(v)
        case .symbol(let s): return s
        case .unknown: return "?"
        }
    }

    /// The size when the dimension is a number, else nil.
    public var value: Int? {
        if case .value(let v) = self { return v }
        return nil
    }
}

/// The declared type of a graph input, output or intermediate value.
public struct ValueInfo: Sendable, Equatable {
    /// The value's name.
    public var name: String
    /// The element type, or nil when not declared.
    public var elementType: ElementType?
    /// nil when the shape is not declared at all (unknown rank).
    public var shape: [Dimension]?
    /// Free-form documentation from the file.
    public var docString: String

    /// A declared value.
    public init(name: String, elementType: ElementType?, shape: [Dimension]?, docString: String = "") {
        self.name = name
        self.elementType = elementType
        self.shape = shape
        self.docString = docString
    }

    /// A fully known shape, or nil when any dimension is symbolic or unknown.
    public var concreteShape: [Int]? {
        guard let shape else { return nil }
        var dims: [Int] = []
        for d in shape {
            guard let v = d.value else { return nil }
            dims.append(v)
        }
        return dims
    }

    /// The shape as text, e.g. `[batch, 3, 224, 224]`.
    public var shapeDescription: String {
        guard let shape else { return "?" }
        return "[" + shape.map(\.description).joined(separator: ", ") + "]"
    }
}
