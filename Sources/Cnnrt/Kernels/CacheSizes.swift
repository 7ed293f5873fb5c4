#if canImport(Glibc)
import Glibc
#endif

/// The data cache sizes of CPU 0, read once from `/sys/devices/system/cpu/cpu0/cache`, and the GEMM
/// blocking derived from them. This is the one place that holds cache sizes.
public struct CacheSizes: Sendable, Equatable {
    /// Level-1 data cache bytes per core.
    public var l1: Int
    /// Level-2 cache bytes per core.
    public var l2: Int
    /// Level-3 cache bytes (shared).
    public var l3: Int

    /// Sizes typical of a current x86-64 server core, used when sysfs says nothing.
    public static let defaults = CacheSizes(l1: 32 << 10, l2: 1 << 20, l3: 32 << 20)

    /// This machine's sizes (read once per process).
    public static let host: CacheSizes = read(folder: "/sys/devices/system/cpu/cpu0/cache")

    public init(l1: Int, l2: Int, l3: Int) {
        self.l1 = l1
        self.l2 = l2
        self.l3 = l3
    }

    /// Reads `index*/{level,type,size}` under `folder`; missing or odd entries keep the defaults.
    public static func read(folder: String) -> CacheSizes {
        var sizes = defaults
        for index in 0..<8 {
            let base = "\(folder)/index\(index)/"
            guard let level = readLine(base + "level").flatMap(Int.init),
                  let type = readLine(base + "type"), type != "Instruction",
                  let size = readLine(base + "size").flatMap(parseSize), size > 0 else { continue }
            switch level {
            case 1: sizes.l1 = size
            case 2: sizes.l2 = size
            case 3: sizes.l3 = size
            default: break
            }
        }
        return sizes
    }

    /// Parses sysfs sizes such as `48K`, `2048K`, `300M`.
    static func parseSize(_ text: String) -> Int? {
        let units: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30]
        if let last = text.last, let unit = units[last] { return Int(text.dropLast()).map { $0 * unit } }
        return Int(text)
    }

    private static func readLine(_ path: String) -> String? {
        guard let file = fopen(path, "r") else { return nil }
        defer { fclose(file) }
        var buffer = [CChar](repeating: 0, count: 64)
        guard fgets(&buffer, 64, file) != nil else { return nil }
        return String(String(cString: buffer).filter { !$0.isWhitespace })
    }
}

/// How a GEMM splits K, M and N so that its working sets fit the caches (Goto's scheme): a kc x 32 B
/// micro-panel stays in L1 while the kernel walks an mc x kc block of A held in L2.
public struct GemmBlocking: Sendable, Equatable {
    public var kc: Int
    public var mc: Int
    public var nc: Int

    /// The blocking for `caches` with microkernels of `mr` rows and 32 columns.
    public init(caches: CacheSizes = .host, mr: Int) {
        // A kc x 32 B micro-panel of about 1.3 x L1 (kc = 512 for 48 KB): measured on a 48 KB-L1 core,
        // kc 192 / 384 / 512 gave 137 / 152 / 168 GFLOP/s on 1024^3, since each extra K block re-reads
        // and re-writes C, and the panel's lines are used in order (the prefetcher hides the overflow).
        var kc = max(64, min(512, caches.l1 / 96 / 8 * 8))
        // CNNRT_GEMM_KC overrides kc, for blocking experiments.
        if let raw = getenv("CNNRT_GEMM_KC"), let value = Int(String(cString: raw)), value >= 8 { kc = value / 8 * 8 }
        // A block (mc x kc) in about half of L2, a whole number of mr-row panels.
        let mc = max(mr, min(1024, (caches.l2 / 2) / (kc * 4) / mr * mr))
        // Packed B block (kc x nc) per thread in a share of L3.
        let nc = max(256, min(4096, (caches.l3 / 8) / (kc * 4) / 32 * 32))
        self.init(kc: kc, mc: mc, nc: nc)
    }

    public init(kc: Int, mc: Int, nc: Int) {
        self.kc = kc
        self.mc = mc
        self.nc = nc
    }
}
