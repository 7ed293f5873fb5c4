/// A 64-byte aligned block of tensor bytes. Tensors share buffers and copy them on write.
public final class TensorBuffer: @unchecked Sendable {
    /// Alignment of every buffer: one cache line, which is also a full AVX-512 vector.
    public static let alignment = 64

    /// The size in bytes.
    public let byteCount: Int
    /// The start of the (aligned) memory, valid while the buffer lives.
    public let pointer: UnsafeMutableRawPointer

    /// Allocates `byteCount` zeroed bytes.
    public init(byteCount: Int) {
        self.byteCount = byteCount
        // Allocate at least one byte so empty tensors still own a valid pointer.
        pointer = UnsafeMutableRawPointer.allocate(byteCount: max(byteCount, 1), alignment: Self.alignment)
        pointer.initializeMemory(as: UInt8.self, repeating: 0, count: max(byteCount, 1))
    }

    /// Allocates `byteCount` bytes left uninitialized (the caller writes them all).
    init(uninitializedByteCount byteCount: Int) {
        self.byteCount = byteCount
        pointer = UnsafeMutableRawPointer.allocate(byteCount: max(byteCount, 1), alignment: Self.alignment)
    }

    /// Allocates a buffer holding a copy of `bytes`.
    public convenience init(copying bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else {
            self.init(byteCount: bytes.count)
            return
        }
        // No zero fill first: every byte is copied over.
        self.init(uninitializedByteCount: bytes.count)
        pointer.copyMemory(from: base, byteCount: bytes.count)
    }

    /// A new buffer holding the same bytes.
    public func copy() -> TensorBuffer {
        TensorBuffer(copying: UnsafeRawBufferPointer(start: pointer, count: byteCount))
    }

    deinit {
        pointer.deallocate()
    }
}
