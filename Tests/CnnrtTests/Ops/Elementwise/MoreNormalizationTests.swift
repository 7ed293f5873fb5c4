import Testing
@testable import Cnnrt

@Suite struct MoreNormalizationTests {
    @Test func instanceNormalization() throws {
        // Channel 0 = [1, 3]: mean 2, variance 1. Channel 1 = [2, 2]: variance 0.
        let x = ewF([1, 2, 2], [1, 3, 2, 2])
        let s = 0.9999950000374997   // 1 / sqrt(1 + 1e-5)
        let y = try ewRun1("InstanceNormalization", [x, ewF([2], [2, 3]), ewF([2], [1, -1])])
        ewExpectClose(y, [1 - 2 * s, 1 + 2 * s, -1, -1], shape: [1, 2, 2])
        let eps = try ewRun1("InstanceNormalization", [x, ewF([2], [1, 1]), ewF([2], [0, 0])],
                             attributes: [Attribute("epsilon", .float(3))])
        ewExpectClose(eps, [-0.5, 0.5, 0, 0])
        ewExpectError("InstanceNormalization", [x, ewF([3], [1, 1, 1]), ewF([2], [0, 0])])
        ewExpectError("InstanceNormalization", [x, ewF([2], [1, 1]), ewF([2], [0, 0])],
                      attributes: [Attribute("epsilon", .float(-1))])
        ewExpectError("InstanceNormalization", [Tensor(shape: [1, 1, 1], scalars: [Int32(1)]),
                                                Tensor(shape: [1], scalars: [Int32(1)]),
                                                Tensor(shape: [1], scalars: [Int32(1)])])
    }

    @Test func layerNormalizationWithStatistics() throws {
        // Row 0 = [1, 2, 3]: mean 2, variance 2/3. Row 1 = [2, 4, 6]: mean 4, variance 8/3.
        let x = ewF([2, 3], [1, 2, 3, 2, 4, 6])
        let r0 = 1.2247356859083902, r1 = 0.6123712875007069
        let out = try ewRun("LayerNormalization", opset: 17, [x, ewF([3], [1, 1, 2]), ewF([3], [0, 0, 1])], outputs: 3)
        ewExpectClose(out[0], [-r0, 0, 2 * r0 + 1, -2 * r1, 0, 4 * r1 + 1], shape: [2, 3])
        ewExpectClose(out[1], [2, 4], shape: [2, 1])
        ewExpectClose(out[2], [r0, r1], shape: [2, 1])
        #expect(out[1].elementType == .float)
        // Without B, and normalizing over every axis (axis 0): mean 3, variance 8/3 over all six.
        let all = try ewRun1("LayerNormalization", opset: 17, [x, Tensor(scalar: Float(1))],
                             attributes: [Attribute("axis", .int(0)), Attribute("epsilon", .float(0))])
        let s = 1 / (8.0 / 3).squareRoot()
        ewExpectClose(all, [-2 * s, -s, 0, -s, s, 3 * s])
    }

    @Test func layerNormalizationRejects() {
        let x = ewF([2, 3], [1, 2, 3, 2, 4, 6])
        ewExpectError("LayerNormalization", opset: 17, [x, ewF([2], [1, 1])])
        ewExpectError("LayerNormalization", opset: 17, [x, ewF([3], [1, 1, 1])],
                      attributes: [Attribute("axis", .int(2))])
        ewExpectError("LayerNormalization", opset: 17, [x, ewF([3], [1, 1, 1])],
                      attributes: [Attribute("stash_type", .int(7))])
        ewExpectError("LayerNormalization", opset: 16, [x, ewF([3], [1, 1, 1])])
        ewExpectError("LayerNormalization", opset: 17, [x, ewF([3], [1, 1, 1])],
                      attributes: [Attribute("epsilon", .float(-1e-5))])
        ewExpectError("LayerNormalization", opset: 17, [x, ewF([3], [1, 1, 1]), ewF([3], [1, 1, 1])], outputs: 4)
    }

    @Test func groupNormalizationPerChannelAndPerGroup() throws {
        // Groups {1, 3} (mean 2, variance 1) and {5, 9} (mean 7, variance 4).
        let x = ewF([1, 4, 1], [1, 3, 5, 9])
        let attrs = [Attribute("num_groups", .int(2)), Attribute("epsilon", .float(0))]
        let y21 = try ewRun1("GroupNormalization", opset: 21, [x, ewF([4], [1, 2, 3, 4]), ewF([4], [0, 0, 0, 1])],
                             attributes: attrs)
        ewExpectClose(y21, [-1, 2, -3, 5])
        let y18 = try ewRun1("GroupNormalization", opset: 18, [x, ewF([2], [1, 2]), ewF([2], [0, 1])],
                             attributes: attrs)
        ewExpectClose(y18, [-1, 1, -1, 3])
        ewExpectError("GroupNormalization", opset: 21, [x, ewF([2], [1, 2]), ewF([2], [0, 1])], attributes: attrs)
        ewExpectError("GroupNormalization", opset: 21, [x, ewF([4], [1, 1, 1, 1]), ewF([4], [0, 0, 0, 0])],
                      attributes: [Attribute("num_groups", .int(3))])
        ewExpectError("GroupNormalization", opset: 21, [x, ewF([4], [1, 1, 1, 1]), ewF([4], [0, 0, 0, 0])])
        for bad in [Attribute("num_groups", .int(0)), Attribute("stash_type", .int(7))] {
            let attributes = [Attribute("num_groups", .int(2))].filter { $0.name != bad.name } + [bad]
            ewExpectError("GroupNormalization", opset: 21, [x, ewF([4], [1, 1, 1, 1]), ewF([4], [0, 0, 0, 0])],
                          attributes: attributes)
        }
    }

    @Test func lpNormalization() throws {
        let x = ewF([2, 2], [3, 4, 0, 0])
        ewExpectClose(try ewRun1("LpNormalization", [x]), [0.6, 0.8, 0, 0])
        ewExpectClose(try ewRun1("LpNormalization", [x], attributes: [Attribute("p", .int(1))]),
                      [3.0 / 7, 4.0 / 7, 0, 0])
        let axis0 = try ewRun1("LpNormalization", [ewF([2, 2], [1, 2, -3, 2])],
                               attributes: [Attribute("p", .int(1)), Attribute("axis", .int(0))])
        ewExpectClose(axis0, [0.25, 0.5, -0.75, 0.5])
        ewExpectError("LpNormalization", [x], attributes: [Attribute("p", .int(3))])
        ewExpectError("LpNormalization", [x], attributes: [Attribute("axis", .int(2))])
    }

    @Test func meanVarianceNormalization() throws {
        // Default axes [0, 2, 3]: channel 0 = [1, 3] (mean 2, deviation 1), channel 1 = [4, 4].
        let x = ewF([1, 2, 1, 2], [1, 3, 4, 4])
        let d = 1 / (1 + 1e-9)
        ewExpectClose(try ewRun1("MeanVarianceNormalization", [x]), [-d, d, 0, 0])
        // Over axis 1 only: pairs (1, 4) and (3, 4).
        let y = try ewRun1("MeanVarianceNormalization", [x], attributes: [Attribute("axes", .ints([1]))])
        ewExpectClose(y, [-d, -d, d, d])
        ewExpectError("MeanVarianceNormalization", [x], attributes: [Attribute("axes", .ints([4]))])
        ewExpectError("MeanVarianceNormalization", [x], attributes: [Attribute("axes", .ints([1, 1]))])
    }
}
