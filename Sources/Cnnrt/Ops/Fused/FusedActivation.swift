import Foundation

/// The activation a fused operator applies to its result, read from and written to the attributes
/// `activation` (STRING) and `activation_params` (FLOATS) documented in `docs/fused-ops.md`.
public enum FusedActivation: Sendable, Equatable {
    case none
    case relu
    case clip(min: Float, max: Float)
    case leakyRelu(alpha: Float)
    case sigmoid
    case hardSigmoid(alpha: Float, beta: Float)
    /// `x * max(0, min(1, x / 6 + 1/2))`.
    case hardSwish
    /// `x * sigmoid(x)`.
    case silu

    /// Reads the activation attributes of a fused node.
    /// - Throws: `CnnrtError.invalidNode` for an unknown activation or a wrong number of parameters.
    public init(node: Node) throws {
        let name = try node.string("activation", default: "")
        let params = try node.floats("activation_params") ?? []
        func expect(_ count: Int) throws {
            guard params.count == count else {
                throw node.invalid("activation \(name) takes \(count) activation_params, got \(params.count)")
            }
        }
        switch name {
        case "": try expect(0); self = .none
        case "Relu": try expect(0); self = .relu
        case "Clip": try expect(2); self = .clip(min: params[0], max: params[1])
        case "LeakyRelu": try expect(1); self = .leakyRelu(alpha: params[0])
        case "Sigmoid": try expect(0); self = .sigmoid
        case "HardSigmoid": try expect(2); self = .hardSigmoid(alpha: params[0], beta: params[1])
        case "HardSwish": try expect(0); self = .hardSwish
        case "SiLU": try expect(0); self = .silu
        default:
            throw node.invalid("unknown activation '\(name)' (expected Relu, Clip, LeakyRelu, Sigmoid, "
                               + "HardSigmoid, HardSwish or SiLU)")
        }
    }

    /// The attribute value of `activation`.
    public var name: String {
        switch self {
        case .none: return ""
        case .relu: return "Relu"
        case .clip: return "Clip"
        case .leakyRelu: return "LeakyRelu"
        case .sigmoid: return "Sigmoid"
        case .hardSigmoid: return "HardSigmoid"
        case .hardSwish: return "HardSwish"
        case .silu: return "SiLU"
        }
    }

    /// The attribute value of `activation_params`.
    public var parameters: [Float] {
        switch self {
        case .clip(let low, let high): return [low, high]
        case .leakyRelu(let alpha): return [alpha]
        case .hardSigmoid(let alpha, let beta): return [alpha, beta]
        default: return []
        }
    }

    /// The attributes that describe this activation on a fused node (none for `.none`).
    public var attributes: [Attribute] {
        guard self != .none else { return [] }
        let params = parameters
        var list = [Attribute("activation", .string(name))]
        if !params.isEmpty { list.append(Attribute("activation_params", .floats(params))) }
        return list
    }

    /// The activation of one value, computed as the standard ONNX operator does.
    @inline(__always)
    public func apply(_ x: Float) -> Float {
        switch self {
        case .none: return x
        case .relu: return x < 0 ? 0 : x
        case .clip(let low, let high): return x.isNaN ? x : Swift.min(Swift.max(x, low), high)
        case .leakyRelu(let alpha): return x < 0 ? alpha * x : x
        case .sigmoid: return Self.sigmoid(x)
        case .hardSigmoid(let alpha, let beta): return Swift.max(0, Swift.min(1, alpha * x + beta))
        case .hardSwish: return x * Swift.max(0, Swift.min(1, x / 6 + 0.5))
        case .silu: return x * Self.sigmoid(x)
        }
    }

    /// Applies the activation in place.
    public func apply(to values: UnsafeMutableBufferPointer<Float>) {
        guard self != .none else { return }
        for i in values.indices { values[i] = apply(values[i]) }
    }

    @inline(__always)
    static func sigmoid(_ x: Float) -> Float {
        // Split by sign so exp never overflows.
        if x >= 0 { return 1 / (1 + exp(-x)) }
        let e = exp(x)
        return e / (1 + e)
    }
}
