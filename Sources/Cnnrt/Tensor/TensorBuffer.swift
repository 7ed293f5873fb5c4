/// A 64-byte aligned block of tensor bytes. Tensors share buffers and copy them on write.
public final class TensorBuffer: @unchecked Sendable {
    /// Alignment of every buffer: one cache line, which is also a full AVX-512 vector.
    public static let alignment = 64

    /// The size in bytes.
    public let byteCount: Int
    /// The start of the (aligned) memory, valid while the buffer lives.
    public let pointer: UnsafeMutableRawPointer
    /// Where the memory goes when the buffer is released, instead of being freed (a session's outputs).
    private let recycler: BufferRecycler?

    /// Allocates `byteCount` zeroed bytes.
    public init(byteCount: Int) {
        self.byteCount = byteCount
        recycler = nil
        // Allocate at least one byte so empty tensors still own a valid pointer.
        pointer = TensorMemory.allocate(byteCount: byteCount)
        pointer.initializeMemory(as: UInt8.self, repeating: 0, count: max(byteCount, 1))
    }

    /// Allocates `byteCount` bytes left uninitialized (the caller writes them all).
    init(uninitializedByteCount byteCount: Int) {
        self.byteCount = byteCount
        recycler = nil
        pointer = TensorMemory.allocate(byteCount: byteCount)
    }

    /// `byteCount` uninitialized bytes, taken from `recycler` when it kept a block of that size, and handed back
    /// to it when the buffer is released.
    init(uninitializedByteCount byteCount: Int, recycler: BufferRecycler) {
        self.byteCount = byteCount
        self.recycler = recycler
        pointer = recycler.take(byteCount: byteCount) ?? TensorMemory.allocate(byteCount: byteCount)
    }

    /// Takes over `byteCount` bytes at `pointer`, which must be `alignment`-aligned and come from
    /// `TensorMemory.allocate` or `malloc`: the buffer frees them.
    init(adopting pointer: UnsafeMutableRawPointer, byteCount: Int) {
        precondition(Int(bitPattern: pointer) % Self.alignment == 0)
        self.byteCount = byteCount
        self.pointer = pointer
        recycler = nil
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
        if let recycler, recycler.keep(pointer, byteCount: byteCount) { return }
        TensorMemory.deallocate(pointer)
    }
}
