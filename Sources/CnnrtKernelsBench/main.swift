// cnnrt-kernels-bench: GFLOP/s of every GEMM microkernel and of the blocked GEMM.
// Usage: cnnrt-kernels-bench [--isa avx512|portable] [--threads N] [--sizes 256,512,1024] [--peak GFLOPS]
//        [--mnk M,N,K;...] [--kc N] [--mc N] [--nc N] [--probe-ms MS] [--no-micro]
//        [--kcs 256,512,1024 [--rounds R]]   (sgemm only: the K-block sizes in turn, R interleaved rounds)
// Every figure is printed as % of the nominal peak (--peak, 235 GFLOP/s per core for AVX-512) and as %
// of the peak measured by an FMA-throughput probe run right before and right after it: this shared VM's
// clock moves by 30 % from one minute to the next, and only the measured peak says what the core gave.
import Cnnrt
import CnnrtKernelsAVX512
import CnnrtKernelsPortable
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

/// Single-core FMA throughput in GFLOP/s right now: the best of 5 bursts of the ISA's peak probe
/// (register-only FMAs on 16 independent accumulators), each about `--probe-ms` / 5 long.
let probeMilliseconds = option("--probe-ms").flatMap(Double.init) ?? 50
var probeIterations = 20_000
var probeSink: Float = 0
func measuredPeak() -> Double {
    let flopsPerIteration = isa == .avx512 ? f32_peak_probe_flops_per_iteration__avx512
        : f32_peak_probe_flops_per_iteration__portable
    func burst(_ iterations: Int) -> Double {
        let start = now()
        probeSink += isa == .avx512 ? f32_peak_probe__avx512(iterations, 1 + probeSink * 0)
            : f32_peak_probe__portable(iterations, 1 + probeSink * 0)
        return now() - start
    }
    // Size the bursts once (the first call), then keep the iteration count.
    if probeIterations == 20_000 {
        let seconds = max(burst(probeIterations), 1e-6)
        probeIterations = max(1000, Int(Double(probeIterations) * probeMilliseconds / 5e3 / seconds))
    }
    var best = 0.0
    for _ in 0..<5 { best = max(best, Double(probeIterations * flopsPerIteration) / burst(probeIterations) / 1e9) }
    return best
}

/// Runs `body` between two peak probes and returns the two probe figures.
func probed(_ body: () -> Void) -> (before: Double, after: Double) {
    let before = measuredPeak()
    body()
    return (before, measuredPeak())
}

func report(_ label: String, flops: Double, seconds: [Double], cpu: [Double], peaks: (before: Double, after: Double)) {
    let gflops = flops / median(seconds) / 1e9
    let best = flops / seconds.min()! / 1e9
    let perCPU = flops / median(cpu) / 1e9 * Double(threads)
    let measured = (peaks.before + peaks.after) / 2 * Double(threads)
    var line = label.padding(toLength: 42, withPad: " ", startingAt: 0)
    line += "median \(String(format: "%7.1f", gflops)) GFLOP/s  best \(String(format: "%7.1f", best))"
    line += String(format: "  %5.1f %% of measured %.0f (probe %.0f/%.0f)", 100 * gflops / measured, measured,
                   peaks.before, peaks.after)
    if peak > 0 { line += String(format: "  %5.1f %% of nominal %.0f", 100 * gflops / (peak * Double(threads)), peak * Double(threads)) }
    line += String(format: "  per CPU-second %7.1f", perCPU)
    print(line)
}

do {
    let p = measuredPeak()
    print(String(format: "peak probe (%@ FMA, register operands, 1 core): %.1f GFLOP/s%@", isa.rawValue, p,
                 peak > 0 ? String(format: " = %.1f %% of nominal %.0f", 100 * p / peak, peak) : ""))
}

let kcList = option("--kcs").map { $0.split(separator: ",").compactMap { Int($0) } } ?? []
let skipMicro = CommandLine.arguments.contains("--no-micro") || !kcList.isEmpty

// Microkernels on L1-resident panels: the ceiling of the blocked GEMM.
if !skipMicro {
    let kc = 256
    var a = [Float](repeating: 0.5, count: kc * kernels.mr)
    var b = [Float](repeating: 0.25, count: kc * 32)
    var c = [Float](repeating: 0, count: kernels.mr * 32)
    for kernel in kernels.byRows {
        var seconds: [Double] = [], cpu: [Double] = []
        let reps = 2000
        let peaks = probed {
            for _ in 0..<7 {
                let (start, startCPU) = (now(), cpuTime())
                for _ in 0..<reps {
                    Microkernels.runForBenchmark(kernel, kc: kc, a: &a, b: &b, c: &c)
                }
                seconds.append(now() - start)
                cpu.append(cpuTime() - startCPU)
            }
        }
        report(kernel.name, flops: 2.0 * Double(kernel.mr * 32 * kc * reps), seconds: seconds, cpu: cpu, peaks: peaks)
    }
}

// The tallest microkernel with its A panels streamed from a 768 KB block (as inside the GEMM, from L2)
// while one B panel stays in L1.
if !skipMicro {
    let kc = 192, panels = 85
    let kernel = kernels.byRows.last!
    var a = [Float](repeating: 0.5, count: kc * kernel.mr * panels)
    var b = [Float](repeating: 0.25, count: kc * 32)
    var c = [Float](repeating: 0, count: kernel.mr * 32)
    var seconds: [Double] = [], cpu: [Double] = []
    let reps = 40
    let peaks = probed {
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
    }
    report(kernel.name + " A from L2", flops: 2.0 * Double(kernel.mr * 32 * kc * reps * panels), seconds: seconds,
           cpu: cpu, peaks: peaks)
}

