import Foundation
import Testing

/// `--undo-last-run`: a run that finished can be reversed later (a fleet
/// rolling back hosts it already upgraded), newest step first, each undo in
/// its step's state, files put back byte for byte; once only, and never over
/// an unfinished run.
@Suite struct UndoLastRunTests {
    static let doc = """
        # Release

        <!-- runbook: param=DIR placeholder="<dir>" -->

        ## Configure

        <!-- runbook: write=<dir>/app.conf -->
        ```
        version = 2
        ```

        ## Deploy

        <!-- runbook: undo="rm -f deployed" -->
        ```console
        $ mkdir -p "$OUT/site" && cd "$OUT/site"
        $ touch deployed
        ```

        ## Announce

        ```console
        $ echo announced >> "$OUT/announcements"
        ```

        """

    @Test func aFinishedRunIsUndoneOnceNewestFirstWithItsFilesAndFolders() throws {
        let (project, script, built) = try TestSupport.buildProcedure(Self.doc)
        defer { try? FileManager.default.removeItem(atPath: project) }
        let env = built.merging(["RUNBOOK_DIR": project]) { $1 }
        try TestSupport.write("version = 1\n", to: project + "/app.conf")
        let none = try TestSupport.run(script, ["--undo-last-run"], environment: env)
        #expect(none.status == 2 && none.stderr.contains("no finished run to undo"), "\(none.stderr)")

        let run = try TestSupport.run(script, ["--yes"], environment: env)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(TestSupport.read(project + "/app.conf") == "version = 2\n")
        #expect(FileManager.default.fileExists(atPath: project + "/site/deployed"))

        let plan = try TestSupport.run(script, ["--undo-last-run", "--dry-run"], environment: env)
        #expect(plan.stdout.contains("undo deploy") && plan.stdout.contains("undo configure") && plan.stdout.contains("announce has no undo"), "\(plan.stdout)")
        #expect(TestSupport.read(project + "/app.conf") == "version = 2\n", "a dry run changes nothing")

        let undo = try TestSupport.run(script, ["--undo-last-run"], environment: env)
        #expect(undo.status == 0, "\(undo.stdout)\(undo.stderr)")
        #expect(TestSupport.read(project + "/app.conf") == "version = 1\n", "the file as it was")
        #expect(!FileManager.default.fileExists(atPath: project + "/site/deployed"), "undone in site/, where its step ended")
        #expect(undo.stderr.contains("announce"), "a step with no undo is named: \(undo.stderr)")
        let again = try TestSupport.run(script, ["--undo-last-run"], environment: env)
        #expect(again.status == 2 && again.stderr.contains("no finished run to undo"), "once only: \(again.stderr)")
    }

