import CCnnrtCPU
#if canImport(Glibc)
import Glibc
#endif

/// The instruction sets cnnrt has kernels for, best first.
public enum KernelISA: String, Sendable, CaseIterable {
    /// x86-64-v4: AVX-512 F/BW/DQ/VL with FMA.
    case avx512
    /// Baseline x86-64 (SSE2) code that runs on any x86-64 CPU.
    case portable

    /// Whether this CPU can execute the kernels of this ISA.
    public var isSupported: Bool {
        switch self {
        case .avx512: return cnnrt_cpu_has_avx512() != 0
        case .portable: return true
        }
    }

    /// The ISA the process uses: the best one the CPU supports, or the one named by the environment
    /// variable `CNNRT_ISA` (`avx512`, `portable`) when the CPU supports it.
    public static let active: KernelISA = {
        if let raw = getenv("CNNRT_ISA"), let requested = KernelISA(rawValue: String(cString: raw)),
           requested.isSupported {
            return requested
        }
        return allCases.first { $0.isSupported } ?? .portable
    }()
}
