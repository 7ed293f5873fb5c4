/// ONNX BatchNormalization: `y = scale * (x - mean) / sqrt(var + epsilon) + B` per channel (axis 1) of an
/// [N, C, D1, ...] input, computed in Double and rounded once.
///
/// Opset 14+ with `training_mode=1`: mean and var are the batch's statistics over every axis but 1
/// (population variance), and the optional outputs are `running_mean = mean * momentum + batch_mean *
/// (1 - momentum)` and likewise `running_var`. Otherwise (and always before opset 14, where `is_test` (< 7)
/// and the outputs' presence would select training) the inference form runs with the given statistics;
/// any extra outputs (mean, var, saved_mean, saved_var before 14; running_mean, running_var from 14) then
/// hold the given mean and var unchanged. Before opset 9, `spatial=0` takes per-activation parameters of
/// shape [C, D1, ...]. From opset 15 the parameters may have a float type other than X's.
struct BatchNormalization: OperatorDefinition {
    static let opType = "BatchNormalization"
    let label: ElementwiseLabel
    let epsilon: Double
    let momentum: Double
    /// Opset 14+ `training_mode=1`: normalize with the batch statistics.
    let training: Bool
    /// Before opset 9, `spatial=0`: one parameter per (channel, position) instead of per channel.
    let perActivation: Bool
    let outputCount: Int

    init(node: Node, opset: Int) throws {
        label = ElementwiseLabel(node)
        try node.requireArity(inputs: 5...5, outputs: opset >= 14 ? 1...3 : 1...5)
        outputCount = node.outputs.count
        epsilon = Double(try node.float("epsilon", default: 1e-5))
        momentum = Double(try node.float("momentum", default: 0.9))
        if opset >= 14 {
            let mode = try node.int("training_mode", default: 0)
            guard mode == 0 || mode == 1 else {
                throw node.invalid("attribute 'training_mode' must be 0 or 1, got \(mode)")
            }
            training = mode == 1
        } else {
            training = false
            // Read to report a wrongly typed value; inference ignores it (see the type's documentation).
            _ = try node.int("is_test")
        }
        if opset < 9 {
            let spatial = try node.int("spatial", default: 1)
            guard spatial == 0 || spatial == 1 else {
                throw node.invalid("attribute 'spatial' must be 0 or 1, got \(spatial)")
            }
            perActivation = spatial == 0
        } else {
            perActivation = false
        }
    }

    /// The shared check of `inferOutputs` and `run`: X's batch, channel and spatial sizes, and the outputs.
    func geometry(_ x: TensorInfo, _ params: [TensorInfo]) throws -> (batch: Int, channels: Int, spatial: Int,
                                                                        outputs: [TensorInfo]) {
        try label.requireFloat(x.elementType, "input X")
        guard x.shape.count >= 2 else {
            throw label.error("input X must have rank 2 or more ([N, C, ...]), got shape \(x.shape)")
        }
        guard Shape.elementCount(x.shape) != nil else { throw label.error("input X has invalid shape \(x.shape)") }
        let channels = x.shape[1]
        let spatial = x.shape[2...].reduce(1, *)
        let names = ["scale", "B", "mean", "var"]
        for (name, p) in zip(names, params) {
            try label.requireFloat(p.elementType, name)
            let count = Shape.elementCount(p.shape)
            guard count == channels || (perActivation && count == channels &* spatial) else {
                let expected = perActivation ? "\(channels) or \(channels &* spatial)" : "\(channels)"
                throw label.error("\(name) has shape \(p.shape), expected \(expected) elements (C = \(channels))")
            }
        }
        let mean = params[2], variance = params[3]
        let statistics = outputCount > 3 ? [mean, variance, mean, variance] : [mean, variance]
        let outputs = [TensorInfo(elementType: x.elementType, shape: x.shape)]
            + statistics.map { TensorInfo(elementType: $0.elementType, shape: $0.shape) }
        return (x.shape[0], channels, spatial, Array(outputs.prefix(outputCount)))
    }

