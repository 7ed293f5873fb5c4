// swift-tools-version:6.0
import PackageDescription

// The libFuzzer target for cnnrt, a separate package so that the main build never needs
// `-sanitize=fuzzer`. Build and run it with `scripts/fuzz SECONDS` from the repository root.
let package = Package(
    name: "cnnrt-fuzz",
    dependencies: [
        .package(name: "cnnrt", path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "CnnrtFuzz",
            dependencies: [.product(name: "Cnnrt", package: "cnnrt")]
        ),
    ],
    swiftLanguageModes: [.v5]
)
