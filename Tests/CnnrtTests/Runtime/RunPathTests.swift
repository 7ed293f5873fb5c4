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

    /// Pools and depthwise convolutions count their memory traffic, not their few FLOPs: a max pool reading
    /// 32 x 64 x 64 floats (31K outputs) and a depthwise 3x3 over 384 channels of 14 x 14 (0.68 MFLOP) run on the
    /// pool, while a 1x1 convolution of about the same FLOPs (384 -> 4 channels, 0.6 MFLOP) does not.
    @Test func memoryBoundNodesGetThePoolSooner() throws {
        var builder = GraphBuilder()
        let x = builder.input("x", .float, [1, 32, 64, 64])
        builder.output(builder.node("MaxPool", [x], attributes: [Attribute("kernel_shape", .ints([3, 3])),
                                                                 Attribute("strides", .ints([2, 2]))], outputs: ["p"]))
        let d = builder.input("d", .float, [1, 384, 14, 14])
        let dw = builder.constant("dw", Tensor(shape: [384, 1, 3, 3], scalars: KernelTestSupport.data(384 * 9, seed: 3)))
        builder.output(builder.node("Conv", [d, dw], attributes: [Attribute("group", .int(384)),
                                                                  Attribute("pads", .ints([1, 1, 1, 1]))],
                                    outputs: ["q"]))
        let pw = builder.constant("pw", Tensor(shape: [4, 384, 1, 1], scalars: KernelTestSupport.data(4 * 384, seed: 4)))
        builder.output(builder.node("Conv", [d, pw], outputs: ["r"]))
        let model = builder.model()
        let feeds = ["x": Tensor(shape: [1, 32, 64, 64], scalars: KernelTestSupport.data(32 * 64 * 64, seed: 5)),
                     "d": Tensor(shape: [1, 384, 14, 14], scalars: KernelTestSupport.data(384 * 196, seed: 6))]
        let session = try Session(model: model, options: SessionOptions(threads: 2, optimizationLevel: .none))
        let plan = try #require(session.plan(for: feeds))
        let pooled = Dictionary(uniqueKeysWithValues: plan.steps.map { ($0.node.outputs[0], $0.pool != nil) })
        #expect(pooled["p"] == true)
        #expect(pooled["q"] == true)
        #expect(pooled["r"] == false)
        // And they give one thread's results.
        let single = try Session(model: model, options: SessionOptions(threads: 1, optimizationLevel: .none))
        let a = try single.run(feeds), b = try session.run(feeds)
        for (name, tensor) in a { #expect(try #require(b[name]).floats == tensor.floats, "\(name)") }
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
