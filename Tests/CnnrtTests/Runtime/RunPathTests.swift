import Foundation
import Testing
@testable import Cnnrt

/// The per-run path of a session: the last-plan shortcut and small nodes kept off the pool.
@Suite struct RunPathTests {
    typealias Support = KernelTestSupport

    @Test func alternatingShapesEachGetTheirOwnPlan() throws {
        // Identity's output is an alias: its shape follows the feed's, so a stale plan would show.
        let session = try Session(model: TestModels.identity())
        let plans = try [1, 2, 1, 3, 3, 2].map { batch -> ObjectIdentifier? in
            let x = Tensor(shape: [batch, 1, 3, 3], scalars: (0..<(batch * 9)).map(Float.init))
            let y = try #require(try session.run(["x": x])["y"])
            #expect(y.shape == [batch, 1, 3, 3])
            #expect(y.floats == x.floats)
            return session.plan(for: ["x": x]).map(ObjectIdentifier.init)
        }
        #expect(plans[0] == plans[2] && plans[1] == plans[5] && plans[3] == plans[4])
        #expect(plans[0] != plans[1] && plans[0] != plans[3] && plans[1] != plans[3])
    }

    @Test func smallNodesRunWithoutThePool() throws {
        let model = try Model.load(path: TestModels.fixture("lenet", "model.onnx"))
        let input = try TensorFile.read(path: TestModels.fixture("lenet", "input_0.npy")).tensor
        let session = try Session(model: model, options: SessionOptions(threads: 2))
        let feeds = [session.inputs[0].name: input]
        let plan = try #require(session.plan(for: feeds))
        #expect(plan.pool != nil)
        // LeNet's largest node is 0.3 MFLOP: under the threshold, every step runs on the caller.
        #expect(plan.steps.allSatisfy { $0.pool == nil })

        var options = SessionOptions(threads: 2)
        options.minParallelWork = 0
        let pooled = try Session(model: model, options: options)
        let pooledPlan = try #require(pooled.plan(for: feeds))
        #expect(pooledPlan.steps.contains { $0.pool != nil })
        let a = try session.run(feeds), b = try pooled.run(feeds)
        for (name, tensor) in a {
            #expect(Support.maxError(try #require(b[name]).floats, tensor.floats) < 1e-5)
        }
    }

    @Test("every kernel through the pool still matches one thread", arguments: ["resnet_tiny", "mobilenet_tiny",
                                                                              "squeeze_tiny", "unet_tiny"])
    func pooledKernelsMatch(name: String) throws {
        let model = try Model.load(path: TestModels.fixture(name, "model.onnx"))
        let input = try TensorFile.read(path: TestModels.fixture(name, "input_0.npy")).tensor
        var options = SessionOptions(threads: 2)
        options.minParallelWork = 0
        let pooled = try Session(model: model, options: options)
        let single = try Session(model: model, options: SessionOptions(threads: 1))
        let feeds = [single.inputs[0].name: input]
        let expected = try single.run(feeds)
        for _ in 0..<2 {
            let got = try pooled.run(feeds)
            for (output, tensor) in expected {
                #expect(Support.maxError(try #require(got[output]).floats, tensor.floats) < 1e-4, "\(name) \(output)")
            }
        }
    }
}
