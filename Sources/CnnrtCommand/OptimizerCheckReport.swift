import Cnnrt

/// What `check` reports when it compares the optimized graph with the original (see `OptimizationCheck`).
struct OptimizerCheckReport: Encodable {
    struct Difference: Encodable {
        var value: String
        var referenceNode: String
        var referenceOp: String
        var optimizedNode: String
        var optimizedOp: String
        var mismatches: Int
        var maxAbsDiff: Double
        var worstIndex: [Int]
        var worstGot: Double?
        var worstExpected: Double?
    }

    var model: String
    var mode = "optimizer"
    var level: String
    var inputs: String
    var passed: Bool
    var rtol: Double
    var atol: Double
    /// How many values both graphs compute.
    var compared: Int
    var firstDifference: Difference?

    init(model: String, level: String, inputs: String, rtol: Double, atol: Double, check: OptimizationCheck) {
        self.model = model
        self.level = level
        self.inputs = inputs
        self.rtol = rtol
        self.atol = atol
        compared = check.values.count
        passed = check.firstDifference == nil
        firstDifference = check.firstDifference.map { v in
            let c = v.comparison
            return Difference(value: v.name, referenceNode: v.referenceNode, referenceOp: v.referenceOp,
                              optimizedNode: v.candidateNode, optimizedOp: v.candidateOp, mismatches: c.mismatches,
                              maxAbsDiff: c.maxAbsoluteDifference, worstIndex: c.worstIndex,
                              worstGot: c.worstActual.isFinite ? c.worstActual : nil,
                              worstExpected: c.worstExpected.isFinite ? c.worstExpected : nil)
        }
    }

    /// Encodes every field; `first_difference` is null when the graphs agree.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(model, forKey: .model)
        try container.encode(mode, forKey: .mode)
        try container.encode(level, forKey: .level)
        try container.encode(inputs, forKey: .inputs)
        try container.encode(passed, forKey: .passed)
        try container.encode(rtol, forKey: .rtol)
        try container.encode(atol, forKey: .atol)
        try container.encode(compared, forKey: .compared)
        try container.encode(firstDifference, forKey: .firstDifference)
    }

    private enum CodingKeys: String, CodingKey {
        case model, mode, level, inputs, passed, rtol, atol, compared, firstDifference
    }

    func text() -> String {
        var lines = ["-O0 vs \(level) on \(inputs) inputs: \(compared) values compared"]
        guard let d = firstDifference else {
            lines.append("ok: every value within rtol \(rtol), atol \(atol)")
            return lines.joined(separator: "\n")
        }
        lines.append("DIFFERS first at value '\(d.value)', computed by node '\(d.referenceNode)' (\(d.referenceOp)) "
                     + "and by '\(d.optimizedNode)' (\(d.optimizedOp)) in the \(level) graph")
        var detail = "  max abs diff \(OutputSummary.format(d.maxAbsDiff)), \(d.mismatches) elements outside tolerance"
        if let g = d.worstGot, let e = d.worstExpected {
            detail += "; worst at \(d.worstIndex): \(level) \(OutputSummary.format(g)), -O0 \(OutputSummary.format(e))"
        }
        lines.append(detail)
        return lines.joined(separator: "\n")
    }
}
