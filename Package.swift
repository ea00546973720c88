// swift-tools-version:6.0
import PackageDescription

// The layers (each arrow: "is used by"); no module imports one drawn above it:
//   CellIO (depends on nothing) → Jupyter, Workbench
//   CZMQ → Jupyter → WorkbenchKernel
//   CBLAS → Tensors → HTI → Workbench → WorkbenchKernel → hti
//   Plots (depends on nothing) → Workbench
// Jupyter and Tensors are independent of each other; Workbench reaches Tensors only through HTI
// and never imports Jupyter (WorkbenchKernel puts the session behind the protocol).
// Swift 5 language mode: the kernel's threads own their sockets explicitly
// (see Jupyter/Transport), which strict Sendable checking cannot express.
let swift5: [SwiftSetting] = [.swiftLanguageMode(.v5)]
// Only the tensor kernels drop Swift's runtime checks: they take no bytes from files.
let fast: [SwiftSetting] = swift5 + [.unsafeFlags(["-Ounchecked"])]
// HTI parses untrusted bytes, so it keeps Swift's runtime checks, but it is optimised in debug
// builds too: the notebook replays in CI run the debug kernel, and at -Onone the method's own
// loops (potential, couplings) made a 100-step fit take over ten minutes.
let checkedButOptimised: [SwiftSetting] = swift5 + [.unsafeFlags(["-O"])]

let package = Package(
    name: "HTIWorkbench",
    products: [
        .executable(name: "hti", targets: ["hti"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
    ],
    targets: [
        .systemLibrary(name: "CZMQ", path: "Sources/CZMQ", pkgConfig: "libzmq",
                       providers: [.apt(["libzmq3-dev"])]),
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS", pkgConfig: "openblas",
                       providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CEditLine", path: "Sources/CEditLine", pkgConfig: "libedit",
                       providers: [.apt(["libedit-dev"])]),

        // What a running cell reads and writes, in no protocol's terms (output events, MIME
        // bundles, JSON, cancellation, live views): the session and the kernel both speak it.
        .target(name: "CellIO", dependencies: [], swiftSettings: swift5),
        .target(name: "Jupyter", dependencies: [
            "CellIO", "CZMQ",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: swift5),
        .target(name: "Tensors", dependencies: ["CBLAS"], swiftSettings: fast),
        // HTI parses untrusted bytes (model files, .npy/.npz, CSV), so it keeps Swift's
        // bounds and overflow checks; benchmarks/hardening.md measured their cost on a fit.
        .target(name: "HTI", dependencies: [
            "Tensors", "CBLAS",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ], swiftSettings: checkedButOptimised),
        .target(name: "Plots", dependencies: [], swiftSettings: swift5),
        // Speed measurements `hti bench` runs: kept out of the library modules they time.
        .target(name: "Benchmarks", dependencies: ["Tensors", "HTI"], swiftSettings: checkedButOptimised),
        // The session (language, commands, terminal): it speaks CellIO, never the protocol.
        .target(name: "Workbench", dependencies: ["CellIO", "HTI", "Plots", "CBLAS"],
                swiftSettings: swift5),
        // The session behind the Jupyter protocol: the interpreter the kernel drives, the
        // kernelspec's files, and headless notebook runs that record widget state.
        .target(name: "WorkbenchKernel", dependencies: ["CellIO", "Jupyter", "Workbench"], swiftSettings: swift5),
        .executableTarget(name: "hti", dependencies: [
            "CellIO", "Jupyter", "Tensors", "HTI", "Workbench", "WorkbenchKernel", "Benchmarks", "CEditLine",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: swift5),

        .testTarget(name: "JupyterTests", dependencies: [
            "CellIO", "Jupyter", .product(name: "PropertyBased", package: "swift-property-based"),
        ], exclude: ["Fixtures"], swiftSettings: swift5),
        .testTarget(name: "CellIOTests", dependencies: ["CellIO"], swiftSettings: swift5),
        .testTarget(name: "TensorsTests", dependencies: ["Tensors"], swiftSettings: swift5),
        .testTarget(name: "HTITests", dependencies: [
            "HTI", .product(name: "PropertyBased", package: "swift-property-based"),
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ], swiftSettings: swift5),
        .testTarget(name: "PlotsTests", dependencies: ["Plots"], exclude: ["Golden"], swiftSettings: swift5),
        .testTarget(name: "WorkbenchTests", dependencies: [
            "CellIO", "Workbench", "WorkbenchKernel", "Jupyter", .product(name: "PropertyBased", package: "swift-property-based"),
        ], swiftSettings: swift5),
    ]
)
