#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Shows what a long command is doing, on stderr, only when stderr is a terminal: piped or redirected
/// output stays silent, so scripts and `--json` consumers never see it.
///
/// Steps (`convert`: loading, optimizing, saving) print one line each when they finish, with their
/// time; counted work (`bench` iterations) redraws one line in place:
///
/// ```swift
/// var progress = ProgressReporter()
/// progress.step("loading model.onnx")        // "loading model.onnx ..."
/// let model = try Model.load(path: path)
/// progress.step("optimizing")                // "loading model.onnx ... done (12 ms)" then the next
/// for i in 0..<runs { progress.count(i + 1, of: runs, "runs"); ... }   // "\r12/50 runs"
/// progress.finish()
/// ```
struct ProgressReporter {
    /// False when stderr is not a terminal (or `CNNRT_PROGRESS=0`): every call does nothing.
    let enabled: Bool
    private let write: (String) -> Void
    private var current: (label: String, start: UInt64)?
    private var countShown = false

    /// A reporter for stderr, enabled when stderr is a terminal and `CNNRT_PROGRESS` is not `0`.
    init() {
        let forced = ProcessInfo.processInfo.environment["CNNRT_PROGRESS"]
        self.init(enabled: forced == "0" ? false : isatty(STDERR_FILENO) == 1) { text in
            fputs(text, stderr)
            fflush(stderr)
        }
    }

    /// A reporter writing to `write` (tests use this to see what a terminal would).
    init(enabled: Bool, write: @escaping (String) -> Void) {
        self.enabled = enabled
        self.write = write
    }

    /// Ends the step in progress (if any) and starts one named `label`.
    mutating func step(_ label: String) {
        guard enabled else { return }
        endStep()
        current = (label, DispatchTime.now().uptimeNanoseconds)
        write(label + " ...")
    }

    /// Redraws the counter line: `done/total label`.
    mutating func count(_ done: Int, of total: Int, _ label: String) {
        guard enabled else { return }
        endStep()
        write("\r\u{1B}[2K\(done)/\(total) \(label)")
        countShown = true
    }

    /// Ends the step in progress and clears the counter line.
    mutating func finish() {
        guard enabled else { return }
        endStep()
        if countShown {
            write("\r\u{1B}[2K")
            countShown = false
        }
    }

    /// Ends the step in progress as failed, so an error message that follows starts on its own line.
    mutating func fail() {
        guard enabled else { return }
        if current != nil {
            write(" failed\n")
            current = nil
        }
        finish()
    }

    private mutating func endStep() {
        guard let (_, start) = current else { return }
        let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        write(" done (\(ms < 10 ? String(format: "%.1f", ms) : String(Int(ms.rounded()))) ms)\n")
        current = nil
    }
}
