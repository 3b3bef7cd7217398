// swift-tools-version: 6.1
// Fuzz targets for firedrill's parsers, driven by libFuzzer. See Fuzz/README.md.
import Foundation
import PackageDescription

/// The firedrill package is the parent directory; SwiftPM names a path dependency after its folder.
let firedrill = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "firedrill-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(path: "..")],
    targets: [
        .executableTarget(
            name: "FuzzScenarioLoader",
            dependencies: [.product(name: "FiredrillYAML", package: firedrill), .product(name: "FiredrillCore", package: firedrill)]
        ),
        .executableTarget(
            name: "FuzzReplayScript",
            dependencies: [.product(name: "FiredrillYAML", package: firedrill), .product(name: "FiredrillCore", package: firedrill)]
        ),
        .executableTarget(
            name: "FuzzActionCommand",
            dependencies: [.product(name: "FiredrillYAML", package: firedrill), .product(name: "FiredrillCore", package: firedrill)]
        ),
    ]
)
