// swift-tools-version:6.0
// An app that embeds cnnrt: classifies the handwritten digits shipped in fixtures/ with the trained LeNet.
import PackageDescription

let package = Package(
    name: "ClassifyDigits",
    dependencies: [
        // In your own package: .package(url: "<cnnrt repository>", branch: "main")
        .package(name: "cnnrt", path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "classify-digits",
            dependencies: [
                .product(name: "Cnnrt", package: "cnnrt"),
                .product(name: "CnnrtImage", package: "cnnrt"),
            ]
        ),
    ],
    swiftLanguageModes: [.v5]
)
