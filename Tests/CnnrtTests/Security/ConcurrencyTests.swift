import Foundation
import Testing
@testable import Cnnrt

/// One session shared by many threads gives every thread the single-threaded result, bit for bit.
/// Run under ThreadSanitizer by `scripts/sanitize thread`.
@Suite struct ConcurrencyTests {
    static let threads = 8
    static let runsPerThread = 100

    /// Collects what each thread saw; written under a lock.
    final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var mismatches: [String] = []
        private(set) var runs = 0

        func record(_ problem: String?) {
            lock.lock()
            defer { lock.unlock() }
            runs += 1
            if let problem, mismatches.count < 10 { mismatches.append(problem) }
        }

        var problems: [String] {
            lock.lock()
            defer { lock.unlock() }
            return mismatches
        }
    }

    @Test func sharedSessionGivesIdenticalOutputs() throws {
        let model = try Model.load(path: TestModels.fixture("lenet", "model.onnx"))
        let session = try Session(model: model)
        let name = session.inputs[0].name
        // Each thread feeds its own input, so a race between runs would show up as another input's output.
        let inputs = (0..<Self.threads).map { t -> Tensor in
            var random = SeededRandom(seed: UInt64(t + 1))
            return random.tensor([1, 1, 28, 28])
        }
        let expected = try inputs.map { try session.run([name: $0]) }
        let results = Results()
        let group = DispatchGroup()
        for t in 0..<Self.threads {
            group.enter()
            let thread = Thread {
                defer { group.leave() }
                for run in 0..<Self.runsPerThread {
                    do {
                        let outputs = try session.run([name: inputs[t]])
                        results.record(outputs == expected[t] ? nil : "thread \(t) run \(run): outputs differ")
                    } catch {
                        results.record("thread \(t) run \(run): \(error)")
                    }
                }
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        group.wait()
        #expect(results.runs == Self.threads * Self.runsPerThread)
        #expect(results.problems.isEmpty, "\(results.problems)")
    }

    /// A loaded model (a value) can be read by many threads while each builds its own session from it.
    @Test func sharedModelBuildsSessionsConcurrently() throws {
        let model = try Model.load(path: TestModels.fixture("one_layer_cnn", "model.onnx"))
        let name = model.graph.runtimeInputs[0].name
        var random = SeededRandom(seed: 7)
        let input = random.tensor(model.graph.runtimeInputs[0].concreteShape ?? [1, 1, 28, 28])
        let expected = try Session(model: model).run([name: input])
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: Self.threads) { _ in
            for _ in 0..<10 {
                do {
                    let outputs = try Session(model: model).run([name: input])
                    results.record(outputs == expected ? nil : "outputs differ")
                } catch {
                    results.record("\(error)")
                }
            }
        }
        #expect(results.runs == Self.threads * 10)
        #expect(results.problems.isEmpty, "\(results.problems)")
    }
}
