/// How much the optimizer rewrites a model before it runs or is saved.
public enum OptimizationLevel: Int, Sendable, CaseIterable, Comparable, CustomStringConvertible {
    /// `-O0`: the graph runs as it was loaded.
    case none = 0
    /// `-O1`: clean-ups and folding whose result uses standard ONNX operators only.
    case basic = 1
    /// `-O2`: every rewrite, including cnnrt's fused operators (domain `ai.cnnrt`).
    case all = 2

    /// The command-line spelling: `-O0`, `-O1` or `-O2`.
    public var flag: String { "-O\(rawValue)" }

    /// The flag spelling, such as `-O2`.
    public var description: String { flag }

    /// The level spelled `-O0`, `-O1` or `-O2` (also without the dash), or nil.
    public init?(flag: String) {
        let digits = flag.hasPrefix("-") ? flag.dropFirst() : Substring(flag)
        guard digits.hasPrefix("O"), let number = Int(digits.dropFirst()),
              let level = OptimizationLevel(rawValue: number) else { return nil }
        self = level
    }

    /// Lower levels rewrite less.
    public static func < (a: OptimizationLevel, b: OptimizationLevel) -> Bool { a.rawValue < b.rawValue }
}
