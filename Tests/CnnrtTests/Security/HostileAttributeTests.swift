import Testing
@testable import Cnnrt

/// Every operator refuses invalid attributes and inputs read from a model file with an error naming the
/// node, through the library and through `cnnrt run`, and never crashes or allocates without bound.
@Suite struct HostileAttributeTests {
    @Test(arguments: HostileAttributeCases.all)
    func libraryRefusesNamingTheNode(_ hostile: HostileAttributeCase) throws {
        let (folder, path) = try Refusal.save(hostile.model)
        Refusal.expectLibrary(path: path, naming: ["victim"])
        _ = folder
    }

    @Test(arguments: HostileAttributeCases.all)
    func commandRefusesNamingTheNode(_ hostile: HostileAttributeCase) throws {
        let (folder, path) = try Refusal.save(hostile.model)
        try Refusal.expectCommand(["run", path], naming: ["victim"])
        _ = folder
    }

    /// Defined edge cases run (or fail cleanly) through the library and the CLI.
    @Test(arguments: HostileAttributeCases.survivable)
    func edgeCasesRunWithoutCrashing(_ edge: HostileAttributeCase) throws {
        let (folder, path) = try Refusal.save(edge.model)
        if let error = Refusal.libraryError(path: path) {
            #expect(error.description.contains("victim"), "\(error)")
        }
        let result = try CommandRunner.run(["run", path])
        #expect(result.status == 0 || result.status == 1, "exit \(result.status): \(result.stderr)")
        _ = folder
    }

    /// Shape inference (what `inspect` shows) never crashes on these models either, and records a reason.
    @Test(arguments: HostileAttributeCases.all)
    func shapeInferenceReportsAFailure(_ hostile: HostileAttributeCase) throws {
        let inferred = hostile.model.inferShapes()
        #expect(inferred.failures[0] != nil || inferred.values["out0"] != nil)
    }
}
