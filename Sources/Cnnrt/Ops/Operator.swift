/// What shape inference knows about one value: its element type, its concrete shape and, for
/// constants, its value (ops such as Reshape need the value of their shape input).
public struct TensorInfo: Sendable, Equatable {
    /// The element type.
    public var elementType: ElementType
    /// The concrete shape.
    public var shape: [Int]
    /// The value, for constants.
    public var value: Tensor?

    /// What is known about a value.
    public init(elementType: ElementType, shape: [Int], value: Tensor? = nil) {
        self.elementType = elementType
        self.shape = shape
        self.value = value
    }

    /// Everything about a constant tensor.
    public init(_ tensor: Tensor) {
        self.init(elementType: tensor.elementType, shape: tensor.shape, value: tensor)
    }
}

/// A node's operator, ready to run: attributes parsed and checked once, when the session is built.
///
/// Each conforming type is the plain reference implementation of one ONNX operator and the test
/// oracle for any faster kernel of it.
public protocol Operator: Sendable {
    /// Element types and shapes of the outputs for the given inputs (`nil` for an omitted optional
    /// input). Throws `CnnrtError.invalidNode` when the inputs do not fit the operator.
    func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo]

    /// Computes the outputs from the inputs (`nil` for an omitted optional input).
    func run(_ inputs: [Tensor?]) throws -> [Tensor]
}

/// An operator type that the registry can build from a node.
public protocol OperatorDefinition: Operator {
    /// The ONNX `op_type`.
    static var opType: String { get }
    /// The operator domain: "" for ONNX's default domain.
    static var domain: String { get }
    /// The opset versions whose semantics this implementation follows.
    static var supportedOpsets: ClosedRange<Int> { get }

    /// Reads and checks the node's attributes for the given opset version.
    init(node: Node, opset: Int) throws
}

extension OperatorDefinition {
    /// The default: ONNX's default domain.
    public static var domain: String { "" }
    /// The default: every opset cnnrt knows.
    public static var supportedOpsets: ClosedRange<Int> { 1...OperatorRegistry.newestOpset }
}