    func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo] {
        try geometry(inputs[0]!, inputs[1...].map { $0! }).outputs
    }

    func run(_ inputs: [Tensor?]) throws -> [Tensor] {
        let x = inputs[0]!
        let params = inputs[1...].map { $0! }
        let g = try geometry(TensorInfo(x), params.map(TensorInfo.init))
        let kernel = Kernel(x: x, scale: params[0].doubles(), bias: params[1].doubles(),
                            mean: params[2].doubles(), variance: params[3].doubles(), epsilon: epsilon,
                            batch: g.batch, channels: g.channels, spatial: g.spatial, training: training)
        let result = try x.elementType.dispatch(float: kernel, label)
        guard outputCount > 1 else { return [result.y] }
        guard training, let batchMean = result.batchMean, let batchVariance = result.batchVariance else {
            // Inference: the statistics pass through unchanged.
            return Array(([result.y] + [params[2], params[3], params[2], params[3]]).prefix(outputCount))
        }
        let running = try [(params[2], batchMean), (params[3], batchVariance)].map { given, batch in
            let old = given.doubles()
            let values = zip(old, batch).map { $0 * momentum + $1 * (1 - momentum) }
            return try castTensor(Tensor(shape: given.shape, scalars: values), to: given.elementType, label)
        }
        return Array(([result.y] + running).prefix(outputCount))
    }

    private struct Kernel: ElementwiseFloatVisitor {
        let x: Tensor
        let scale: [Double]
        let bias: [Double]
        let mean: [Double]
        let variance: [Double]
        let epsilon: Double
        let batch: Int
        let channels: Int
        let spatial: Int
        let training: Bool

        func visit<T: ElementwiseFloat>(_ type: T.Type) throws
            -> (y: Tensor, batchMean: [Double]?, batchVariance: [Double]?) {
            var y = Tensor(zeros: x.elementType, shape: x.shape)
            var usedMean = mean
            var usedVariance = variance
            var batchMean: [Double]?
            var batchVariance: [Double]?
            x.withUnsafeBufferPointer(as: T.self) { px in
                if training {
                    (usedMean, usedVariance) = statistics(px)
                    batchMean = usedMean
                    batchVariance = usedVariance
                }
                let denominators = usedVariance.map { ($0 + epsilon).squareRoot() }
                // Each parameter has one value per channel, or (spatial=0) one per (channel, position).
                func at(_ values: [Double], _ c: Int, _ s: Int) -> Double {
                    values.count == channels ? values[c] : values[c &* spatial &+ s]
                }
                y.withUnsafeMutableBufferPointer(as: T.self) { py in
                    for n in 0..<batch {
                        for c in 0..<channels {
                            let base = (n &* channels &+ c) &* spatial
                            for s in 0..<spatial {
                                let v = Double(px[base &+ s].computeValue)
                                let normalized = (v - at(usedMean, c, s)) / at(denominators, c, s)
                                py[base &+ s] = T.fromCast(at(scale, c, s) * normalized + at(bias, c, s))
                            }
                        }
                    }
                }
            }
            return (y, batchMean, batchVariance)
        }

        /// Per-channel mean and population variance over the batch and spatial axes, in two passes.
        private func statistics<T: ElementwiseFloat>(_ px: UnsafeBufferPointer<T>) -> ([Double], [Double]) {
            let count = Double(batch &* spatial)
            var means = [Double](repeating: 0, count: channels)
            var variances = [Double](repeating: 0, count: channels)
            for c in 0..<channels {
                var sum = 0.0
                for n in 0..<batch {
                    let base = (n &* channels &+ c) &* spatial
                    for s in 0..<spatial { sum += Double(px[base &+ s].computeValue) }
                }
                let m = sum / count
                var squares = 0.0
                for n in 0..<batch {
                    let base = (n &* channels &+ c) &* spatial
                    for s in 0..<spatial {
                        let d = Double(px[base &+ s].computeValue) - m
                        squares += d * d
                    }
                }
                means[c] = m
                variances[c] = squares / count
            }
            return (means, variances)
        }
    }
}
