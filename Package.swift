// swift-tools-version: 6.2
import PackageDescription

let package = Package(
    name: "Sitemark",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "sitemark", targets: ["sitemark"]),
        .library(name: "SitemarkKit", targets: ["SitemarkKit"]),
        .executable(name: "sitemark-bench", targets: ["sitemark-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // libcmark from the system (Debian: libcmark-dev); only SitemarkKit/Markdown imports it.
        .systemLibrary(name: "CCmark", pkgConfig: "libcmark", providers: [.apt(["libcmark-dev"])]),
        .target(
            name: "SitemarkKit",
            dependencies: [
                "CCmark",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        .target(name: "SitemarkPreview", dependencies: ["SitemarkKit"]),
        .executableTarget(
            name: "sitemark",
            dependencies: [
                "SitemarkKit",
                "SitemarkPreview",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The benchmark corpus (a seed and a size -> a site like ours, and the same as a Hugo site)
        // and `sitemark-bench`, which times `sitemark build` against it (`make bench`).
        .target(name: "SitemarkBench"),
        .executableTarget(
            name: "sitemark-bench",
            dependencies: ["SitemarkBench", "SitemarkKit", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(
            name: "SitemarkKitTests",
            dependencies: ["SitemarkKit", "SitemarkBench"],
            resources: []
        ),
    ]
)
