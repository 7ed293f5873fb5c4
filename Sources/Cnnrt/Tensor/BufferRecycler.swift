/// Keeps the memory of one released buffer for the next buffer of the same size.
///
/// A session's graph outputs are copied out of its arena into new buffers on every run. A large one (a
/// segmentation map, a feature map) then cost a fresh allocation, and its page faults and zeroing, each
/// time: a single 3 -> 64 channel convolution on a 224 x 224 image spent as long faulting in its 3 MB
/// output as computing it. A caller usually drops the last result before the next run, and its memory then
/// waits here for that run.
final class BufferRecycler: Sendable {
    /// The kept block and its size (a bit pattern: Locked holds Sendable values).
    private let slot = Locked<(address: UInt, byteCount: Int)?>(nil)

    /// A kept block of exactly `byteCount` bytes, or nil (a kept block of another size is freed).
    func take(byteCount: Int) -> UnsafeMutableRawPointer? {
        let kept = slot.withLock { value -> (address: UInt, byteCount: Int)? in
            defer { value = nil }
            return value
        }
        guard let kept, let pointer = UnsafeMutableRawPointer(bitPattern: kept.address) else { return nil }
        if kept.byteCount == byteCount { return pointer }
        TensorMemory.deallocate(pointer)
        return nil
    }

    /// Keeps `pointer` if no block is kept yet; false when the caller must free it.
    func keep(_ pointer: UnsafeMutableRawPointer, byteCount: Int) -> Bool {
        slot.withLock { value in
            guard value == nil else { return false }
            value = (UInt(bitPattern: pointer), byteCount)
            return true
        }
    }

    deinit {
        if let kept = slot.withLock({ $0 }), let pointer = UnsafeMutableRawPointer(bitPattern: kept.address) {
            TensorMemory.deallocate(pointer)
        }
    }
}
