/// The largest tensor an operator may create while shapes are inferred or a model runs, so that a
/// hostile shape, scale or broadcast is refused before it costs memory.
///
/// The limit is a task-local value: `Session.run` binds `SessionOptions.maxTensorBytes` around a run,
/// and any caller can bind another limit around its own code with
/// `TensorLimits.$maxTensorBytes.withValue(limit) { ... }`. Code running on a thread that never bound a
/// value sees the default.
public enum TensorLimits {
    /// 4 GiB, the same default as `ModelLimits.maxTotalTensorBytes`.
    public static let defaultMaxTensorBytes = 4 << 30

    /// The largest tensor, in bytes, that an operator may allocate in the current task or thread.
    @TaskLocal public static var maxTensorBytes: Int = defaultMaxTensorBytes

    /// Checks that a tensor of `elementType` and `shape` may be allocated and returns its byte size.
    /// - Parameter owner: names what is allocating, e.g. `node 'conv1' (Conv): output`.
    /// - Throws: `CnnrtError.limitExceeded` when the size overflows or is over `maxTensorBytes`; the size
    ///   checked is `Shape.nominalByteCount`, which counts empty axes as 1.
    @discardableResult
    public static func checkedByteCount(_ shape: [Int], _ elementType: ElementType,
                                        for owner: @autoclosure () -> String) throws -> Int {
        let limit = maxTensorBytes
        guard let bytes = Shape.byteCount(shape, elementType: elementType) else {
            throw CnnrtError.limitExceeded(
                reason: "\(owner()) \(elementType) \(shape) has a negative dimension or its size overflows")
        }
        guard let nominal = Shape.nominalByteCount(shape, elementType: elementType), nominal <= limit else {
            let size = bytes == 0 ? "spans more than \(limit) bytes counting its empty axes as 1"
                : "needs \(bytes) bytes"
            throw CnnrtError.limitExceeded(
                reason: "\(owner()) \(elementType) \(shape) \(size), over the limit of \(limit) "
                    + "(SessionOptions.maxTensorBytes / TensorLimits.maxTensorBytes)")
        }
        return bytes
    }
}

extension Tensor {
    /// A zero-filled tensor whose size is checked first against `TensorLimits.maxTensorBytes`: the
    /// throwing form of `init(zeros:shape:)` for shapes that a file or an input decides.
    /// - Throws: `CnnrtError.limitExceeded` naming `owner`; `invalidGraph` for string tensors.
    public static func checkedZeros(_ elementType: ElementType, shape: [Int],
                                    for owner: @autoclosure () -> String) throws -> Tensor {
        guard elementType != .string else {
            throw CnnrtError.invalidGraph(reason: "\(owner()): string tensors are not supported")
        }
        try TensorLimits.checkedByteCount(shape, elementType, for: owner())
        return Tensor(zeros: elementType, shape: shape)
    }
}
