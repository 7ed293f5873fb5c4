import Foundation
import Testing
@testable import Cnnrt

/// `cnnrt check MODEL` without references: -O0 against -O2, through the built binary.
@Suite struct CheckOptimizerTests {
    static func json(_ result: CommandResult) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    @Test(arguments: ["lenet", "resnet_tiny_bn", "squeeze_tiny"])
    func generatedInputsPass(name: String) throws {
        let result = try CommandRunner.run(["check", TestModels.fixture(name, "model.onnx"), "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try Self.json(result)
        #expect(object["mode"] as? String == "optimizer")
        #expect(object["level"] as? String == "-O2")
        #expect(object["passed"] as? Bool == true)
        #expect(object["first_difference"] is NSNull)
        #expect((object["compared"] as? Int ?? 0) > 0)
    }

    @Test func inputsWithoutReferencesCompareLevels() throws {
        let folder = try TemporaryFolder()
        let input = try Npy.read(path: TestModels.fixture("lenet", "input_0.npy"))
        try Npy.write(input, path: folder.path + "/input_0.npy")
        let model = TestModels.fixture("lenet", "model.onnx")
        let result = try CommandRunner.run(["check", model, "--inputs", folder.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("-O0 vs -O2 on \(folder.path) inputs"))
        #expect(result.stdout.contains("ok:"))
    }

    @Test func referencesInTheInputsFolderAreStillUsed() throws {
        let result = try CommandRunner.run(["check", TestModels.fixture("lenet", "model.onnx"), "--inputs",
                                            TestModels.fixture("lenet", ""), "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let outputs = try #require((try Self.json(result))["outputs"] as? [[String: Any]])
        #expect(outputs.first?["passed"] as? Bool == true)
    }

    @Test func aTolerancePastRoundingReportsTheFirstValue() throws {
        // rtol 0 and atol 0 ask for bit-identical values; BatchNormalization folded into the Conv weights
        // rounds differently, so a difference is found and named, with exit status 3.
        let result = try CommandRunner.run(["check", TestModels.fixture("resnet_tiny_bn", "model.onnx"),
                                            "--rtol", "0", "--atol", "0", "--json"])
        #expect(result.status == 3, "\(result.stderr)")
        let difference = try #require((try Self.json(result))["first_difference"] as? [String: Any])
        for key in ["value", "reference_node", "reference_op", "optimized_node", "optimized_op", "max_abs_diff"] {
            #expect(difference[key] != nil, "\(key)")
        }
        #expect((difference["mismatches"] as? Int ?? 0) > 0)
    }

    @Test func expectedWithoutInputsIsAUsageError() throws {
        let result = try CommandRunner.run(["check", TestModels.fixture("lenet", "model.onnx"), "--expected", "/tmp"])
        #expect(result.status == 2)
    }
}
