/// An activation applied by a kernel as it stores its results (docs/fused-ops.md's activation attributes).
public enum Activation: Sendable, Equatable {
    case none
    case relu
    case clip(min: Float, max: Float)
    case leakyRelu(alpha: Float)
    case sigmoid
    case hardSigmoid(alpha: Float, beta: Float)
    case hardSwish
    case silu

    /// Parses the `activation` / `activation_params` attribute pair; nil for an unknown name or bad params.
    public init?(name: String, params: [Float]) {
        switch (name, params.count) {
        case ("", 0): self = .none
        case ("Relu", 0): self = .relu
        case ("Clip", 2): self = .clip(min: params[0], max: params[1])
        case ("LeakyRelu", 1): self = .leakyRelu(alpha: params[0])
        case ("Sigmoid", 0): self = .sigmoid
        case ("HardSigmoid", 2): self = .hardSigmoid(alpha: params[0], beta: params[1])
        case ("HardSwish", 0): self = .hardSwish
        case ("SiLU", 0): self = .silu
        default: return nil
        }
    }

    /// The clamp a microkernel applies while storing; activations that are not clamps use (-inf, inf).
    var clampBounds: (min: Float, max: Float) {
        switch self {
        case .relu: return (0, .infinity)
        case .clip(let lo, let hi): return (lo, hi)
        default: return (-.infinity, .infinity)
        }
    }

    /// True when the activation needs a pass after the microkernel (it is not a clamp).
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
        case .clip(let lo, let hi): return (2, lo, hi)
        case .leakyRelu(let alpha): return (3, alpha, 0)
        case .sigmoid: return (4, 0, 0)
        case .hardSigmoid(let alpha, let beta): return (5, alpha, beta)
        case .hardSwish: return (6, 0, 0)
        case .silu: return (7, 0, 0)
        }
    }

    /// The scalar definition, the oracle for the vector kernels.
    public func apply(_ x: Float) -> Float {
        switch self {
        case .none: return x
        case .relu: return max(x, 0)
        case .clip(let lo, let hi): return min(max(x, lo), hi)
        case .leakyRelu(let alpha): return x < 0 ? alpha * x : x
        case .sigmoid: return 1 / (1 + expf(-x))
        case .hardSigmoid(let alpha, let beta): return min(max(alpha * x + beta, 0), 1)
        case .hardSwish: return x * min(max(x / 6 + 0.5, 0), 1)
        case .silu: return x / (1 + expf(-x))
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif
