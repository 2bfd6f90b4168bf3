import Foundation
import Testing

/// `runbook build` and `runbook check` through the real binary, on copies of docs-src.
@Suite struct BuildAndCheckTests {
    func files(_ dir: String) throws -> [String: String] {
        var result: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: dir) { result[name] = TestSupport.read(dir + "/" + name) }
        return result
    }

    @Test func buildingTwiceGivesTheSameBytesAndWritesNothingTheSecondTime() throws {
        let one = try TestSupport.scratchProject("one"), two = try TestSupport.scratchProject("two")
        defer { for dir in [one, two] { try? FileManager.default.removeItem(atPath: dir) } }
        let first = try TestSupport.runbook(["build", "--docs", "docs-src", "--out", "generated"], in: one)
        #expect(first.status == 0, "\(first.stderr)")
        let second = try TestSupport.runbook(["build", "--docs", "./docs-src/", "--out", "generated/"], in: two)
        #expect(second.status == 0)
        #expect(try files(one + "/generated") == files(two + "/generated"))
        #expect(try files(one + "/generated") == files(TestSupport.packageRoot + "/generated"))
        let again = try TestSupport.runbook(["build"], in: one)
        #expect(again.status == 0)
        #expect(!again.stdout.contains("wrote"), "an unchanged build rewrote files: \(again.stdout)")
    }

    @Test func theCommittedOutputsAreInSync() throws {
        let result = try TestSupport.runbook(["check"], in: TestSupport.packageRoot)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }

    @Test func editingACommandInTheDocIsDriftAtThatLine() throws {
        let project = try TestSupport.scratchProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        #expect(try TestSupport.runbook(["build"], in: project).status == 0)
        let doc = project + "/docs-src/webapp-upgrade.md"
        let text = try #require(TestSupport.read(doc))
        let edited = text.replacingOccurrences(of: "$ sudo systemctl stop notes.service", with: "$ sudo systemctl stop notes-web.service")
        #expect(edited != text)
        try TestSupport.write(edited, to: doc)
        let line = edited.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("notes-web") }! + 1

        let result = try TestSupport.runbook(["check"], in: project)
        #expect(result.status == 1)
        #expect(result.stdout.contains("docs-src/webapp-upgrade.md:\(line): drift: [changed] webapp-upgrade step 'stop-the-service'"), "\(result.stdout)")
        #expect(result.stdout.contains("-sudo systemctl stop notes.service\n+sudo systemctl stop notes-web.service"))

        #expect(try TestSupport.runbook(["build"], in: project).status == 0)
        #expect(try TestSupport.runbook(["check"], in: project).status == 0)
    }

    @Test func addedAndRemovedStepsAreReported() throws {
        let project = try TestSupport.scratchProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        #expect(try TestSupport.runbook(["build"], in: project).status == 0)
        let doc = project + "/docs-src/webapp-upgrade.md"
        let text = try #require(TestSupport.read(doc))
        try TestSupport.write(text.replacingOccurrences(of: "## Migrate the database", with: "## Apply the migrations"), to: doc)
        let result = try TestSupport.runbook(["check"], in: project)
        #expect(result.status == 1)
        #expect(result.stdout.contains("step 'apply-the-migrations': step 'apply-the-migrations' is new in the doc"))
        #expect(result.stdout.contains("step 'migrate-the-database': step 'migrate-the-database' is no longer in the doc"))
    }

    @Test func aScriptEditedByHandIsReported() throws {
        let project = try TestSupport.scratchProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        #expect(try TestSupport.runbook(["build"], in: project).status == 0)
        let script = project + "/generated/webapp-upgrade.sh"
        try TestSupport.write(try #require(TestSupport.read(script)).replacingOccurrences(of: "curl --fail", with: "curl"), to: script)
        let result = try TestSupport.runbook(["check"], in: project)
        #expect(result.status == 1)
        #expect(result.stdout.contains("generated/webapp-upgrade.sh: drift: [hand-edited] webapp-upgrade: generated/webapp-upgrade.sh was edited by hand"))
        #expect(result.stdout.contains("+curl --silent"))
    }

    @Test func missingOutputsAndOrphanedOutputsAreReported() throws {
        let project = try TestSupport.scratchProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        #expect(try TestSupport.runbook(["build"], in: project).status == 0)
        try FileManager.default.copyItem(atPath: project + "/docs-src/webapp-upgrade.md", toPath: project + "/docs-src/second.md")
        #expect(try TestSupport.runbook(["build"], in: project).status == 0)
        try FileManager.default.removeItem(atPath: project + "/docs-src/second.md")
        try FileManager.default.removeItem(atPath: project + "/generated/webapp-upgrade.sh")
        let result = try TestSupport.runbook(["check"], in: project)
        #expect(result.status == 1)
        #expect(result.stdout.contains("docs-src/webapp-upgrade.md:1: drift: [missing] webapp-upgrade: generated/webapp-upgrade.sh is missing"))
        #expect(result.stdout.contains("generated/second.manifest.json: drift: [orphaned] second: generated/second.manifest.json was generated from docs-src/second.md, which is gone"))

        let rebuild = try TestSupport.runbook(["build"], in: project)
        #expect(rebuild.stdout.contains("removed generated/second.sh"))
        #expect(!FileManager.default.fileExists(atPath: project + "/generated/second.manifest.json"))
        #expect(try TestSupport.runbook(["check"], in: project).status == 0)
    }

    @Test func astAndPlanPrintTheTreeAndTheSteps() throws {
        let ast = try TestSupport.runbook(["ast", "docs-src/webapp-upgrade.md", "--format", "json"], in: TestSupport.packageRoot)
        #expect(ast.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(ast.stdout.utf8)) as? [String: Any])
        #expect(json["type"] as? String == "document")
        let section = try #require((json["children"] as? [[String: Any]])?.first)
        #expect(section["title"] as? String == "Upgrading the notes web app")
        #expect((section["range"] as? [String: Any]).flatMap { $0["start"] as? [String: Int] } == ["line": 1, "column": 1])

        let plan = try TestSupport.runbook(["plan", "docs-src/webapp-upgrade.md"], in: TestSupport.packageRoot)
        #expect(plan.status == 0)
        #expect(plan.stdout.contains("3. [command] stop-the-service: Stop the service (docs-src/webapp-upgrade.md:25)"))
    }
}

/// `check` answers from its cache only when nothing it depends on changed:
/// every kind of change after a check in sync is still found.
@Suite struct CheckCacheTests {
    /// A scratch project and a cache folder of its own: `check` there, with that cache.
    struct Scratch {
        let project: String, cache: String
        init(_ name: String = #function) throws {
            project = try TestSupport.scratchProject(name)
            cache = try TestSupport.temporaryDirectory("checkcache")
        }
        /// SETTLED: as if the files had been written long enough before (the
        /// cache vouches only for files older than two seconds) rather than wait.
        func check(_ extra: [String] = [], settled: Bool = true) throws -> TestSupport.Result {
            try TestSupport.run(TestSupport.runbookBinary, ["check"] + extra, in: project,
                                environment: ["XDG_CACHE_HOME": cache].merging(settled ? ["RUNBOOK_CHECK_SETTLE_SECONDS": "0"] : [:]) { $1 })
        }
        func remove() { try? FileManager.default.removeItem(atPath: project); try? FileManager.default.removeItem(atPath: cache) }
    }

    @Test func aCheckInSyncIsRememberedAndEveryChangeAfterItIsStillFound() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (project, cache) = (scratch.project, scratch.cache)
        #expect(try TestSupport.runbook(["build"], in: project).status == 0)
        // Files changed in the last two seconds are never vouched for (a write in the same tick).
        let fresh = try scratch.check(settled: false)
        #expect(fresh.status == 0)
        let early = (try? FileManager.default.contentsOfDirectory(atPath: cache + "/runbook")) ?? []
        #expect(early.isEmpty, "nothing remembered about files just written: \(early)")
        #expect(try scratch.check().status == 0)
        let remembered = try FileManager.default.contentsOfDirectory(atPath: cache + "/runbook")
        #expect(remembered.count == 1, "\(remembered)")
        #expect(try scratch.check().stdout == "3 procedure(s) in sync\n", "from the cache, the same answer")

        // A hand edit of the same size, an orphan, a doc changed: each found, cache or not.
        let script = project + "/generated/webapp-upgrade.sh"
        let original = try #require(TestSupport.read(script))
        try TestSupport.write(original.replacingOccurrences(of: "notes.service", with: "notes.servicE"), to: script)
        let edited = try scratch.check()
        #expect(edited.status == 1 && edited.stdout.contains("[hand-edited]"), "\(edited.stdout)")
        try TestSupport.write(original, to: script)
        try TestSupport.write("x", to: project + "/generated/stray.manifest.json")
        #expect(try scratch.check().stdout.contains("[orphaned]") || (try scratch.check().stdout.contains("[invalid]")))
        try FileManager.default.removeItem(atPath: project + "/generated/stray.manifest.json")
        let doc = project + "/docs-src/webapp-upgrade.md"
        try TestSupport.write(try #require(TestSupport.read(doc)).replacingOccurrences(of: "notes.service", with: "notes-web.service"), to: doc)
        #expect(try scratch.check().status == 1)
        #expect(try scratch.check(["--no-cache"]).status == 1)
    }

    /// After a check in sync, a check where only some procedure docs or their
    /// outputs changed compiles only those; what it finds is what a full check finds.
    @Test func aCheckAfterOneDocChangedFindsWhatAFullCheckFinds() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let project = scratch.project
        // A fragment, and a procedure that includes it.
        try TestSupport.write("Restart\n=======\n\n.. include:: restart-steps.rst\n", to: project + "/docs-src/restart.rst")
        try TestSupport.write("Stop it\n-------\n\n.. code-block:: bash\n\n   systemctl stop app\n", to: project + "/docs-src/restart-steps.rst")
        #expect(try TestSupport.runbook(["build"], in: project).status == 0)
        #expect(try scratch.check().stdout == "4 procedure(s) in sync\n")

        let doc = project + "/docs-src/webapp-upgrade.md"
        let text = try #require(TestSupport.read(doc))
        try TestSupport.write(text.replacingOccurrences(of: "sudo systemctl stop notes.service", with: "sudo systemctl stop notes-web.service"), to: doc)
        let drift = try scratch.check()
        #expect(drift.status == 1 && drift.stdout.contains("docs-src/webapp-upgrade.md:28: drift: [changed] webapp-upgrade step 'stop-the-service'"), "\(drift.stdout)")
        #expect(drift.stdout == (try scratch.check(["--no-cache"])).stdout, "the same report as a full check")
        #expect(try TestSupport.runbook(["build"], in: project).status == 0)
        #expect(try scratch.check().stdout == "4 procedure(s) in sync\n", "only that procedure compiled again, and the count is all of them")

        // Its playbook edited: found.
        let playbook = project + "/generated/webapp-upgrade.playbook.yml"
        let original = try #require(TestSupport.read(playbook))
        try TestSupport.write(original.replacingOccurrences(of: "max_fail_percentage: 0", with: "max_fail_percentage: 9"), to: playbook)
        #expect(try scratch.check().stdout.contains("webapp-upgrade.playbook.yml differs"))
        try TestSupport.write(original, to: playbook)
        #expect(try scratch.check().status == 0)

        // The fragment changed: the procedure that includes it drifts.
        #expect(try scratch.check().status == 0)
        try TestSupport.write("Stop it\n-------\n\n.. code-block:: bash\n\n   systemctl stop app-web\n", to: project + "/docs-src/restart-steps.rst")
        let fragment = try scratch.check()
        #expect(fragment.status == 1 && fragment.stdout.contains("restart"), "\(fragment.stdout)")
    }
}
