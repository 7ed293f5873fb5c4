import Foundation
import Testing
@testable import Cnnrt

@Suite struct RunCommandTests {
    let digits = TestModels.fixture("lenet_digits", "model.onnx")

    @Test func classifiesEveryDigit() throws {
        for digit in 0..<10 {
            let result = try CommandRunner.run(["run", digits, TestModels.fixture("lenet_digits", "digit_\(digit).npy")])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("top-5: \(digit) ("), "digit \(digit): \(result.stdout)")
        }
    }

    @Test func writesOutputsThatMatchOnnxRuntime() throws {
        let folder = try TemporaryFolder()
        let model = TestModels.fixture("resnet_tiny", "model.onnx")
        let result = try CommandRunner.run(["run", model, "input=" + TestModels.fixture("resnet_tiny", "input_0.npy"),
                                            "--output-dir", folder.path])
        #expect(result.status == 0, "\(result.stderr)")
        let written = try Npy.read(path: folder.path + "/output.npy")
        let expected = try Npy.read(path: TestModels.fixture("resnet_tiny", "output_0.npy"))
        #expect(TensorComparison(actual: written, expected: expected, rtol: 0, atol: 0).relativeToPeak <= 1e-4)
    }

    @Test func missingInputListsExpectedInputs() throws {
        let result = try CommandRunner.run(["run", digits])
        #expect(result.status == 1)
        #expect(result.stderr.contains("error: input 'input': missing"))
        #expect(result.stderr.contains("input float32[N, 1, 28, 28]"))
    }

    @Test func wrongShapeNamesTheInput() throws {
        let lenet = TestModels.fixture("lenet", "model.onnx")
        let result = try CommandRunner.run(["run", lenet, TestModels.fixture("lenet_digits", "input_0.npy")])
        #expect(result.status == 1)
        #expect(result.stderr.contains("input 'input': expected shape [1, 1, 28, 28], got [360, 1, 28, 28]"))
    }

    @Test func badInputFileNamesTheFile() throws {
        let folder = try TemporaryFolder()
        try folder.write("x.npy", Array("not numpy".utf8))
        let result = try CommandRunner.run(["run", digits, folder.path + "/x.npy"])
        #expect(result.status == 1)
        #expect(result.stderr.contains(folder.path + "/x.npy"))
    }

    @Test func protobufTensorInputs() throws {
        let folder = try TemporaryFolder()
        let input = try Npy.read(path: TestModels.fixture("lenet", "input_0.npy"))
        try folder.write("input_0.pb", try input.encodeProto(name: "input"))
        let result = try CommandRunner.run(["check", TestModels.fixture("lenet", "model.onnx"), "--inputs", folder.path,
                                            "--expected", TestModels.fixturesRoot + "/lenet", "--metric", "peak"])
        #expect(result.status == 0, "\(result.stdout) \(result.stderr)")
    }
}
