import Foundation
import Testing

@Suite struct InspectCommandTests {
    let lenet = TestModels.fixture("lenet", "model.onnx")

    @Test func showsTheModel() throws {
        let result = try CommandRunner.run(["inspect", lenet])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("parameters: 61,706"))
        #expect(result.stdout.contains("Conv 2"))
        #expect(result.stdout.contains("Gemm 3"))
        #expect(result.stdout.contains("[1, 10]"))   // the inferred output shape of the last node
    }

    @Test func printsOneJSONObject() throws {
        let result = try CommandRunner.run(["inspect", lenet, "--json"])
        #expect(result.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(object?["parameters"] as? Int == 61_706)
        #expect((object?["nodes"] as? [Any])?.isEmpty == false)
        #expect((object?["inputs"] as? [[String: Any]])?.first?["shape"] as? [String] == ["1", "1", "28", "28"])
    }

    @Test func badFilesExitOneNamingTheFile() throws {
        let folder = try TemporaryFolder()
        try folder.write("junk.onnx", Array("this is not a model at all".utf8))
        for path in [folder.path + "/junk.onnx", folder.path + "/missing.onnx"] {
            let result = try CommandRunner.run(["inspect", path])
            #expect(result.status == 1)
            #expect(result.stderr.hasPrefix("error: \(path)"), "\(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
    }

    @Test func usageErrorsExitTwo() throws {
        #expect(try CommandRunner.run(["inspect"]).status == 2)
        #expect(try CommandRunner.run(["frobnicate"]).status == 2)
        #expect(try CommandRunner.run(["run", lenet, "--threads", "0"]).status == 2)
    }
}
