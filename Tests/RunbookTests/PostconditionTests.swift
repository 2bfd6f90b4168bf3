import Foundation
import Testing

/// `verify=` (a postcondition: a failing check is a failed step, which rolls
/// back; `verify-for=` retries it through a service's boot) and `done-when=` /
/// `creates=` (a step already at its target is skipped, unchanged, and a
/// rerun at the target changes nothing and keeps the last run to undo).
@Suite struct PostconditionTests {
    static func doc(verify: String) -> String {
        """
        # P

        ## Create a

        <!-- runbook: undo="rm \\"$OUT/a\\"" -->
        ```sh
        touch "$OUT/a"
        ```

        ## Start the service

        <!-- runbook: \(verify) -->
        ```bash
        (sleep 1; touch "$OUT/ready") >/dev/null 2>&1 &
        ```
        """
    }

    @Test func aFailingCheckIsAFailedStepAndRollsBack() throws {
        let (project, script, env) = try TestSupport.buildProcedure(Self.doc(verify: #"verify="test -f \"$OUT/ready\"""#))
        defer { try? FileManager.default.removeItem(atPath: project) }
        let run = try TestSupport.run(script, ["--yes"], environment: env)
        #expect(run.status == 3, "\(run.stdout)\(run.stderr)")
        #expect(run.stderr.contains("failed: the step did not reach its target"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: project + "/a"), "rolled back")
    }

    @Test func aCheckRetriedThroughTheBootTimePasses() throws {
        let (project, script, env) = try TestSupport.buildProcedure(Self.doc(verify: #"verify="test -f \"$OUT/ready\"" verify-for=10"#))
        defer { try? FileManager.default.removeItem(atPath: project) }
        let run = try TestSupport.run(script, ["--yes"], environment: env)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: project + "/a"))
        let dry = try TestSupport.run(script, ["--dry-run"], environment: env)
        #expect(dry.stdout.contains("then checks [bash]") && dry.stdout.contains("(for up to 10 s)"), "\(dry.stdout)")
    }

    static let idempotent = """
    # P

    ## Install

    <!-- runbook: creates="$OUT/installed" undo="rm \\"$OUT/installed\\"" -->
    ```bash
    touch "$OUT/installed"; echo ran >> "$OUT/count"
    ```

    ## Configure

    <!-- runbook: done-when="grep -q new \\"$OUT/conf\\"" undo="echo old > \\"$OUT/conf\\"" -->
    ```bash
    echo new > "$OUT/conf"; echo ran >> "$OUT/count"
    ```
    """

    @Test func aRerunAtTheTargetChangesNothingAndKeepsTheRunToUndo() throws {
        let (project, script, env) = try TestSupport.buildProcedure(Self.idempotent)
        defer { try? FileManager.default.removeItem(atPath: project) }
        try TestSupport.write("old\n", to: project + "/conf")
        let first = try TestSupport.run(script, ["--yes"], environment: env)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(TestSupport.read(project + "/count") == "ran\nran\n")
        let again = try TestSupport.run(script, ["--yes", "--report", project + "/report.json"], environment: env)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("unchanged (already done: its done-when holds)"), "\(again.stdout)")
        #expect(again.stdout.contains("done, nothing changed"), "\(again.stdout)")
        #expect(TestSupport.read(project + "/count") == "ran\nran\n", "the steps ran again")
        #expect(TestSupport.read(project + "/report.json")?.contains("\"unchanged\"") == true, "\(TestSupport.read(project + "/report.json") ?? "")")
        // The rerun changed nothing: the first run is still the one to undo.
        let undo = try TestSupport.run(script, ["--yes", "--undo-last-run"], environment: env)
        #expect(undo.status == 0, "\(undo.stderr)")
        #expect(!FileManager.default.fileExists(atPath: project + "/installed"))
        #expect(TestSupport.read(project + "/conf") == "old\n")
    }

    @Test func planShowsTheChecks() throws {
        let (project, _, _) = try TestSupport.buildProcedure(Self.idempotent)
        defer { try? FileManager.default.removeItem(atPath: project) }
        let plan = try TestSupport.runbook(["plan", "docs-src/proc.md"], in: project)
        #expect(plan.stdout.contains("skipped, unchanged, when [bash] test -e \"$OUT/installed\" succeeds"), "\(plan.stdout)")
    }
}
