import Foundation
import Testing
@testable import Cnnrt

/// `cnnrt bench`: the JSON fields scripts rely on are present and consistent (no timed assertions).
@Suite struct BenchCommandTests {
    let lenet = TestModels.fixture("lenet", "model.onnx")

    private func benchJSON(_ extra: [String]) throws -> [String: Any] {
        let result = try CommandRunner.run(["bench", lenet, "--json"] + extra)
        #expect(result.status == 0, "\(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
        return try #require(object as? [String: Any], "not a JSON object: \(result.stdout)")
    }

    @Test func jsonHasLatencySessionAndMemoryFields() throws {
        let json = try benchJSON(["--threads", "2", "--runs", "7", "--warmup", "2"])
        #expect(json["runs"] as? Int == 7)
        #expect(json["warmup"] as? Int == 2)
        #expect(json["threads"] as? Int == 2)
        let minimum = try #require(json["min_ms"] as? Double)
        let median = try #require(json["median_ms"] as? Double)
        let p90 = try #require(json["p90_ms"] as? Double)
        #expect(minimum > 0 && minimum <= median && median <= p90)
        #expect((json["times_ms"] as? [Double])?.count == 7)
        let session = try #require(json["session_ms"] as? Double)
        #expect(session > 0)
        #expect(try #require(json["first_run_ms"] as? Double) > 0)
        // A Swift process holds a few MB before any model; no 60 KB model should need gigabytes.
        let rss = try #require(json["peak_rss_mb"] as? Double)
        #expect(rss > 1 && rss < 4096)
    }

    @Test func firstRunIsTheFirstTimedRunWithoutWarmup() throws {
        let json = try benchJSON(["--threads", "1", "--runs", "3", "--warmup", "0"])
        let times = try #require(json["times_ms"] as? [Double])
        #expect(json["first_run_ms"] as? Double == times.first)
    }

    @Test func textShowsSessionTimeAndPeakMemory() throws {
        let result = try CommandRunner.run(["bench", lenet, "--threads", "1", "--runs", "3", "--warmup", "1"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("median"))
        #expect(result.stdout.contains("session "))
        #expect(result.stdout.contains("first run"))
        #expect(result.stdout.contains("peak RSS"))
    }
}
