import ArgumentParser
import Cnnrt
import Foundation

/// `cnnrt bench MODEL`: latency of a model on generated inputs, with an optional per-node profile.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure a model's latency on generated inputs.",
        discussion: """
            Inputs are generated from the model's declared input shapes (symbolic dimensions are 1 unless \
            --shape sets them) with fixed pseudo-random values. Prints min, median and p90 latency and the \
            throughput; --profile adds a per-node table (time, share, GFLOP/s), slowest first. \
            Also prints the session time (loading the file, building the session and compiling the plan for \
            the inputs' shapes: everything before the first inference can start, input generation excepted), \
            the first inference's time and the process's peak resident memory at the end (VmHWM from \
            /proc/self/status; getrusage ru_maxrss where there is no /proc).
            """
    )

    @Argument(help: "The model file.")
    var model: String

    @Option(help: "Worker threads (default: one per core).")
    var threads: Int?

    @Option(help: "Untimed runs before measuring.")
    var warmup = 5

    @Option(help: "Timed runs.")
    var runs = 20

    @Flag(help: "Print the results as one JSON object.")
    var json = false

    @Flag(help: "Time every node and print a table, slowest first.")
    var profile = false

    @Option(name: .customLong("shape"), help: "An input shape NAME=D1,D2,... (repeatable).")
    var shapes: [String] = []

    func validate() throws {
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
        if runs < 1 { throw ValidationError("--runs must be at least 1") }
        if warmup < 0 { throw ValidationError("--warmup must not be negative") }
        for shape in shapes where parseShape(shape) == nil {
            throw ValidationError("--shape must be NAME=D1,D2,... with non-negative sizes, got '\(shape)'")
        }
    }

    private func parseShape(_ text: String) -> (String, [Int])? {
        guard let eq = text.lastIndex(of: "=") else { return nil }
        let dims = text[text.index(after: eq)...].split(separator: ",", omittingEmptySubsequences: false)
            .map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !dims.isEmpty, dims.allSatisfy({ ($0 ?? -1) >= 0 }) else { return nil }
        return (String(text[..<eq]), dims.map { $0! })
    }

    /// Where session creation's time and memory go: milliseconds of each stage and the peak RSS (MiB)
    /// after it.
    private struct SessionStages {
        var loadMs = 0.0, initMs = 0.0, planMs = 0.0
        var rssAfterLoad = 0.0, rssAfterInit = 0.0, rssAfterPlan = 0.0
    }

    /// Loads the model and builds the session; the loaded (unoptimized) model is dropped on return, so only
    /// the session's optimized copy stays resident.
    private func makeSession(_ stages: inout SessionStages) throws -> Session {
        var clock = Self.milliseconds()
        let loaded = try Model.load(path: model)
        stages.loadMs = Self.milliseconds() - clock
        stages.rssAfterLoad = Self.peakResidentMegabytes()
        clock = Self.milliseconds()
        do {
            let session = try Session(model: loaded, options: SessionOptions(threads: threads))
            stages.initMs = Self.milliseconds() - clock
            stages.rssAfterInit = Self.peakResidentMegabytes()
            return session
        } catch let error as CnnrtError {
            throw CnnrtError.io(path: model, reason: error.description)
        }
    }

    func run() throws {
        // session_ms = load + session init + plan compilation for the bench's shapes (weights packed, arena
        // planned): what stands before the first inference. Generating the inputs is not counted.
        var stages = SessionStages()
        let session = try makeSession(&stages)
        let feeds = try makeFeeds(session)
        var clock = Self.milliseconds()
        let summary = session.planSummary(for: feeds)
        stages.planMs = Self.milliseconds() - clock
        stages.rssAfterPlan = Self.peakResidentMegabytes()
        let sessionMs = stages.loadMs + stages.initMs + stages.planMs
        // The first inference is the first warmup run (or, with --warmup 0, the first timed run).
        var firstRunMs: Double?
        if warmup > 0 {
            clock = Self.milliseconds()
            _ = try session.run(feeds)
            firstRunMs = Self.milliseconds() - clock
        }
        let threadCount = threads ?? ProcessInfo.processInfo.activeProcessorCount
        for _ in 1..<max(1, warmup) { _ = try session.run(feeds) }
        var times: [Double] = [], cpuTimes: [Double] = []
        var nodeSeconds: [Double] = []
        for _ in 0..<runs {
            // The CPU clock is a system call (~1 us on this VM): read it outside the wall-clock interval.
            let cpuStart = Self.cpuSeconds()
            let start = DispatchTime.now().uptimeNanoseconds
            if profile {
                _ = try session.run(feeds, profile: &nodeSeconds)
            } else {
                _ = try session.run(feeds)
            }
            let end = DispatchTime.now().uptimeNanoseconds
            cpuTimes.append((Self.cpuSeconds() - cpuStart) * 1e3)
            times.append(Double(end - start) / 1e6)
        }
        let sorted = times.sorted()
        let median = sorted[sorted.count / 2]
        let p90 = sorted[min(sorted.count - 1, Int((Double(sorted.count) * 0.9).rounded(.up)) - 1)]
        let cpuMedian = cpuTimes.sorted()[cpuTimes.count / 2]
        let batch = feeds.values.first.map { $0.rank > 0 ? $0.shape[0] : 1 } ?? 1
        let throughput = Double(batch) * 1000 / median
        let peakRSS = Self.peakResidentMegabytes()
        let firstRun = firstRunMs ?? times[0]
        let rows = summary.map { profileRows($0, seconds: nodeSeconds) } ?? []

        if json {
            var object: [String: Any] = [
                "model": model, "runs": runs, "warmup": warmup, "threads": threadCount,
                "min_ms": sorted[0], "median_ms": median, "p90_ms": p90, "max_ms": sorted.last!,
                "mean_ms": times.reduce(0, +) / Double(times.count), "cpu_median_ms": cpuMedian,
                "throughput_per_s": throughput, "batch": batch, "times_ms": times,
                "session_ms": sessionMs, "first_run_ms": firstRun, "peak_rss_mb": peakRSS,
                "session_stages": [
                    "load_ms": stages.loadMs, "init_ms": stages.initMs, "plan_ms": stages.planMs,
                    "peak_rss_after_load_mb": stages.rssAfterLoad, "peak_rss_after_init_mb": stages.rssAfterInit,
                    "peak_rss_after_plan_mb": stages.rssAfterPlan,
                ],
            ]
            if let summary {
                object["isa"] = summary.isa
                object["arena_bytes"] = summary.arenaBytes
                object["nodes"] = summary.nodes.count
                object["fast_nodes"] = summary.nodes.filter { $0.kernel != "reference" && $0.kernel != "alias" }.count
            }
            if profile {
                object["profile"] = rows.map { row -> [String: Any] in
                    ["node": row.name, "op": row.opType, "kernel": row.kernel, "ms": row.ms, "share": row.share,
                     "gflops": row.gflops]
                }
            }
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            print(String(decoding: data, as: UTF8.self))
            return
        }
        print("model      \(model)")
        print("threads    \(threadCount)   runs \(runs)   warmup \(warmup)"
              + (summary.map { "   isa \($0.isa)   arena \(Self.megabytes($0.arenaBytes))" } ?? "   (reference path)"))
        print(String(format: "latency    min %.3f ms   median %.3f ms   p90 %.3f ms   (CPU time median %.3f ms)",
                     sorted[0], median, p90, cpuMedian))
        print(String(format: "throughput %.1f inferences/s (batch %d)", throughput, batch))
        print(String(format: "session    %.1f ms (load %.1f + build %.1f + compile %.1f)   first run %.3f ms",
                     sessionMs, stages.loadMs, stages.initMs, stages.planMs, firstRun))
        print(String(format: "memory     peak RSS %.1f MB   (peak after load %.1f, build %.1f, compile %.1f)",
                     peakRSS, stages.rssAfterLoad, stages.rssAfterInit, stages.rssAfterPlan))
        if profile && !rows.isEmpty {
            print("")
            print("node".padding(toLength: 40, withPad: " ", startingAt: 0) + " "
                  + "kernel".padding(toLength: 30, withPad: " ", startingAt: 0) + "      ms   share  GFLOP/s")
            for row in rows {
                let name = String(row.name.prefix(39)).padding(toLength: 40, withPad: " ", startingAt: 0)
                let kernel = String(row.kernel.prefix(29)).padding(toLength: 30, withPad: " ", startingAt: 0)
                print(name + " " + kernel + String(format: "%8.3f %6.1f%% %8.1f", row.ms, row.share * 100, row.gflops))
            }
        }
    }

    private struct Row {
        var name: String, opType: String, kernel: String, ms: Double, share: Double, gflops: Double
    }

    /// Per-node mean milliseconds, share of the total and GFLOP/s, slowest first.
    private func profileRows(_ summary: PlanSummary, seconds: [Double]) -> [Row] {
        guard seconds.count == summary.nodes.count else { return [] }
        let total = max(seconds.reduce(0, +), 1e-12)
        return zip(summary.nodes, seconds).map { node, s in
            let perRun = s / Double(runs)
            return Row(name: node.name, opType: node.opType, kernel: node.kernel == "reference"
                       ? "reference \(node.opType)" : node.kernel, ms: perRun * 1e3, share: s / total,
                       gflops: perRun > 0 ? node.flops / perRun / 1e9 : 0)
        }.sorted { $0.ms > $1.ms }
    }

    /// Generated inputs: fixed pseudo-random values in [0, 1) for floats, zeros otherwise.
    private func makeFeeds(_ session: Session) throws -> [String: Tensor] {
        var overrides: [String: [Int]] = [:]
        for text in shapes {
            guard let (name, dims) = parseShape(text) else { continue }
            guard session.inputs.contains(where: { $0.name == name }) else {
                throw CnnrtError.invalidInput(name: name, reason: "--shape names no input of the model")
            }
            overrides[name] = dims
        }
        var feeds: [String: Tensor] = [:]
        var state: UInt64 = 0x2545F4914F6CDD1D
        for info in session.inputs {
            let dims = overrides[info.name] ?? (info.shape ?? []).map { $0.value ?? 1 }
            guard let count = Shape.elementCount(dims), count <= 1 << 30 else {
                throw CnnrtError.invalidInput(name: info.name, reason: "shape \(dims) is too large")
            }
            switch info.elementType ?? .float {
            case .float:
                let values = (0..<count).map { _ -> Float in
                    state = state &* 6364136223846793005 &+ 1442695040888963407
                    return Float(state >> 40) / Float(1 << 24)
                }
                feeds[info.name] = Tensor(shape: dims, scalars: values)
            case let type:
                feeds[info.name] = Tensor(zeros: type, shape: dims)
            }
        }
        return feeds
    }

    private static func cpuSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }

    private static func milliseconds() -> Double {
        Double(DispatchTime.now().uptimeNanoseconds) / 1e6
    }

    /// The process's peak resident set in MiB: `VmHWM` from /proc/self/status where there is one, else
    /// getrusage's ru_maxrss. Linux carries ru_maxrss across fork and exec (a child of a 1 GB Python
    /// process reports at least 1 GB), while VmHWM belongs to this program's own address space.
    static func peakResidentMegabytes() -> Double {
        if let file = fopen("/proc/self/status", "r") {
            defer { fclose(file) }
            var line = [CChar](repeating: 0, count: 256)
            while fgets(&line, Int32(line.count), file) != nil {
                let text = String(cString: line)
                guard text.hasPrefix("VmHWM:") else { continue }
                let kilobytes = text.dropFirst(6).split(whereSeparator: { $0 == " " || $0 == "\t" }).first
                    .flatMap { Double($0) }
                if let kilobytes { return kilobytes / 1024 }
            }
        }
        var usage = rusage()
        guard getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage) == 0 else { return 0 }
        return Double(usage.ru_maxrss) / 1024
    }

    private static func megabytes(_ bytes: Int) -> String {
        String(format: "%.1f MB", Double(bytes) / 1_048_576)
    }
}
