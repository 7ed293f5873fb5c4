import Foundation
import Testing
@testable import Cnnrt

/// A small deterministic in-process fuzzer that runs with the normal suite: mutated fixtures through
/// load, validation, shape inference and session creation. Every failure must be a `CnnrtError`, and a
/// mutant that loads must survive a save round trip. (`scripts/fuzz` does the same with libFuzzer, longer.)
@Suite struct MutationTests {
    static let mutantsPerFixture = 250

    /// One mutation of `bytes`: flip bits, overwrite with boundary bytes, duplicate, delete or insert.
    static func mutate(_ bytes: [UInt8], _ random: inout SeededRandom) -> [UInt8] {
        var out = bytes
        let edits = 1 + Int(random.next() % 4)
        for _ in 0..<edits where !out.isEmpty {
            let at = Int(random.next() % UInt64(out.count))
            switch random.next() % 6 {
            case 0: out[at] ^= UInt8(1 << (random.next() % 8))
            case 1: out[at] = [0x00, 0x01, 0x7F, 0x80, 0xFF][Int(random.next() % 5)]
            case 2: out.insert(contentsOf: [0xFF, 0xFF, 0xFF, 0xFF, 0x0F], at: at)
            case 3: out.removeSubrange(at..<min(out.count, at + 1 + Int(random.next() % 16)))
            case 4:
                let end = min(out.count, at + 1 + Int(random.next() % 64))
                out.insert(contentsOf: out[at..<end], at: Int(random.next() % UInt64(out.count)))
            default: out[at] = UInt8(truncatingIfNeeded: random.next())
            }
        }
        return out
    }

    @Test(arguments: ["lenet", "resnet_tiny_bn", "densenet_tiny", "unet_tiny"])
    func mutatedFixturesFailCleanly(_ fixture: String) throws {
        let original = Array(try Data(contentsOf: URL(fileURLWithPath: TestModels.fixture(fixture, "model.onnx"))))
        var random = SeededRandom(seed: UInt64(fixture.utf8.count) &* 7919)
        var loaded = 0
        for _ in 0..<Self.mutantsPerFixture {
            let mutant = Self.mutate(original, &random)
            guard let model = try? Model(bytes: mutant) else { continue }
            loaded += 1
            _ = try? model.validate()
            _ = model.inferShapes()
            _ = try? Session(model: model)
            let saved = try model.serialized()
            let reloaded = try Model(bytes: saved)
            #expect(try reloaded.serialized() == saved, "round trip of a \(fixture) mutant changed its bytes")
        }
        #expect(loaded > 0, "no mutant loaded: the mutator tests nothing past the parser")
    }
}
