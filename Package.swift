// swift-tools-version:6.1
// Detente: equilibria, repeated games, negotiation and sensitivity analysis for models of
// rivalry and cooperation between powers. See docs/DESIGN.md for the architecture.
import PackageDescription

let package = Package(
    name: "Detente",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "detente", targets: ["detente"]),
        .library(name: "Detente", targets: ["Detente"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/attaswift/BigInt", from: "6.0.0"),
    ],
    targets: [
        // The C boundary: CBLAS and LAPACKE from Debian's libopenblas-dev and liblapacke-dev.
        // Only LinearAlgebra imports it.
        .systemLibrary(
            name: "CLapack",
            providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]
        ),
        .target(name: "LinearAlgebra", dependencies: ["CLapack"]),
        .target(
            name: "GameTheory",
            dependencies: ["LinearAlgebra", .product(name: "BigInt", package: "BigInt")]
        ),
        .target(name: "RepeatedGames", dependencies: ["GameTheory", "LinearAlgebra"]),
        .target(
            name: "Negotiation",
            dependencies: ["GameTheory", "LinearAlgebra", .product(name: "BigInt", package: "BigInt")]
        ),
        .target(name: "MarkovGames", dependencies: ["GameTheory", "LinearAlgebra"]),
        .target(
            name: "PolicyModels",
            dependencies: ["GameTheory", "RepeatedGames", "Negotiation", "MarkovGames", "LinearAlgebra",
                           .product(name: "Yams", package: "Yams")]
        ),
        // Analysis and Reports do not depend on PolicyModels: models plug in through the
        // `ParameterModel` protocol (Sources/Analysis/ParameterModel.swift).
        .target(name: "Analysis", dependencies: ["GameTheory", "LinearAlgebra"]),
        .target(name: "Reports", dependencies: ["GameTheory", "Analysis", "PolicyModels"]),
        // Policy models as analyzable models, batch specs and default analyses: the one place
        // that sees both PolicyModels and Analysis/Reports.
        .target(
            name: "PolicyAnalysis",
            dependencies: ["PolicyModels", "Analysis", "Reports", "GameTheory", "RepeatedGames", "LinearAlgebra",
                           .product(name: "Yams", package: "Yams")]
        ),
        // Umbrella module: only re-exports.
        .target(
            name: "Detente",
            dependencies: ["LinearAlgebra", "GameTheory", "RepeatedGames", "Negotiation",
                           "MarkovGames", "PolicyModels", "Analysis", "Reports", "PolicyAnalysis"]
        ),
        .executableTarget(
            name: "detente",
            dependencies: ["Detente", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra"]),
        .testTarget(
            name: "GameTheoryTests", dependencies: ["GameTheory"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "DetenteCLITests", dependencies: ["detente"]),
        .testTarget(
            name: "NegotiationTests",
            dependencies: ["Negotiation", "GameTheory", .product(name: "BigInt", package: "BigInt")]
        ),
        .testTarget(
            name: "PolicyModelsTests", dependencies: ["PolicyModels", "GameTheory", "RepeatedGames", "LinearAlgebra", "Negotiation", "MarkovGames"],
            exclude: ["Fixtures"]
        ),
        // A tiny batch run that the kill-and-resume test starts as a child process.
        .executableTarget(name: "AnalysisBatchFixture", dependencies: ["Analysis", "LinearAlgebra"],
                          path: "Tests/AnalysisBatchFixture"),
        .testTarget(
            name: "AnalysisTests",
            dependencies: ["Analysis", "GameTheory", "RepeatedGames", "LinearAlgebra",
                           "AnalysisBatchFixture"]
        ),
        .testTarget(
            name: "PolicyAnalysisTests",
            dependencies: ["PolicyAnalysis", "PolicyModels", "Analysis", "Reports", "LinearAlgebra", "Detente", "detente"]
        ),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Analysis", "GameTheory", "LinearAlgebra"]),
        .testTarget(name: "MarkovGamesTests", dependencies: ["MarkovGames"]),
        .testTarget(
            name: "RepeatedGamesTests", dependencies: ["RepeatedGames", "GameTheory"],
            resources: [.copy("Fixtures")]
        ),
    ]
)
