import Foundation
import RunbookCore
import Testing

/// `script/install PREFIX` from this checkout: a release binary that needs no
/// Swift toolchain, its man page and completions. (A release build: about two
/// minutes the first time.)
@Suite struct InstallTests {
    @Test func installPutsARunnableBinaryItsManPageAndCompletionsUnderThePrefix() throws {
        let prefix = try TestSupport.temporaryDirectory("prefix")
        defer { try? FileManager.default.removeItem(atPath: prefix) }
        // A build folder of its own: `swift test` holds .build while it runs.
        let install = try TestSupport.run(TestSupport.packageRoot + "/script/install", [prefix], environment: ["RUNBOOK_SCRATCH": ".build-install"])
        #expect(install.status == 0, "\(install.stdout)\(install.stderr)")
        let binary = prefix + "/bin/runbook"
        let version = try TestSupport.run(binary, ["--version"])
        #expect(version.stdout == RunbookVersion.current + "\n", "\(version.stdout)\(version.stderr)")
        // The Swift runtime is linked in: no libswift*.so is needed at run time.
        let ldd = try TestSupport.run("ldd", [binary])
        #expect(ldd.status == 0 && !ldd.stdout.contains("libswift") && !ldd.stdout.contains("libFoundation"), "\(ldd.stdout)")
        let man = try TestSupport.run("man", ["-l", prefix + "/share/man/man1/runbook.1"], environment: ["MANPAGER": "cat", "PAGER": "cat"])
        #expect(man.status == 0 && man.stdout.contains("runbook") && man.stdout.contains("graph"), "\(man.stdout.prefix(400))\(man.stderr)")
        let completion = try TestSupport.run("bash", ["-c", "source \"$1\" && complete -p runbook", "bash", prefix + "/share/bash-completion/completions/runbook"])
        #expect(completion.status == 0 && completion.stdout.contains("_runbook runbook"), "\(completion.stdout)\(completion.stderr)")
        for file in ["share/zsh/site-functions/_runbook", "share/fish/vendor_completions.d/runbook.fish"] {
            #expect(FileManager.default.fileExists(atPath: prefix + "/" + file), "\(file)")
        }
        // The installed binary builds a procedure on its own.
        let project = try TestSupport.temporaryDirectory("installed")
        defer { try? FileManager.default.removeItem(atPath: project) }
        try TestSupport.write("# P\n\n## S\n\n```sh\ntrue\n```\n", to: project + "/docs-src/p.md")
        let build = try TestSupport.run(binary, ["build"], in: project)
        #expect(build.status == 0 && FileManager.default.fileExists(atPath: project + "/generated/p.sh"), "\(build.stderr)")
    }
}
