/// Relu, Clip, LeakyRelu, Sigmoid, HardSigmoid, HardSwish (through the f32-vactivation kernels), Add of two
/// same-shape tensors, and ScaleShift / inference BatchNormalization (per-channel scale and shift).
final class ElementwiseNodeKernel: NodeKernel, @unchecked Sendable {
    enum Kind {
        case activation(FusedActivation)
        case add
        case scaleShift(scale: [Float], shift: [Float], plane: Int)
    }
    let kind: Kind
    let count: Int
    let kernels: KernelSet

    var kernelName: String {
        switch kind {
        case .activation: return "f32-vactivation-" + kernels.isa.rawValue
        case .add: return "f32-vadd"
        case .scaleShift: return "f32-vscaleshift"
        }
    }

    private init(kind: Kind, count: Int, kernels: KernelSet) {
        self.kind = kind
        self.count = count
        self.kernels = kernels
    }

    static func make(_ c: NodeKernelContext) throws -> NodeKernel? {
        guard c.allFloat, c.node.outputs.count == 1, let x = c.floatInput(0), let y = c.outputs.first,
              x.shape == y.shape, let count = Shape.elementCount(y.shape) else { return nil }
        let node = c.node
        let kind: Kind
        switch node.opType {
        case "Relu": kind = .activation(.relu)
        case "Sigmoid": kind = .activation(.sigmoid)
        case "HardSwish": kind = .activation(.hardSwish)
        case "LeakyRelu": kind = .activation(.leakyRelu(alpha: try node.float("alpha", default: 0.01)))
        case "HardSigmoid":
            kind = .activation(.hardSigmoid(alpha: try node.float("alpha", default: 0.2),
                                            beta: try node.float("beta", default: 0.5)))
        case "Clip":
            var low = try node.float("min", default: -.infinity), high = try node.float("max", default: .infinity)
            if !c.isAbsent(1) { guard let v = c.floatInput(1)?.value, v.count == 1 else { return nil }; low = v.floats[0] }
            if !c.isAbsent(2) { guard let v = c.floatInput(2)?.value, v.count == 1 else { return nil }; high = v.floats[0] }
            kind = .activation(.clip(min: low, max: high))
        case "Add":
            guard c.floatInput(1)?.shape == x.shape else { return nil }
            kind = .add
        case "ScaleShift", "BatchNormalization":
            guard x.shape.count >= 2, let (scale, shift) = try scaleShift(c) else { return nil }
            kind = .scaleShift(scale: scale, shift: shift, plane: x.shape[2...].reduce(1, *))
        default:
            return nil
        }
        return ElementwiseNodeKernel(kind: kind, count: count, kernels: c.kernels)
    }

    /// Per-channel scale and shift of ScaleShift, or of an inference BatchNormalization.
    private static func scaleShift(_ c: NodeKernelContext) throws -> ([Float], [Float])? {
        let values = (1..<c.inputs.count).map { c.floatInput($0)?.value?.floats }
        if c.node.opType == "ScaleShift" {
            guard values.count == 2, let scale = values[0], let shift = values[1] else { return nil }
            return (scale, shift)
        }
        guard values.count == 4, let gamma = values[0], let beta = values[1], let mean = values[2],
              let variance = values[3], try c.node.int("training_mode", default: 0) == 0 else { return nil }
        let epsilon = try c.node.float("epsilon", default: 1e-5)
        let scale = zip(gamma, variance).map { $0 / (Float($1) + epsilon).squareRoot() }
        let shift = (0..<beta.count).map { beta[$0] - mean[$0] * scale[$0] }
        return (scale, shift)
    }

    func run(_ io: NodeIO, pool: ThreadPool?, scratch: GemmScratch) {
        let x = io.input(0)!, y = io.output(0)
        switch kind {
        case .activation(let activation):
            let code = activation.kernelCode
            y.update(from: x, count: count)
            kernels.vactivation(code.kind, code.p0, code.p1, y, count)
        case .add:
            let z = io.input(1)!
            for i in 0..<count { y[i] = x[i] + z[i] }
        case .scaleShift(let scale, let shift, let plane):
            let channels = scale.count
            for block in 0..<(count / max(1, plane)) {
                let s = scale[block % channels], t = shift[block % channels]
                let base = block * plane
                for i in base..<(base + plane) { y[i] = x[i] * s + t }
            }
        }
    }
}
