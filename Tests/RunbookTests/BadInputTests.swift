import Foundation
import Testing

/// Every kind of bad input: a `file:line:col: error:` diagnostic, exit code 2, nothing written.
@Suite struct BadInputTests {
    func build(doc: [UInt8]?, name: String = "bad.md") throws -> (TestSupport.Result, [String]) {
        let project = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: project) }
        try FileManager.default.createDirectory(atPath: project + "/docs", withIntermediateDirectories: true)
        // A good doc beside the bad one: it must not be written either.
        try TestSupport.write("# Good\n\n## Step\n\n```sh\ntrue\n```\n", to: project + "/docs/good.md")
        if let doc { try Data(doc).write(to: URL(fileURLWithPath: project + "/docs/" + name)) }
        let result = try TestSupport.runbook(["build", "--docs", "docs", "--out", "out"], in: project)
        let written = (try? FileManager.default.contentsOfDirectory(atPath: project + "/out")) ?? []
        return (result, written)
    }

    @Test(arguments: [
        ([UInt8]("# T\n\n## S\n\nca\u{E9}".utf8.dropLast(2)) + [0xE9, 0x0A], "docs/bad.md:5:3: error: file is not valid UTF-8"),
        ([], "docs/bad.md:1:1: error: document is empty"),
        (Array(" \n\n".utf8), "docs/bad.md:1:1: error: document is empty"),
        (Array("Just a paragraph.\n".utf8), "docs/bad.md:1:1: error: no steps: a procedure needs at least one heading under its title"),
        (Array("# Title only\n\nText.\n".utf8), "docs/bad.md:1:1: error: no steps: a procedure needs at least one heading under its title"),
        (Array("# T\n\n## S\n\n<!-- runbook: colour=red -->\n".utf8), "docs/bad.md:5:15: error: unknown annotation key 'colour'"),
        (Array("# T\n\n## S\n\nnul \0 here\n".utf8), "docs/bad.md:5:5: error: file contains a NUL character"),
    ])
    func badDocs(bytes: [UInt8], expected: String) throws {
        let (result, written) = try build(doc: bytes)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix(expected), "\(result.stderr)")
        #expect(written.isEmpty, "wrote \(written)")
    }

    @Test func missingDocsDirectory() throws {
        let project = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: project) }
        let result = try TestSupport.runbook(["build", "--docs", "nowhere", "--out", "out"], in: project)
        #expect(result.status == 2)
        #expect(result.stderr == "nowhere:1:1: error: no such directory\n")
        #expect(!FileManager.default.fileExists(atPath: project + "/out"))
    }

    @Test func missingFileForAstAndPlan() throws {
        for command in ["ast", "plan"] {
            let result = try TestSupport.runbook([command, "missing.md"], in: TestSupport.packageRoot)
            #expect(result.status == 2)
            #expect(result.stderr == "missing.md:1:1: error: no such file\n")
        }
    }

    @Test func aFailedBuildLeavesThePreviousOutputsUntouched() throws {
        let project = try TestSupport.scratchProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        #expect(try TestSupport.runbook(["build"], in: project).status == 0)
        let before = TestSupport.read(project + "/generated/webapp-upgrade.sh")
        let doc = project + "/docs-src/webapp-upgrade.md"
        try TestSupport.write(try #require(TestSupport.read(doc)) + "\n<!-- runbook: nope=1 -->\n", to: doc)
        let result = try TestSupport.runbook(["build"], in: project)
        #expect(result.status == 2)
        #expect(TestSupport.read(project + "/generated/webapp-upgrade.sh") == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: project + "/generated").filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty)
    }
}

/// `build` prints its diagnostics as `lint` does: the source line, and the span
/// the diagnostic is about underlined (here the unknown key, six characters).
@Suite struct DiagnosticSpanTests {
    @Test func buildUnderlinesTheUnknownKey() throws {
        let project = try TestSupport.temporaryDirectory("span")
        defer { try? FileManager.default.removeItem(atPath: project) }
        try TestSupport.write("# P\n\n## S\n\n<!-- runbook: colour=red -->\n\n```sh\ntrue\n```\n", to: project + "/docs-src/p.md")
        let result = try TestSupport.runbook(["build"], in: project)
        #expect(result.status == 2)
        #expect(result.stderr.contains("docs-src/p.md:5:15: error: unknown annotation key 'colour'"))
        #expect(result.stderr.contains(" 5 | <!-- runbook: colour=red -->\n   |               ^~~~~~\n"), "\(result.stderr)")
    }
}

/// A misspelt name gets the nearest known one: an annotation key, a name in a
/// condition, a parameter given to the script.
@Suite struct DidYouMeanTests {
    @Test func anAnnotationKeyAConditionNameAndAScriptParameter() throws {
        let project = try TestSupport.temporaryDirectory("didyoumean")
        defer { try? FileManager.default.removeItem(atPath: project) }
        let head = "# P\n\n<!-- runbook: param=VERSION placeholder=\"<v>\" -->\n\n## S\n\n"
        try TestSupport.write(head + "<!-- runbook: undoo=\"x\" -->\n```sh\necho <v>\n```\n", to: project + "/docs-src/p.md")
        let key = try TestSupport.runbook(["build"], in: project)
        #expect(key.status == 2 && key.stderr.contains("docs-src/p.md:7:15: error: unknown annotation key 'undoo': did you mean 'undo'?"), "\(key.stderr)")
        #expect(key.stderr.contains(" 7 | <!-- runbook: undoo=\"x\" -->\n   |               ^~~~~"), "the line and a caret: \(key.stderr)")
        try TestSupport.write(head + "<!-- runbook: when=\"VERSON > 1\" -->\n```sh\necho <v>\n```\n", to: project + "/docs-src/p.md")
        let condition = try TestSupport.runbook(["build"], in: project)
        #expect(condition.status == 2 && condition.stderr.contains("unknown name 'VERSON' in condition: did you mean 'VERSION'?"), "\(condition.stderr)")
        try TestSupport.write(head + "<!-- runbook: when=\"ZZZ > 1\" -->\n```sh\necho <v>\n```\n", to: project + "/docs-src/p.md")
        #expect(try !TestSupport.runbook(["build"], in: project).stderr.contains("did you mean"), "nothing near: no guess")
        try TestSupport.write(head + "```sh\necho <v>\n```\n", to: project + "/docs-src/p.md")
        #expect(try TestSupport.runbook(["build"], in: project).status == 0)
        let run = try TestSupport.run(project + "/generated/p.sh", ["--dry-run", "--set", "VERSON=1", "--set", "VERSION=2"])
        #expect(run.status == 2 && run.stderr.contains("unknown parameter 'VERSON' (did you mean VERSION?)"), "\(run.stderr)")
    }

    @Test func checkShowsTheDocLineOfADrift() throws {
        let project = try TestSupport.temporaryDirectory("driftline")
        defer { try? FileManager.default.removeItem(atPath: project) }
        try TestSupport.write("# P\n\n## S\n\n```sh\necho one\n```\n", to: project + "/docs-src/p.md")
        #expect(try TestSupport.runbook(["build"], in: project).status == 0)
        try TestSupport.write("# P\n\n## S\n\n```sh\necho two\n```\n", to: project + "/docs-src/p.md")
        let check = try TestSupport.runbook(["check"], in: project)
        #expect(check.status == 1 && check.stdout.contains("docs-src/p.md:6: drift: [changed] p step 's'"), "\(check.stdout)")
        #expect(check.stdout.contains(" 6 | echo two\n   | ^"), "the changed line itself: \(check.stdout)")
    }
}
