import Foundation
import Testing
@testable import Cnnrt

@Suite("Compiled executor")
struct ExecutorTests {
    typealias Support = KernelTestSupport

    static let fixtures = ["lenet", "resnet_tiny", "resnet_tiny_bn", "mobilenet_tiny", "squeeze_tiny", "vgg_tiny",
                           "alexnet_tiny", "densenet_tiny", "unet_tiny", "one_layer_cnn"]

    /// Runs every node's reference operator over the (optimized) model, as the oracle.
    static func reference(_ session: Session, _ feeds: [String: Tensor]) throws -> [String: Tensor] {
        var values = session.model.graph.initializers
        for (name, tensor) in feeds { values[name] = tensor }
        for index in try session.model.graph.topologicalOrder() {
            let node = session.model.graph.nodes[index]
            let op = try OperatorRegistry.standard.makeOperator(node, opset: session.model.opsetVersion(for: node.domain))
            let outputs = try op.run(node.inputs.map { $0.isEmpty ? nil : values[$0] })
            for (name, tensor) in zip(node.outputs, outputs) where !name.isEmpty { values[name] = tensor }
        }
        var result: [String: Tensor] = [:]
        for output in session.outputs { result[output.name] = values[output.name] }
        return result
    }

    @Test("fast plans match the reference operators on the fixture models", arguments: fixtures)
    func matchesReference(name: String) throws {
        let path = TestModels.fixture(name, "model.onnx")
        #expect(FileManager.default.fileExists(atPath: path), "the committed fixture \(path) is missing")
        let model = try Model.load(path: path)
        let input = try TensorFile.read(path: TestModels.fixture(name, "input_0.npy")).tensor
        for threads in [1, 2] {
            let session = try Session(model: model, options: SessionOptions(threads: threads))
            let feeds = [session.inputs[0].name: input]
            let summary = try #require(session.planSummary(for: feeds))
            #expect(summary.nodes.contains { $0.kernel != "reference" && $0.kernel != "alias" })
            let expected = try Self.reference(session, feeds)
            // Twice: the second run reuses the execution context and its arena.
            for _ in 0..<2 {
                let got = try session.run(feeds)
                for (output, tensor) in expected {
                    let value = try #require(got[output])
                    #expect(value.shape == tensor.shape)
                    #expect(Support.maxError(value.floats, tensor.floats) < 1e-4, "\(name) \(output)")
                }
            }
        }
    }

    @Test("a session re-plans when input shapes change and runs from several threads at once")
    func replanAndConcurrency() async throws {
        let model = try Model.load(path: TestModels.fixture("resnet_tiny", "model.onnx"))
        let input = try TensorFile.read(path: TestModels.fixture("resnet_tiny", "input_0.npy")).tensor
        let session = try Session(model: model, options: SessionOptions(threads: 2))
        let name = session.inputs[0].name
        let expected = try session.run([name: input])
        // A batch of two copies of the input, if the model's batch dimension is symbolic.
        if case .symbol = session.inputs[0].shape?.first {
            var doubled = input.floats
            doubled += input.floats
            let batch = Tensor(shape: [2] + input.shape.dropFirst(), scalars: doubled)
            let out = try session.run([name: batch])
            for (key, tensor) in expected {
                let got = try #require(out[key])
                #expect(got.shape.first == 2)
                #expect(Support.maxError(Array(got.floats.prefix(tensor.count)), tensor.floats) < 1e-5)
            }
        }
        try await withThrowingTaskGroup(of: Float.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    var worst: Float = 0
                    for _ in 0..<5 {
                        let out = try session.run([name: input])
                        for (key, tensor) in expected {
                            worst = max(worst, Support.maxError(out[key]!.floats, tensor.floats))
                        }
                    }
                    return worst
                }
            }
            for try await worst in group { #expect(worst == 0) }
        }
    }

    @Test("arena planner reuses freed blocks and merges neighbours")
    func arenaPlanner() {
        var planner = ArenaPlanner()
        let a = planner.allocate(100), b = planner.allocate(64), c = planner.allocate(200)
        #expect(a == 0 && b == 128 && c == 192)
        planner.release(offset: a, bytes: 100)
        planner.release(offset: b, bytes: 64)
        #expect(planner.allocate(150) == 0)   // the merged 192-byte block
        #expect(planner.size == 448)
        planner.release(offset: c, bytes: 200)
        #expect(planner.allocate(300) == 192)  // grows from the free block at the end
        #expect(planner.size == 512)
    }

    @Test("cache sizes parse sysfs notation and blocking stays in range")
    func cacheSizes() {
        #expect(CacheSizes.parseSize("48K") == 48 * 1024)
        #expect(CacheSizes.parseSize("2048K") == 2 << 20)
        #expect(CacheSizes.parseSize("300M") == 300 << 20)
        #expect(CacheSizes.read(folder: "/nonexistent") == .defaults)
        let blocking = GemmBlocking(caches: .defaults, mr: 12)
        #expect(blocking.kc >= 64 && blocking.mc % 12 == 0 && blocking.nc % 32 == 0)
    }
}
