import Foundation
import Testing
@testable import Cnnrt
@testable import CnnrtImage

/// `cnnrt run` on the trained LeNet: images, JSON, labels and bad inputs, through the built binary.
@Suite struct RunImageTests {
    static let model = TestModels.fixture("lenet_digits", "model.onnx")

    /// digits.json: image file -> true label.
    static func digits() throws -> [(file: String, label: Int)] {
        let data = try Data(contentsOf: URL(fileURLWithPath: TestModels.fixture("lenet_digits", "digits.json")))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: [String: Any]])
        return try object.keys.sorted().map { file in (file, try #require(object[file]?["label"] as? Int)) }
    }

    static func json(_ result: CommandResult) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    static func topIndex(_ object: [String: Any]) throws -> Int {
        let outputs = try #require(object["outputs"] as? [[String: Any]])
        let top = try #require(outputs.first?["top"] as? [[String: Any]])
        return try #require(top.first?["index"] as? Int)
    }

    @Test func classifiesEveryDigitPNG() throws {
        let digits = try Self.digits()
        #expect(digits.count == 10)
        for (file, label) in digits {
            let result = try CommandRunner.run(["run", Self.model, TestModels.fixture("lenet_digits", file), "--json"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(try Self.topIndex(Self.json(result)) == label, "\(file)")
        }
    }

    @Test func textOutputShowsTheTopClass() throws {
        let result = try CommandRunner.run(["run", Self.model, TestModels.fixture("lenet_digits", "digit_3.png")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("output: float32 [1, 10]"))
        let topLine = try #require(result.stdout.split(separator: "\n").first { $0.contains("top-5:") })
        #expect(topLine.trimmingCharacters(in: .whitespaces).hasPrefix("top-5: 3 ("))
    }

    @Test func jpegInputsClassifyToo() throws {
        let folder = try TemporaryFolder()
        let png = try Image.load(path: TestModels.fixture("lenet_digits", "digit_7.png"))
        // Upscale and turn to RGB so the run path converts back to gray and resizes to 28x28.
        let big = png.resized(width: 112, height: 112).converted(toChannels: 3)
        try folder.write("seven.jpg", try big.jpegData(quality: 95))
        let result = try CommandRunner.run(["run", Self.model, folder.path + "/seven.jpg", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try Self.topIndex(Self.json(result)) == 7)
    }

    @Test func jsonIsOneObjectWithDocumentedFields() throws {
        let folder = try TemporaryFolder()
        try folder.write("labels.txt", Array((0..<10).map { "digit \($0)\n" }.joined().utf8))
        let result = try CommandRunner.run([
            "run", Self.model, TestModels.fixture("lenet_digits", "digit_5.png"), "--json", "--top", "3",
            "--labels", folder.path + "/labels.txt", "--output-dir", folder.path + "/out",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.split(separator: "\n").count == 1)
        let object = try Self.json(result)
        let output = try #require((object["outputs"] as? [[String: Any]])?.first)
        #expect(output["name"] as? String == "output")
        #expect(output["shape"] as? [Int] == [1, 10])
        let top = try #require(output["top"] as? [[String: Any]])
        #expect(top.count == 3)
        #expect(top.first?["label"] as? String == "digit 5")
        let scores = top.compactMap { $0["score"] as? Double }
        #expect(scores == scores.sorted(by: >))
        let file = try #require(output["file"] as? String)
        #expect(try Npy.read(path: file).shape == [1, 10])
        let timings = try #require(object["timings"] as? [String: Double])
        #expect(Set(timings.keys) == ["load_ms", "prepare_ms", "run_ms"])
        #expect((object["inputs"] as? [[String: Any]])?.first?["shape"] as? [Int] == [1, 1, 28, 28])
    }

    @Test func labelsAreNullWithoutALabelsFile() throws {
        let result = try CommandRunner.run(["run", Self.model, TestModels.fixture("lenet_digits", "digit_1.png"),
                                            "--json", "--top", "1"])
        let outputs = (try Self.json(result))["outputs"] as? [[String: Any]]
        let top = try #require(outputs?.first?["top"] as? [[String: Any]])
        #expect(top.first?.keys.sorted() == ["index", "label", "score"])
        #expect(top.first?["label"] is NSNull)
    }

    @Test func presetsAndFlagsReachThePreprocessing() throws {
        let digit = TestModels.fixture("lenet_digits", "digit_4.png")
        let plain = try Self.json(try CommandRunner.run(["run", Self.model, digit, "--json", "--preprocess", "mnist"]))
        #expect(try Self.topIndex(plain) == 4)
        // Normalizing with a large mean changes every score: the flags are applied, not ignored.
        let shifted = try Self.json(try CommandRunner.run(["run", Self.model, digit, "--json", "--mean", "0.5",
                                                           "--std", "0.25"]))
        let a = (plain["outputs"] as? [[String: Any]])?.first?["max"] as? Double
        let b = (shifted["outputs"] as? [[String: Any]])?.first?["max"] as? Double
        #expect(a != nil && b != nil && a != b)
    }

    @Test func badImagesExitOneNamingTheFile() throws {
        let folder = try TemporaryFolder()
        let png = try Data(contentsOf: URL(fileURLWithPath: TestModels.fixture("lenet_digits", "digit_2.png")))
        try folder.write("cut.png", Array(png.prefix(png.count / 2)))
        try folder.write("text.jpg", Array("not a jpeg".utf8))
        for name in ["cut.png", "text.jpg", "missing.png"] {
            let path = folder.path + "/" + name
            let result = try CommandRunner.run(["run", Self.model, path])
            #expect(result.status == 1, "\(name): \(result.stderr)")
            #expect(result.stderr.hasPrefix("error: ") && result.stderr.contains(path), "\(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
    }

    @Test func badImageFlagsAreUsageErrors() throws {
        let digit = TestModels.fixture("lenet_digits", "digit_4.png")
        let cases = [["--preprocess", "cifar"], ["--crop", "0"], ["--crop", "3x"], ["--mean", "a,b"], ["--size", "-1"]]
        for flags in cases {
            let result = try CommandRunner.run(["run", Self.model, digit] + flags)
            #expect(result.status == 2, "\(flags): \(result.stderr)")
        }
    }
}
