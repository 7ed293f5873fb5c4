#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// ONNX LpNormalization: X divided by its L1 (`p` = 1) or L2 (`p` = 2, the default) norm along `axis`
/// (default -1). Where the norm is 0 the output is 0. Computed in Double.
struct LpNormalization: OperatorDefinition {
    static let opType = "LpNormalization"
    let label: ElementwiseLabel
    let axis: Int
    let p: Int

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 1...1)
        label = ElementwiseLabel(node)
        axis = try node.int("axis", default: -1)
        p = try node.int("p", default: 2)
        guard p == 1 || p == 2 else { throw node.invalid("p must be 1 or 2, got \(p)") }
    }

    func normalizedAxis(_ x: TensorInfo) throws -> Int {
        try label.requireFloat(x.elementType, "input X")
        guard let a = Shape.normalizeAxis(axis, rank: x.shape.count) else {
            throw label.error("axis \(axis) is out of range for X of rank \(x.shape.count)")
        }
        return a
    }

    func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo] {
        let x = inputs[0]!
        _ = try normalizedAxis(x)
        return [TensorInfo(elementType: x.elementType, shape: x.shape)]
    }

    func run(_ inputs: [Tensor?]) throws -> [Tensor] {
        let x = inputs[0]!
        let a = try normalizedAxis(TensorInfo(x))
        let reduced = x.shape.indices.map { $0 == a }
        let groups = NormalizationGroups(x, shape: x.shape, reduced: reduced)
        let norms = p == 1 ? groups.sums { $0.magnitude } : groups.sums { $0 * $0 }.map { sqrt($0) }
        let y = groups.values.indices.map { i -> Double in
            let norm = norms[groups.group[i]]
            return norm == 0 ? 0 : groups.values[i] / norm
        }
        return [DataMovement.floatingTensor(y, type: x.elementType, shape: x.shape)]
    }
}
