#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Shared by the normalization operators (InstanceNormalization, LayerNormalization, GroupNormalization,
// MeanVarianceNormalization, LpNormalization): the elements of a float tensor in Double, split into groups
// by the axes they are normalized over.

/// A float tensor's elements (as Double) grouped by reduced axes: element `i` belongs to group `group[i]`,
/// the output index a reduction over those axes would write (`AxisReduction.outputIndices`).
struct NormalizationGroups {
    let values: [Double]
    let group: [Int]
    let groupCount: Int
    /// Elements per group: the product of the reduced dimensions.
    let groupSize: Int

    /// - Parameters:
    ///   - shape: a shape with the tensor's element count (the tensor may be viewed reshaped).
    ///   - reduced: per axis of `shape`, whether it is normalized over.
    init(_ x: Tensor, shape: [Int], reduced: [Bool]) {
        values = x.doubles()
        group = AxisReduction.outputIndices(shape, reduced: reduced)
        groupCount = shape.indices.filter { !reduced[$0] }.reduce(1) { $0 * shape[$1] }
        groupSize = shape.indices.filter { reduced[$0] }.reduce(1) { $0 * shape[$1] }
    }

    /// Per group, the sum of `f(x)` over its elements.
    func sums(_ f: (Double) -> Double) -> [Double] {
        var sums = [Double](repeating: 0, count: groupCount)
        for i in values.indices { sums[group[i]] += f(values[i]) }
        return sums
    }

    /// Per group, the mean and the population variance (the mean squared deviation from the mean, which is
    /// never negative, unlike E[x²] - E[x]²). Empty groups give NaN.
    func meanAndVariance() -> (mean: [Double], variance: [Double]) {
        let n = Double(groupSize)
        let mean = sums { $0 }.map { $0 / n }
        var squares = [Double](repeating: 0, count: groupCount)
        for i in values.indices {
            let d = values[i] - mean[group[i]]
            squares[group[i]] += d * d
        }
        return (mean, squares.map { $0 / n })
    }

    /// `(x - mean) / sqrt(variance + epsilon)` for every element, in the input's order.
    func standardized(epsilon: Double) -> [Double] {
        let (mean, variance) = meanAndVariance()
        let inverse = variance.map { 1 / sqrt($0 + epsilon) }
        return values.indices.map { (values[$0] - mean[group[$0]]) * inverse[group[$0]] }
    }
}

extension ElementwiseLabel {
    /// Checks that an affine parameter (scale or bias) has X's element type and the given shape.
    func requireParameter(_ info: TensorInfo?, _ name: String, type: ElementType, shape: [Int]) throws {
        guard let info else { return }
        guard info.elementType == type else {
            throw error("\(name) has element type \(info.elementType), X has \(type)")
        }
        guard info.shape == shape else { throw error("\(name) must have shape \(shape), got \(info.shape)") }
    }
}
