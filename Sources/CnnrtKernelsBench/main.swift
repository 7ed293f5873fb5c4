// cnnrt-kernels-bench: GFLOP/s of every GEMM microkernel and of the blocked GEMM.
// Usage: cnnrt-kernels-bench [--isa avx512|portable] [--threads N] [--sizes 256,512,1024] [--peak GFLOPS]
import Cnnrt
#if canImport(Glibc)
import Glibc
#endif

func now() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

/// CPU seconds used by the process: on a shared machine the wall clock also counts other programs' turns.
func cpuTime() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

func option(_ name: String) -> String? {
    let args = CommandLine.arguments
    guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
    return args[i + 1]
}

let isa = option("--isa").flatMap(KernelISA.init(rawValue:)) ?? KernelISA.active
guard isa.isSupported else {
    print("error: this CPU cannot run \(isa) kernels")
    exit(1)
}
let threads = option("--threads").flatMap(Int.init) ?? 1
let sizes = (option("--sizes") ?? "256,512,1024").split(separator: ",").compactMap { Int($0) }
// One core retires two 16-lane FMAs per cycle: 64 flop/cycle at ~3.7 GHz.
let peak = option("--peak").flatMap(Double.init) ?? (isa == .avx512 ? 235 : 0)
let kernels = KernelSet.forISA(isa)
var blocking = GemmBlocking(mr: kernels.mr)
if let kc = option("--kc").flatMap(Int.init) { blocking.kc = kc }
if let mc = option("--mc").flatMap(Int.init) { blocking.mc = mc }
if let nc = option("--nc").flatMap(Int.init) { blocking.nc = nc }
let gemm = F32Gemm(kernels: kernels, blocking: blocking)
let pool = threads > 1 ? ThreadPool(threads: threads) : nil
let scratch = GemmScratch(threads: threads, floatsPerThread: gemm.scratchFloatsPerThread)
print("isa \(isa)  threads \(threads)  blocking kc=\(gemm.blocking.kc) mc=\(gemm.blocking.mc) nc=\(gemm.blocking.nc)"
      + "  caches L1 \(CacheSizes.host.l1 >> 10)K L2 \(CacheSizes.host.l2 >> 10)K L3 \(CacheSizes.host.l3 >> 20)M")

func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }

func report(_ label: String, flops: Double, seconds: [Double], cpu: [Double]) {
    let gflops = flops / median(seconds) / 1e9
    let best = flops / seconds.min()! / 1e9
    let perCPU = flops / median(cpu) / 1e9 * Double(threads)
    var line = label.padding(toLength: 34, withPad: " ", startingAt: 0)
    line += "median \(String(format: "%7.1f", gflops)) GFLOP/s  best \(String(format: "%7.1f", best))"
    if peak > 0 { line += String(format: "  (%5.1f %% of %.0f x %d)", 100 * gflops / (peak * Double(threads)), peak, threads) }
    line += String(format: "  per CPU-second %7.1f", perCPU)
    print(line)
}

// Microkernels on L1-resident panels: the ceiling of the blocked GEMM.
do {
    let kc = 256
    var a = [Float](repeating: 0.5, count: kc * kernels.mr)
    var b = [Float](repeating: 0.25, count: kc * 32)
    var c = [Float](repeating: 0, count: kernels.mr * 32)
    for kernel in kernels.byRows {
        var seconds: [Double] = [], cpu: [Double] = []
        let reps = 2000
        for _ in 0..<7 {
            let (start, startCPU) = (now(), cpuTime())
            for _ in 0..<reps {
                Microkernels.runForBenchmark(kernel, kc: kc, a: &a, b: &b, c: &c)
            }
            seconds.append(now() - start)
            cpu.append(cpuTime() - startCPU)
        }
        report(kernel.name, flops: 2.0 * Double(kernel.mr * 32 * kc * reps), seconds: seconds, cpu: cpu)
    }
}

// The tallest microkernel with its A panels streamed from a 768 KB block (as inside the GEMM, from L2)
// while one B panel stays in L1.
do {
    let kc = 192, panels = 85
    let kernel = kernels.byRows.last!
    var a = [Float](repeating: 0.5, count: kc * kernel.mr * panels)
    var b = [Float](repeating: 0.25, count: kc * 32)
    var c = [Float](repeating: 0, count: kernel.mr * 32)
    var seconds: [Double] = [], cpu: [Double] = []
    let reps = 40
    for _ in 0..<7 {
        let (start, startCPU) = (now(), cpuTime())
        for _ in 0..<reps {
            for panel in 0..<panels {
                Microkernels.runForBenchmark(kernel, kc: kc, a: &a, b: &b, c: &c, aOffset: panel * kc * kernel.mr)
            }
        }
        seconds.append(now() - start)
        cpu.append(cpuTime() - startCPU)
    }
    report(kernel.name + " A from L2", flops: 2.0 * Double(kernel.mr * 32 * kc * reps * panels), seconds: seconds,
           cpu: cpu)
}

// --mnk M,N,K[;M,N,K...] benchmarks rectangular shapes (e.g. convolution layers) instead of --sizes.
let problems: [(Int, Int, Int)] = option("--mnk").map { text in
    text.split(separator: ";").compactMap { item in
        let v = item.split(separator: ",").compactMap { Int($0) }
        return v.count == 3 ? (v[0], v[1], v[2]) : nil
    }
} ?? sizes.map { ($0, $0, $0) }

for (m, n, k) in problems {
    var a = [Float](repeating: 0, count: m * k)
    var b = [Float](repeating: 0, count: k * n)
    var c = [Float](repeating: 0, count: m * n)
    for i in a.indices { a[i] = Float(i % 7) * 0.1 }
    for i in b.indices { b[i] = Float(i % 5) * 0.1 }
    a.withUnsafeBufferPointer { ap in
        b.withUnsafeBufferPointer { bp in
            c.withUnsafeMutableBufferPointer { cp in
                let packedA = PackedGemmA(ap.baseAddress!, m: m, k: k, rowStride: k, colStride: 1, mr: kernels.mr)
                for (label, operand) in [("packed A", GemmA.packed(packedA)),
                                         ("A packed per run", .matrix(ap.baseAddress!, rowStride: k, colStride: 1))] {
                    var seconds: [Double] = [], cpu: [Double] = []
                    let reps = max(1, 2_000_000_000 / (2 * m * n * k))
                    for _ in 0..<9 {
                        let (start, startCPU) = (now(), cpuTime())
                        for _ in 0..<reps {
                            gemm.run(m: m, n: n, k: k, a: operand, b: .matrix(bp.baseAddress!, rowStride: n, colStride: 1),
                                     c: cp.baseAddress!, ldc: n, pool: pool, scratch: scratch)
                        }
                        seconds.append((now() - start) / Double(reps))
                        cpu.append((cpuTime() - startCPU) / Double(reps))
                    }
                    report("sgemm \(m)x\(n)x\(k) \(label)", flops: 2.0 * Double(m * n * k), seconds: seconds, cpu: cpu)
                }
            }
        }
    }
}
