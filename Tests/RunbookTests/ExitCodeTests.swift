import Foundation
import Testing
@testable import RunbookCommandLine

/// One table of exit codes for every command: each code seen from the
/// commands that give it, usage errors included, and the same table in
/// `--help` and the README.
@Suite struct ExitCodeTests {
    func project() throws -> String {
        let project = try TestSupport.temporaryDirectory("exit-codes")
        try TestSupport.write("# P\n\n## Restart\n\n```bash\nsystemctl restart app\n```\n", to: project + "/docs-src/p.md")
        return project
    }

    @Test func eachCodeComesFromTheCommandsThatGiveIt() throws {
        let project = try project()
        defer { try? FileManager.default.removeItem(atPath: project) }
        func status(_ arguments: [String]) throws -> Int32 { try TestSupport.runbook(arguments, in: project).status }
        // 0
        for arguments in [["build"], ["check"], ["plan", "docs-src/p.md"], ["ast", "docs-src/p.md"], ["graph", "docs-src/p.md"], ["lint", "docs-src/p.md"]] {
            #expect(try status(arguments) == 0, "\(arguments)")
        }
        // 1: drift, and a lint warning
        try TestSupport.write("# edited\n", to: project + "/generated/p.sh")
        #expect(try status(["check", "--no-cache"]) == 1)
        try TestSupport.write("# P\n\n## Look\n\n```bash\nvim /etc/app.conf\n```\n", to: project + "/docs-src/q.md")
        #expect(try status(["lint", "docs-src/q.md"]) == 1)
        // 2: bad input, for every command that reads docs
        try TestSupport.write("# P\n\n<!-- runbook: colour=red -->\n\n## S\n\n```bash\ntrue\n```\n", to: project + "/docs-src/bad.md")
        for arguments in [["build"], ["check"], ["plan", "docs-src/bad.md"], ["graph", "docs-src/bad.md"], ["lint", "docs-src/bad.md"], ["ast", "docs-src/missing.md"]] {
            #expect(try status(arguments) == 2, "\(arguments)")
        }
        // 64: usage errors, for every command
        for command in ["build", "check", "lint", "ast", "plan", "graph", "prove"] {
            #expect(try status([command, "--no-such-option"]) == 64, "\(command)")
        }
        #expect(try status(["no-such-command"]) == 64)
    }

    @Test func helpAndTheReadmeCarryTheSameTable() throws {
        let help = try TestSupport.run(TestSupport.runbookBinary, ["--help"])
        let readme = try #require(TestSupport.read(TestSupport.packageRoot + "/README.md"))
        // --help wraps long lines: compared with the white space collapsed.
        let flat = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for row in ExitCodes.rows {
            #expect(flat.contains("\(row.code) \(row.meaning)"), "--help lacks \(row.code)")
            #expect(readme.contains("| \(row.code) | \(row.meaning) |"), "the README lacks \(row.code)")
        }
    }
}
