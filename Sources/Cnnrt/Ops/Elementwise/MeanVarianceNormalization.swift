#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// ONNX MeanVarianceNormalization (opset 9+): `(X - mean) / (sqrt(variance) + 1e-9)`, the mean and
/// population variance taken over `axes` (default [0, 2, 3]). Computed in Double.
struct MeanVarianceNormalization: OperatorDefinition {
    static let opType = "MeanVarianceNormalization"
    static var supportedOpsets: ClosedRange<Int> { 9...OperatorRegistry.newestOpset }
    let label: ElementwiseLabel
    let axes: [Int]

    init(node: Node, opset: Int) throws {
        try node.requireArity(inputs: 1...1)
        label = ElementwiseLabel(node)
        axes = try node.ints("axes") ?? [0, 2, 3]
    }

    /// Per axis of X, whether it is normalized over.
    func reducedAxes(_ x: TensorInfo) throws -> [Bool] {
        try label.requireFloat(x.elementType, "input X")
        var reduced = [Bool](repeating: false, count: x.shape.count)
        for axis in axes {
            guard let a = Shape.normalizeAxis(axis, rank: x.shape.count) else {
                throw label.error("axis \(axis) is out of range for X of rank \(x.shape.count)")
            }
            guard !reduced[a] else { throw label.error("axes \(axes) repeat axis \(axis)") }
            reduced[a] = true
        }
        return reduced
    }

    func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo] {
        let x = inputs[0]!
        _ = try reducedAxes(x)
        return [TensorInfo(elementType: x.elementType, shape: x.shape)]
    }

    func run(_ inputs: [Tensor?]) throws -> [Tensor] {
        let x = inputs[0]!
        let groups = NormalizationGroups(x, shape: x.shape, reduced: try reducedAxes(TensorInfo(x)))
        let (mean, variance) = groups.meanAndVariance()
        let divisor = variance.map { sqrt($0) + 1e-9 }
        let y = groups.values.indices.map { i -> Double in
            let g = groups.group[i]
            return (groups.values[i] - mean[g]) / divisor[g]
        }
        return [DataMovement.floatingTensor(y, type: x.elementType, shape: x.shape)]
    }
}
