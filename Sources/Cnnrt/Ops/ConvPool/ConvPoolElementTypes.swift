/// The floating-point types the ConvPool reference kernels compute in directly. float16 and bfloat16
/// tensors are widened to float32, computed, and rounded back once at the end.
protocol ConvPoolFloat: BinaryFloatingPoint, TensorScalar {}

extension Float: ConvPoolFloat {}
extension Double: ConvPoolFloat {}

/// The element types MaxPool compares directly (floats, and int8/uint8 from opset 12).
protocol ConvPoolOrdered: Comparable, TensorScalar {
    /// What a window with no valid element (only padding) yields.
    static var convPoolEmptyMax: Self { get }
}

extension Float: ConvPoolOrdered { static var convPoolEmptyMax: Float { -.infinity } }
extension Double: ConvPoolOrdered { static var convPoolEmptyMax: Double { -.infinity } }
extension Int8: ConvPoolOrdered { static var convPoolEmptyMax: Int8 { .min } }
extension UInt8: ConvPoolOrdered { static var convPoolEmptyMax: UInt8 { .min } }

/// Element type checks and the float16/bfloat16 round trip shared by the ConvPool operators.
enum ConvPoolElementTypes {
    static let floats: [ElementType] = [.float, .double, .float16, .bfloat16]

    /// Checks that the first input has one of `allowed` types and every other present input has the same.
    /// - Parameter names: the input names for messages, in input order.
    static func check(_ types: [ElementType?], allowed: [ElementType], names: [String],
                      fail: (String) -> CnnrtError) throws -> ElementType {
        guard let first = types.first ?? nil else { throw fail("input \(names[0]) is missing") }
        guard allowed.contains(first) else {
            let list = allowed.map(\.description).joined(separator: ", ")
            throw fail("input \(names[0]) has element type \(first); expected one of \(list)")
        }
        for (index, type) in types.enumerated().dropFirst() {
            if let type, type != first {
                throw fail("input \(names[min(index, names.count - 1)]) has element type \(type) but "
                    + "\(names[0]) has \(first)")
            }
        }
        return first
    }

    /// The elements of a float16 or bfloat16 tensor as a float32 tensor (other tensors unchanged).
    static func widen(_ tensor: Tensor) -> Tensor {
        switch tensor.elementType {
        case .float16:
            return Tensor(shape: tensor.shape, scalars: tensor.scalars(as: Float16.self).map { Float($0) })
        case .bfloat16:
            return Tensor(shape: tensor.shape, scalars: tensor.scalars(as: BFloat16.self).map(\.floatValue))
        default:
            return tensor
        }
    }

    /// A float32 tensor rounded to `type` (float16 or bfloat16; any other type returns it unchanged).
    static func narrow(_ tensor: Tensor, to type: ElementType) -> Tensor {
        guard tensor.elementType == .float else { return tensor }
        switch type {
        case .float16:
            return Tensor(shape: tensor.shape, scalars: tensor.floats.map { Float16($0) })
        case .bfloat16:
            return Tensor(shape: tensor.shape, scalars: tensor.floats.map { BFloat16($0) })
        default:
            return tensor
        }
    }

    /// Runs `body` on float32 copies of float16/bfloat16 inputs and rounds float outputs back; other types
    /// pass through.
    static func viaFloat32(_ inputs: [Tensor?], type: ElementType,
                           _ body: ([Tensor?]) throws -> [Tensor]) rethrows -> [Tensor] {
        guard type == .float16 || type == .bfloat16 else { return try body(inputs) }
        let outputs = try body(inputs.map { $0.map(widen) })
        return outputs.map { narrow($0, to: type) }
    }
}

/// Shape checks shared by the ConvPool operators.
enum ConvPoolShapes {
    /// The byte size of a result of `shape`, or an error when it overflows or is over
    /// `TensorLimits.maxTensorBytes`: checked before allocating.
    static func checkedOutput(_ shape: [Int], _ type: ElementType, fail: (String) -> CnnrtError) throws {
        guard Shape.byteCount(shape, elementType: type) != nil else {
            throw fail("output shape \(shape) is too large")
        }
        do {
            try TensorLimits.checkedByteCount(shape, type, for: "output")
        } catch CnnrtError.limitExceeded(let reason) {
            throw fail(reason)
        }
    }
}
