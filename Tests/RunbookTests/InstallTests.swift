import Foundation
import RunbookCore
import Testing

/// `script/install PREFIX` from this checkout: a release binary that needs no
/// Swift toolchain, its man page and completions. (A release build: about two
/// minutes the first time.)
@Suite(.realSystemTier) struct InstallTests {
    @Test func installPutsARunnableBinaryItsManPageAndCompletionsUnderThePrefix() throws {
        let prefix = try TestSupport.temporaryDirectory("prefix")
        defer { try? FileManager.default.removeItem(atPath: prefix) }
        // A build folder of its own: `swift test` holds .build while it runs.
        let install = try TestSupport.run(TestSupport.packageRoot + "/script/install", [prefix], environment: ["RUNBOOK_SCRATCH": ".build-install"])
        #expect(install.status == 0, "\(install.stdout)\(install.stderr)")
        #expect(install.stdout.split(separator: "\n").count <= 2, "quiet unless it fails: \(install.stdout)")
        #expect(install.stdout.contains("export PATH=\"\(prefix)/bin:$PATH\" MANPATH=\"\(prefix)/share/man:$MANPATH\""), "\(install.stdout)")
        let binary = prefix + "/bin/runbook"
        // Stripped: no debug information (RUNBOOK_DEBUG_INFO=1 keeps it).
        let sections = try TestSupport.run("readelf", ["-S", binary])
        #expect(!sections.stdout.contains(".debug_info"), "the installed binary carries its debug information")
        // With the toolchain hidden: no /opt/swift on PATH, no library path.
        let hidden = ["PATH": "/usr/bin:/bin", "LD_LIBRARY_PATH": ""]
        let version = try TestSupport.run("/usr/bin/env", ["-i", "PATH=/usr/bin:/bin", binary, "--version"], environment: hidden)
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
        let build = try TestSupport.run("/usr/bin/env", ["-i", "PATH=/usr/bin:/bin", binary, "build"], in: project, environment: hidden)
        #expect(build.status == 0 && FileManager.default.fileExists(atPath: project + "/generated/p.sh"), "\(build.stderr)")
        try walkThroughTheReadme(prefix: prefix)
    }

    /// The README's five-minute start as written, but for the clone and the
    /// install prefix, with the binary just installed: its doc, then its
    /// "Build, look, run" lines one by one. `systemctl` is a stand-in that
    /// records what it is asked (no systemd runs on this machine).
    func walkThroughTheReadme(prefix: String) throws {
        let readme = try #require(TestSupport.read(TestSupport.packageRoot + "/README.md"))
        let section = try #require(readme.components(separatedBy: "## Five minutes").dropFirst().first?.components(separatedBy: "The rest of this README is the reference.").first)
        let doc = try #require(section.components(separatedBy: "````markdown\n").dropFirst().first?.components(separatedBy: "````\n").first)
        let block = try #require(section.components(separatedBy: "**Build, look, run:**").dropFirst().first?
            .components(separatedBy: "```sh\n").dropFirst().first?.components(separatedBy: "```").first)
        let work = try TestSupport.temporaryDirectory("readme-walk")
        defer { try? FileManager.default.removeItem(atPath: work) }
        try TestSupport.write(doc, to: work + "/docs-src/restart.md")
        try TestSupport.write("#!/bin/sh\necho \"$*\" >> \"$SYSTEMCTL_LOG\"\n", to: work + "/stand-in/systemctl")
        chmod(work + "/stand-in/systemctl", 0o755)
        let environment = ["PATH": "\(prefix)/bin:\(work)/stand-in:/usr/bin:/bin", "SYSTEMCTL_LOG": work + "/systemctl.log",
                           "RUNBOOK_STATE_DIR": work + "/state", "RUNBOOK_LOG_DIR": work + "/logs"]
        let lines = block.split(separator: "\n").map { $0.components(separatedBy: "  #").first!.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        #expect(lines.count == 4, "\(lines)")
        for line in lines {
            let result = try TestSupport.run("/usr/bin/env", ["-i", "PATH=\(environment["PATH"]!)", "SYSTEMCTL_LOG=\(environment["SYSTEMCTL_LOG"]!)",
                                                             "RUNBOOK_STATE_DIR=\(work)/state", "RUNBOOK_LOG_DIR=\(work)/logs", "bash", "-c", line],
                                             in: work, environment: environment)
            #expect(result.status == 0, "README line '\(line)': \(result.stdout)\(result.stderr)")
        }
        #expect(TestSupport.read(work + "/systemctl.log") == "stop web\nstart web\n", "the run stopped and started the service")
    }
}
