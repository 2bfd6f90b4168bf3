import Foundation
import Testing

/// `--report FILE`: how a run ended, as JSON, whatever way it ends. The fleet
/// playbook reads it back from every host.
@Suite struct RunReportTests {
    static let doc = """
        # Release "quoted" \\ back

        <!-- runbook: param=DIR placeholder="<dir>" -->

        ## Deploy

        <!-- runbook: undo="rm -f <dir>/deployed" -->
        ```console
        $ touch <dir>/deployed
        ```

        ## Stamp

        ```console
        $ echo stamped >> <dir>/stamps
        ```

        ## Migrate

        <!-- runbook: undo="rm -f <dir>/migrated" -->
        ```console
        $ touch <dir>/migrated
        $ test ! -e <dir>/broken
        ```

        """

    func report(_ path: String) throws -> [String: Any] {
        let data = try #require(FileManager.default.contents(atPath: path), "no report at \(path)")
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func eachWayARunEndsIsReported() throws {
        let (project, script, built) = try TestSupport.buildProcedure(Self.doc)
        defer { try? FileManager.default.removeItem(atPath: project) }
        let env = built.merging(["RUNBOOK_DIR": project]) { $1 }
        let file = project + "/report.json"

        let refused = try TestSupport.run(script, ["--report", file, "--yes"], environment: built)
        #expect(refused.status == 2)
        var r = try report(file)
        #expect(r["outcome"] as? String == "refused" && (r["message"] as? String ?? "").contains("missing parameter DIR"), "\(r)")

        try TestSupport.write("", to: project + "/broken")
        let failed = try TestSupport.run(script, ["--report", file, "--yes"], environment: env)
        #expect(failed.status == 3)
        r = try report(file)
        #expect(r["outcome"] as? String == "partly-rolled-back", "stamp has no undo: \(r)")
        let step = try #require(r["step"] as? [String: Any])
        #expect(step["id"] as? String == "migrate" && (step["location"] as? String ?? "").hasSuffix("proc.md:18"), "\(step)")
        #expect((r["kept"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["stamp"])
        #expect(r["title"] == nil && r["procedure"] as? String == "proc")
        #expect(FileManager.default.fileExists(atPath: r["log"] as? String ?? "/nonexistent"))

        try FileManager.default.removeItem(atPath: project + "/broken")
        #expect(try TestSupport.run(script, ["--report", file, "--yes"], environment: env).status == 0)
        #expect(try report(file)["outcome"] as? String == "changed")
        #expect(try TestSupport.run(script, ["--report", file, "--dry-run"], environment: env).status == 0)
        #expect(try report(file)["outcome"] as? String == "dry-run")
        #expect(try TestSupport.run(script, ["--report", file, "--undo-last-run"], environment: env).status == 0)
        #expect(try report(file)["outcome"] as? String == "undone")
        #expect(!FileManager.default.fileExists(atPath: file + ".tmp"), "written through a file beside it")
    }

    @Test func aFailedRollbackNamesWhatRemains() throws {
        let doc = """
            # Release

            <!-- runbook: param=DIR placeholder="<dir>" -->

            ## One

            <!-- runbook: undo="rm <dir>/one" -->
            ```console
            $ touch <dir>/one
            ```

            ## Two

            <!-- runbook: undo="false" -->
            ```console
            $ touch <dir>/two
            ```

            ## Three

            ```console
            $ false
            ```

            """
        let (project, script, built) = try TestSupport.buildProcedure(doc)
        defer { try? FileManager.default.removeItem(atPath: project) }
        let file = project + "/out/r.json"
        try FileManager.default.createDirectory(atPath: project + "/out", withIntermediateDirectories: true)
        let run = try TestSupport.run(script, ["--report", file, "--yes"], environment: built.merging(["RUNBOOK_DIR": project]) { $1 })
        #expect(run.status == 4)
        let r = try report(file)
        #expect(r["outcome"] as? String == "rollback-failed", "\(r)")
        #expect((r["remaining"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["two", "one"], "\(r)")
        #expect((r["journal"] as? String ?? "").hasSuffix("proc.journal"))
        #expect((r["step"] as? [String: Any])?["id"] as? String == "three")
    }
}
