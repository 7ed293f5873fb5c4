#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// ONNX LayerNormalization (opset 17+): X normalized over its axes from `axis` (default -1) on,
/// `(x - mean) / sqrt(variance + epsilon) * Scale + B` (epsilon defaults to 1e-5; B is optional), with Scale
/// and B broadcast to X's shape. The optional outputs Mean and InvStdDev have shape
/// `X.shape[..<axis] + [1, ...]` and the element type named by `stash_type` (default 1, float32).
/// Computed in Double.
struct LayerNormalization: OperatorDefinition {
    static let opType = "LayerNormalization"
    static var supportedOpsets: ClosedRange<Int> { 17...OperatorRegistry.newestOpset }
    let label: ElementwiseLabel
    let axis: Int
    let epsilon: Double
    let statisticsType: ElementType
    /// How many of Y, Mean and InvStdDev the node has.
    let outputCount: Int

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 2...3, outputs: 1...3)
        label = ElementwiseLabel(node)
        axis = try node.int("axis", default: -1)
        epsilon = Double(try node.float("epsilon", default: 1e-5))
        guard epsilon >= 0 else { throw node.invalid("epsilon must not be negative, got \(epsilon)") }
        let stash = try node.int("stash_type", default: 1)
        let types: [Int: ElementType] = [1: .float, 10: .float16, 11: .double, 16: .bfloat16]
        guard let type = types[stash] else {
            throw node.invalid("stash_type must name a float type (1, 10, 11 or 16), got \(stash)")
        }
        statisticsType = type
        outputCount = node.outputs.count
    }

    /// The shared check of `inferOutputs` and `run`: the normalized axis, and Y, Mean and InvStdDev.
    func outputs(_ x: TensorInfo, _ scale: TensorInfo, _ bias: TensorInfo?) throws -> (axis: Int, [TensorInfo]) {
        try label.requireFloat(x.elementType, "input X")
        guard let a = Shape.normalizeAxis(axis, rank: x.shape.count) else {
            throw label.error("axis \(axis) is out of range for X of rank \(x.shape.count)")
        }
        for (name, p) in [("Scale", scale), ("B", bias)] {
            guard let p else { continue }
            guard p.elementType == x.elementType else {
                throw label.error("\(name) has element type \(p.elementType), X has \(x.elementType)")
            }
            guard Shape.broadcast(x.shape, p.shape) == x.shape else {
                throw label.error("\(name) shape \(p.shape) does not broadcast to X's shape \(x.shape)")
            }
        }
        let statistics = Array(x.shape[..<a]) + [Int](repeating: 1, count: x.shape.count - a)
        let all = [TensorInfo(elementType: x.elementType, shape: x.shape),
                   TensorInfo(elementType: statisticsType, shape: statistics),
                   TensorInfo(elementType: statisticsType, shape: statistics)]
        return (a, Array(all.prefix(outputCount)))
    }

    func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo] {
        try outputs(inputs[0]!, inputs[1]!, inputs.count > 2 ? inputs[2] : nil).1
    }

    func run(_ inputs: [Tensor?]) throws -> [Tensor] {
        let x = inputs[0]!, scale = inputs[1]!
        let bias = inputs.count > 2 ? inputs[2] : nil
        let (a, infos) = try outputs(TensorInfo(x), TensorInfo(scale), bias.map(TensorInfo.init))
        let rows = x.shape[..<a].reduce(1, *), columns = x.shape[a...].reduce(1, *)
        let groups = NormalizationGroups(x, shape: [rows, columns], reduced: [false, true])
        let (mean, variance) = groups.meanAndVariance()
        let inverse = variance.map { 1 / sqrt($0 + epsilon) }
        let scaleValues = Self.broadcast(scale, to: x.shape)
        let biasValues = bias.map { Self.broadcast($0, to: x.shape) }
        let y = groups.values.indices.map { i -> Double in
            let g = groups.group[i]
            return (groups.values[i] - mean[g]) * inverse[g] * scaleValues[i] + (biasValues?[i] ?? 0)
        }
        let statistics = Array(x.shape[..<a]) + [Int](repeating: 1, count: x.rank - a)
        let all = [DataMovement.floatingTensor(y, type: x.elementType, shape: x.shape),
                   DataMovement.floatingTensor(mean, type: statisticsType, shape: statistics),
                   DataMovement.floatingTensor(inverse, type: statisticsType, shape: statistics)]
        return Array(all.prefix(infos.count))
    }

    /// The elements of `p` repeated to `shape` (which it broadcasts to), as Double.
    private static func broadcast(_ p: Tensor, to shape: [Int]) -> [Double] {
        let values = p.doubles()
        var out = [Double](repeating: 0, count: shape.reduce(1, *))
        values.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in broadcastCopy(src, p.shape, into: dst, shape) }
        }
        return out
    }
}