    /// The copy of a replaced file (here holding a password) lives only as long
    /// as the last run can be undone: --forget-last-run ends that window, and so
    /// does RUNBOOK_UNDO_DAYS (default 7) after the run finished.
    @Test func theUndoWindowEndsAndTakesTheFileCopiesWithIt() throws {
        let (project, script, built) = try TestSupport.buildProcedure(Self.doc)
        defer { try? FileManager.default.removeItem(atPath: project) }
        let env = built.merging(["RUNBOOK_DIR": project]) { $1 }
        func copies() -> [String] {
            (FileManager.default.enumerator(atPath: project + "/state")?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".orig") }
        }
        for ending in ["--forget-last-run", "RUNBOOK_UNDO_DAYS"] {
            try TestSupport.write("version = 1\npassword = hunter2-\(ending)\n", to: project + "/app.conf")
            let run = try TestSupport.run(script, ["--yes"], environment: env)
            #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
            #expect(copies().count == 1, "the replaced file is kept for --undo-last-run: \(copies())")
            let ended: TestSupport.Result
            if ending == "--forget-last-run" {
                ended = try TestSupport.run(script, ["--forget-last-run"], environment: env)
            } else {
                // Within the window nothing goes; past it, the next start removes them.
                let within = try TestSupport.run(script, ["--undo-last-run", "--dry-run"], environment: env.merging(["RUNBOOK_UNDO_DAYS": "1"]) { $1 })
                #expect(within.stdout.contains("undo configure") && copies().count == 1, "\(within.stdout)")
                let journal = project + "/state/proc.last-run.journal"
                try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -2 * 86_400)], ofItemAtPath: journal)
                ended = try TestSupport.run(script, ["--undo-last-run"], environment: env.merging(["RUNBOOK_UNDO_DAYS": "1"]) { $1 })
                #expect(ended.status == 2 && ended.stderr.contains("no finished run to undo"), "\(ended.stderr)")
            }
            #expect(ended.stderr.contains("the last run can no longer be undone") && ended.stderr.contains("1 file copies were removed"), "\(ending): \(ended.stderr)")
            #expect(copies().isEmpty, "\(ending): \(copies())")
            let state = (FileManager.default.enumerator(atPath: project + "/state")?.allObjects as? [String] ?? [])
                .compactMap { TestSupport.read(project + "/state/" + $0) }.joined()
            #expect(!state.contains("hunter2"), "\(ending): a copy of the password stays in the state folder")
        }
        let bad = try TestSupport.run(script, ["--yes"], environment: env.merging(["RUNBOOK_UNDO_DAYS": "a week"]) { $1 })
        #expect(bad.status == 1 && bad.stderr.contains("RUNBOOK_UNDO_DAYS must be a number of days"), "\(bad.stderr)")
    }

    @Test func aNewRunReplacesTheLastAndAnUnfinishedRunComesFirst() throws {
        let (project, script, built) = try TestSupport.buildProcedure(Self.doc)
        defer { try? FileManager.default.removeItem(atPath: project) }
        let env = built.merging(["RUNBOOK_DIR": project]) { $1 }
        try TestSupport.write("version = 1\n", to: project + "/app.conf")
        #expect(try TestSupport.run(script, ["--yes"], environment: env).status == 0)
        let faulty = env.merging(["RUNBOOK_FAULT_INJECTION": "disposable-world"]) { $1 }
        let killed = try TestSupport.run(script, ["--yes", "--inject-fault", "kill:deploy"], environment: faulty)
        #expect(killed.status == 9)
        let refused = try TestSupport.run(script, ["--undo-last-run"], environment: env)
        #expect(refused.status == 2 && refused.stderr.contains("--resume or --rollback first"), "\(refused.stderr)")
        // Rolled back, the killed run left the world as the first run did: that one is the last run again.
        #expect(try TestSupport.run(script, ["--rollback"], environment: env).status == 0)
        #expect(TestSupport.read(project + "/app.conf") == "version = 2\n", "the rollback of the killed run put back what it found")
        let first = try TestSupport.run(script, ["--undo-last-run"], environment: env)
        #expect(first.status == 0, "\(first.stdout)\(first.stderr)")
        #expect(TestSupport.read(project + "/app.conf") == "version = 1\n", "the first run undone, its file as it was")
    }

    /// A fleet reruns a release on hosts already at it: that run changes
    /// nothing, and the release run stays the one --undo-last-run reverses.
    @Test func aRunThatChangesNothingLeavesTheLastRunToUndo() throws {
        let doc = """
            # Release

            <!-- runbook: param=DIR placeholder="<dir>" -->

            ## Read the installed version

            <!-- runbook: capture=INSTALLED -->
            ```sh
            cat <dir>/version
            ```

            ## Install version 2

            <!-- runbook: when="INSTALLED != 2" undo="echo 1 > <dir>/version" -->
            ```console
            $ echo 2 > <dir>/version
            ```

            """
        let (project, script, built) = try TestSupport.buildProcedure(doc)
        defer { try? FileManager.default.removeItem(atPath: project) }
        let env = built.merging(["RUNBOOK_DIR": project]) { $1 }
        try TestSupport.write("1\n", to: project + "/version")
        #expect(try TestSupport.run(script, ["--yes"], environment: env).status == 0)
        let rerun = try TestSupport.run(script, ["--yes"], environment: env)
        #expect(rerun.status == 0 && rerun.stdout.contains("nothing changed"), "\(rerun.stdout)")
        let undo = try TestSupport.run(script, ["--undo-last-run"], environment: env)
        #expect(undo.status == 0, "\(undo.stdout)\(undo.stderr)")
        #expect(TestSupport.read(project + "/version") == "1\n", "the release run undone, not the rerun")
    }
}
