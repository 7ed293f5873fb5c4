import Foundation

/// Measures the time between laps, in milliseconds.
struct Stopwatch {
    private var last = DispatchTime.now().uptimeNanoseconds

    /// Milliseconds since the previous lap (or since the stopwatch was made), rounded to microseconds.
    mutating func lap() -> Double {
        let now = DispatchTime.now().uptimeNanoseconds
        defer { last = now }
        return (Double(now - last) / 1e3).rounded() / 1e3
    }
}
