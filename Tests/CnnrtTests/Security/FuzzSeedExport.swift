import Foundation
import Testing
@testable import Cnnrt

/// Writes hand-made fuzz seeds: every hostile-attribute model (one node of each operator near the edge of
/// validity) and small valid one-node models. Runs only when `CNNRT_FUZZ_SEEDS` names a folder:
///
///     CNNRT_FUZZ_SEEDS=fuzz/seeds swift test --filter FuzzSeedExport
@Suite(.enabled(if: ProcessInfo.processInfo.environment["CNNRT_FUZZ_SEEDS"] != nil))
struct FuzzSeedExport {
    typealias C = HostileAttributeCases

    /// Valid one-node models for the operators whose output shape depends on input values.
    static let valid: [HostileAttributeCase] = [
        C.op("reshape", "Reshape", [C.x, C.i64([2, -1])]),
        C.op("expand", "Expand", [C.f32([1, 4, 1, 1]), C.i64([2, 4, 3, 3])]),
        C.op("tile", "Tile", [C.x, C.i64([1, 2, 1, 2])]),
        C.op("constant of shape", "ConstantOfShape", [C.i64([2, 3])]),
        C.op("resize", "Resize", [C.x, nil, C.floats([1, 1, 2, 2])], [C.text("mode", "linear")]),
        C.op("pad", "Pad", [C.x, C.i64([0, 0, 1, 1, 0, 0, 1, 1])], [C.text("mode", "reflect")]),
        C.op("slice", "Slice", [C.x, C.i64([1]), C.i64([-1]), C.i64([2]), C.i64([2])]),
        C.op("gather", "Gather", [C.x, C.i64([0, -1])], [C.int("axis", 1)]),
        C.op("split", "Split", [C.f32([4]), C.i64([1, 3])], [C.int("axis", 0)], outputs: 2),
        C.op("conv transpose", "ConvTranspose", [C.x, C.w], [C.ints("strides", [2, 2])]),
        C.op("maxpool", "MaxPool", [C.x], [C.ints("kernel_shape", [2, 2]), C.int("ceil_mode", 1)], outputs: 2),
        C.op("matmul", "MatMul", [C.f32([2, 1, 3, 4]), C.f32([3, 4, 5])]),
    ]

    @Test func writeSeeds() throws {
        let folder = try #require(ProcessInfo.processInfo.environment["CNNRT_FUZZ_SEEDS"])
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for (prefix, cases) in [("hostile", HostileAttributeCases.all), ("valid", Self.valid)] {
            for c in cases {
                let name = c.label.replacingOccurrences(of: " ", with: "-")
                // Large seeds only slow the fuzzer down; the small ones reach the same code.
                guard try c.model.serialized().count <= 16 << 10 else { continue }
                try c.model.save(path: "\(folder)/\(prefix)-\(name).onnx")
            }
        }
    }
}
