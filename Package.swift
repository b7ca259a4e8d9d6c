// swift-tools-version: 6.2
import PackageDescription

let package = Package(
    name: "Sitemark",
    // The lowest macOS the dependencies (Hummingbird) accept, so the package resolves on a Mac;
    // Sitemark is built and tested on Linux only (the preview watches files with inotify).
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
        // The preview server only (SitemarkPreview). No traits: swift-configuration is not
        // needed and costs build time (stack-findings: 114 s instead of 123 s clean).
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
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
        .target(
            name: "SitemarkPreview",
            dependencies: [
                "SitemarkKit",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
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
        // Drives a real preview server over loopback with its own small HTTP client, so the
        // tests do not pull in HummingbirdTesting (async-http-client, BoringSSL: ~2 min of CI).
        .testTarget(
            name: "SitemarkPreviewTests",
            dependencies: ["SitemarkPreview", "SitemarkKit"]
        ),
    ]
)
