#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Allocation of tensor memory, model bytes and unpacked protobuf fields. Blocks of 2 MiB and more are
/// aligned to 2 MiB and, on Linux, offered to transparent huge pages (`MADV_HUGEPAGE`; the usual setting is
/// "madvise"): touching a 45 MB model's weights then takes a few dozen page faults instead of ~11 000, and
/// the faults (each with its zeroing and memory accounting, about a microsecond on this VM) were over half
/// of the time it took to load ResNet-18. Everything is released with `free`.
enum TensorMemory {
    static let hugePage = 2 << 20

    /// `byteCount` bytes (at least one), aligned to `alignment` (a power of two, at least 16).
    static func allocate(byteCount: Int, alignment: Int = TensorBuffer.alignment) -> UnsafeMutableRawPointer {
        let bytes = max(byteCount, 1)
        let large = bytes >= hugePage
        var block: UnsafeMutableRawPointer?
        guard posix_memalign(&block, large ? hugePage : max(alignment, 16), bytes) == 0, let block else {
            fatalError("out of memory: cannot allocate \(bytes) bytes")
        }
        #if os(Linux)
        if large { _ = madvise(block, bytes, MADV_HUGEPAGE) }
        #endif
        return block
    }

    static func deallocate(_ block: UnsafeMutableRawPointer?) {
        free(block)
    }
}
