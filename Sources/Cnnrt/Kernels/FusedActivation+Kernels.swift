/// How kernels apply a fused activation while storing their results.
extension FusedActivation {
    /// The clamp a microkernel applies while storing; activations that are not clamps use (-inf, inf).
    var clampBounds: (min: Float, max: Float) {
        switch self {
        case .relu: return (0, .infinity)
        case .clip(let low, let high): return (low, high)
        default: return (-.infinity, .infinity)
        }
    }

    /// True when the activation needs a pass over the (cache-hot) tile after the microkernel.
    var needsPass: Bool {
        switch self {
        case .none, .relu, .clip: return false
        default: return true
        }
    }

    /// The `kind`, `p0`, `p1` arguments of the f32-vactivation kernels.
    var kernelCode: (kind: Int32, p0: Float, p1: Float) {
        switch self {
        case .none: return (0, 0, 0)
        case .relu: return (1, 0, 0)
        case .clip(let low, let high): return (2, low, high)
        case .leakyRelu(let alpha): return (3, alpha, 0)
        case .sigmoid: return (4, 0, 0)
        case .hardSigmoid(let alpha, let beta): return (5, alpha, beta)
        case .hardSwish: return (6, 0, 0)
        case .silu: return (7, 0, 0)
        }
    }
}
