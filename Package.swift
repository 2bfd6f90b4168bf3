// swift-tools-version:6.0
import PackageDescription

// One target per pipeline stage, so the manifest itself keeps a reader from
// knowing anything about shell and an emitter from knowing any markup.
let package = Package(
    name: "runbook",
    products: [
        .executable(name: "runbook", targets: ["runbook"]),
        .library(name: "RunbookCompiler", targets: ["RunbookCommandLine"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // Emits the Ansible playbooks (Emit/AnsiblePlaybook.swift).
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .systemLibrary(
            name: "Ccmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        .target(name: "RunbookCore"),
        .target(name: "DocumentTree", dependencies: ["RunbookCore"]),
        .target(name: "MarkdownReader", dependencies: ["Ccmark", "DocumentTree"]),
        .target(name: "RSTReader", dependencies: ["DocumentTree", "RunbookCore"]),
        .target(name: "StepAST", dependencies: ["RunbookCore"]),
        .target(name: "Extraction", dependencies: ["DocumentTree", "StepAST"]),
        // The runtime every generated script carries is bash, kept in .bash files
        // (shellchecked and tested on their own), and the playbook's template (checked by
        // ansible-lint as it is): both embedded in the binary at build time.
        .target(
            name: "Emit", dependencies: ["StepAST", .product(name: "Yams", package: "Yams")],
            resources: ["options", "preflight", "journal", "session", "execution", "files", "conditions", "rollback", "faults", "report", "main"]
                .map { .embedInCode("Runtime/\($0).bash") } + [.embedInCode("Templates/playbook.yml")]
        ),
        .target(name: "Pipeline", dependencies: ["MarkdownReader", "RSTReader", "Extraction", "Emit"]),
        // `runbook prove`: disposable worlds, faults at each step, fingerprints compared.
        .target(name: "Prove", dependencies: ["Pipeline", "StepAST", "RunbookCore"]),
        .target(name: "Lint", dependencies: ["DocumentTree", "Extraction", "StepAST", "RunbookCore"]),
        // `runbook review`: the reading's open decisions put to the author, answers written into the doc.
        .target(name: "Review", dependencies: ["Pipeline", "Lint", "Extraction", "Emit", "DocumentTree", "StepAST", "RunbookCore"]),
        .target(
            name: "RunbookCommandLine",
            dependencies: [
                "Pipeline", "Prove", "Lint", "Review", "DocumentTree", "Extraction", "Emit", "StepAST", "RunbookCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "runbook", dependencies: ["RunbookCommandLine"]),
        // benchmarks/rst-speed.sh: the RST reader's throughput, beside docutils'.
        .executableTarget(name: "rst-benchmark", dependencies: ["RSTReader", "RunbookCore"]),
        .testTarget(
            name: "RunbookTests",
            dependencies: ["RunbookCommandLine", "RSTReader", "Lint", "Prove", "runbook", .product(name: "Yams", package: "Yams")],
            exclude: ["Fixtures", "Transcripts"]
        ),
    ]
)
