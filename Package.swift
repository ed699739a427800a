// swift-tools-version:6.0
// LLM Workbench: learn how a GPT works by running it, one matrix at a time.
import PackageDescription

let settings: [SwiftSetting] = [.swiftLanguageMode(.v5)]

let package = Package(
    name: "llmwb",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "llmwb", targets: ["llmwb"]),
        .executable(name: "llmwb-fuzz", targets: ["ScriptFuzz"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // Hot loops (GEMM micro-kernels) in C, compiled per ISA and chosen at run time.
        .target(name: "CKernels", cSettings: [.unsafeFlags(["-O3", "-ffp-contract=off"])]),
        // Stack switching for the lesson language's generators (context switch in assembly).
        .target(name: "CCoroutine", cSettings: [.unsafeFlags(["-O2"])]),
        .target(name: "Tensor", dependencies: ["CKernels"], swiftSettings: settings),
        .target(name: "NN", dependencies: ["Tensor"], swiftSettings: settings),
        .target(name: "Tokenizers", resources: [.copy("Resources")], swiftSettings: settings),
        // The lesson language: Python 3.11 and its standard library. It imports nothing of ours.
        // Exclusivity checks off: generator bodies switch stacks, and a dynamic access record
        // must never straddle a switch (the interpreter's hot paths avoid them anyway).
        .target(name: "Python", dependencies: ["CCoroutine"],
                swiftSettings: settings + [.unsafeFlags(["-enforce-exclusivity=unchecked"])]),
        // CPython's `re` engine, on its own.
        .target(name: "PyRegex", swiftSettings: settings),
        // torch, numpy, tiktoken, re, safetensors, workbench: the language's modules over our libraries.
        .target(name: "Bindings", dependencies: ["Python", "PyRegex", "Tensor", "NN", "Tokenizers"], swiftSettings: settings),
        .target(name: "Lessons", dependencies: ["Python", "Bindings"], swiftSettings: settings),
        .systemLibrary(name: "CReadline"),
        // The system zlib, for the PNG pictures `heatmap`/`plot --save` write.
        .systemLibrary(name: "CZlib"),
        // The sources themselves ship as a resource of the shell, for `source NAME`.
        .plugin(name: "SourceArchive", capability: .buildTool()),
        .target(name: "Shell", dependencies: ["Lessons", "Python", "Bindings", "CReadline", "CZlib"], swiftSettings: settings,
                plugins: ["SourceArchive"]),
        .executableTarget(
            name: "llmwb",
            dependencies: [
                "Tensor", "NN", "Tokenizers", "Python", "Bindings", "Lessons", "Shell",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: settings),
        // Mutation fuzzing of the lexer, parser and interpreter (the tests run it 90 s).
        .executableTarget(name: "ScriptFuzz", dependencies: ["Python", "Bindings"], swiftSettings: settings),
        .testTarget(name: "TensorTests", dependencies: ["Tensor"],
                    resources: [.copy("Fixtures")], swiftSettings: settings),
        .testTarget(name: "TokenizersTests", dependencies: ["Tokenizers"],
                    resources: [.copy("Fixtures")], swiftSettings: settings),
        .testTarget(name: "NNTests", dependencies: ["NN"],
                    resources: [.copy("Fixtures")], swiftSettings: settings),
        .testTarget(name: "LessonsTests", dependencies: ["Lessons"], swiftSettings: settings),
        .testTarget(name: "ShellTests", dependencies: ["Shell", "Lessons", "Python", "Bindings", "CZlib"], swiftSettings: settings),
        .testTarget(name: "PythonTests", dependencies: ["Python"], swiftSettings: settings),
        // Depends on PyRegex alone: proves the engine builds without the rest.
        .testTarget(name: "PyRegexTests", dependencies: ["PyRegex"], swiftSettings: settings),
        .testTarget(name: "BindingsTests", dependencies: ["Bindings", "Python"], swiftSettings: settings),
    ]
)