// --mnk M,N,K[;M,N,K...] benchmarks rectangular shapes (e.g. convolution layers) instead of --sizes.
let problems: [(Int, Int, Int)] = option("--mnk").map { text in
    text.split(separator: ";").compactMap { item in
        let v = item.split(separator: ",").compactMap { Int($0) }
        return v.count == 3 ? (v[0], v[1], v[2]) : nil
    }
} ?? sizes.map { ($0, $0, $0) }

/// --kcs: the same problems with each K-block size in turn (mc re-derived as GemmBlocking does: an
/// mc x kc block of A in half of L2), `--rounds` times interleaved, so all see the same machine.
if !kcList.isEmpty {
    let rounds = option("--rounds").flatMap(Int.init) ?? 3
    for (m, n, k) in problems {
        var a = [Float](repeating: 0, count: m * k), b = [Float](repeating: 0, count: k * n)
        var c = [Float](repeating: 0, count: m * n)
        for i in a.indices { a[i] = Float(i % 7) * 0.1 }
        for i in b.indices { b[i] = Float(i % 5) * 0.1 }
        // Per kc and round: wall-clock median, best run, CPU-time median, and the probe's peak.
        var rows: [Int: [(median: Double, best: Double, cpu: Double, peak: Double)]] = [:]
        for round in 0..<rounds {
            for kc in kcList {
                let mr = kernels.mr
                let mc = max(mr, min(1024, (CacheSizes.host.l2 / 2) / (kc * 4) / mr * mr))
                let g = F32Gemm(kernels: kernels, blocking: GemmBlocking(kc: kc, mc: mc, nc: blocking.nc))
                let s = GemmScratch(threads: threads, floatsPerThread: g.scratchFloatsPerThread)
                var seconds: [Double] = [], cpu: [Double] = []
                let reps = max(1, 2_000_000_000 / (2 * m * n * k))
                let peaks = probed {
                    a.withUnsafeBufferPointer { ap in
                        b.withUnsafeBufferPointer { bp in
                            c.withUnsafeMutableBufferPointer { cp in
                                for _ in 0..<15 {
                                    let (start, startCPU) = (now(), cpuTime())
                                    for _ in 0..<reps {
                                        g.run(m: m, n: n, k: k, a: .matrix(ap.baseAddress!, rowStride: k, colStride: 1),
                                              b: .matrix(bp.baseAddress!, rowStride: n, colStride: 1),
                                              c: cp.baseAddress!, ldc: n, pool: pool, scratch: s)
                                    }
                                    seconds.append((now() - start) / Double(reps))
                                    cpu.append((cpuTime() - startCPU) / Double(reps))
                                }
                            }
                        }
                    }
                }
                let flops = 2.0 * Double(m * n * k)
                report("r\(round) sgemm \(m)x\(n)x\(k) kc \(kc) mc \(mc)", flops: flops, seconds: seconds, cpu: cpu,
                       peaks: peaks)
                rows[kc, default: []].append((flops / median(seconds) / 1e9, flops / seconds.min()! / 1e9,
                                              flops / median(cpu) / 1e9 * Double(threads),
                                              (peaks.before + peaks.after) / 2 * Double(threads)))
            }
        }
        // The probe keeps its best burst, so "best" and CPU-time figures are the ones to set against it when
        // other programs take turns on the core (wall-clock medians then include their time slices).
        print("medians over \(rounds) rounds: GFLOP/s (wall median, best run, CPU-time median) and % of the measured peak")
        for kc in kcList {
            let r = rows[kc]!
            print(String(format: "sgemm %dx%dx%d kc %4d: %6.1f %6.1f %6.1f GFLOP/s   %5.1f %5.1f %5.1f %% of measured (%.0f)",
                         m, n, k, kc, median(r.map(\.median)), median(r.map(\.best)), median(r.map(\.cpu)),
                         100 * median(r.map { $0.median / $0.peak }), 100 * median(r.map { $0.best / $0.peak }),
                         100 * median(r.map { $0.cpu / $0.peak }), median(r.map(\.peak))))
        }
    }
    exit(0)
}

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
                let packedB = PackedGemmB(bp.baseAddress!, k: k, n: n, rowStride: n, colStride: 1)
                let matrixA = GemmA.matrix(ap.baseAddress!, rowStride: k, colStride: 1)
                let matrixB = GemmB.matrix(bp.baseAddress!, rowStride: n, colStride: 1)
                // Weights x activations (A packed once), and activations x weights (B packed once, A per run).
                for (label, operand, bOperand) in [("packed A", GemmA.packed(packedA), matrixB),
                                                   ("A packed per run", matrixA, matrixB),
                                                   ("packed B", matrixA, GemmB.packed(packedB))] {
                    var seconds: [Double] = [], cpu: [Double] = []
                    let reps = max(1, 2_000_000_000 / (2 * m * n * k))
                    let peaks = probed {
                        for _ in 0..<9 {
                            let (start, startCPU) = (now(), cpuTime())
                            for _ in 0..<reps {
                                gemm.run(m: m, n: n, k: k, a: operand, b: bOperand,
                                         c: cp.baseAddress!, ldc: n, pool: pool, scratch: scratch)
                            }
                            seconds.append((now() - start) / Double(reps))
                            cpu.append((cpuTime() - startCPU) / Double(reps))
                        }
                    }
                    report("sgemm \(m)x\(n)x\(k) \(label)", flops: 2.0 * Double(m * n * k), seconds: seconds, cpu: cpu,
                           peaks: peaks)
                }
            }
        }
    }
}
