import Foundation
import Pipeline
import Testing

/// The Django update page's rollback where real instances broke it (issue 31),
/// on the look-alike of DjangoUpgradeTests; script/e2e-biomaid runs the same
/// scenarios against biomaid itself. Each ends with its documented exit code
/// and the instance exactly as before: code, installed packages, database,
/// static files, the service and what it answers.
@Suite(.serialized, .realSystemTier) struct DjangoRollbackTests {
    typealias Instance = DjangoUpgradeTests.Instance
    static let interrupt = TestSupport.packageRoot + "/Tests/RunbookTests/Fixtures/django-app/interrupt.py"

    func compiled() throws -> (project: String, script: String) {
        let project = try TestSupport.scratchProject()
        let build = try TestSupport.runbook(["build"], in: project)
        guard build.status == 0 else { throw TestFailure(build.stderr) }
        return (project, project + "/generated/django-update.sh")
    }

    func expectSame(_ instance: Instance, _ before: String, _ context: String) throws {
        let after = try instance.fingerprint()
        #expect(after == before, "\(context)\n\(UnifiedDiff.diff(before, after, oldName: "before", newName: "after"))")
    }

    /// `poetry install` is the longest step, so the likeliest to be cut short:
    /// stopped mid-write, the environment is put back from the copy taken before
    /// it (re-solving it could not uninstall half-written packages).
    @Test(arguments: ["term", "ctrl-c", "hangup"])
    func cutShortDuringTheDependencyInstall(how: String) throws {
        let (project, script) = try compiled()
        defer { try? FileManager.default.removeItem(atPath: project) }
        let instance = try Instance.make()
        defer { instance.shutdown() }
        let before = try instance.fingerprint()
        let output = instance.dir + "/run.out"
        let started = Date()
        let driven = try TestSupport.run("python3", [Self.interrupt, how, "poetry install", instance.app, "0.5", output, "--", script]
                                         + instance.updateArguments("1.1.0"), environment: instance.runEnvironment)
        let seconds = Date().timeIntervalSince(started)
        let printed = TestSupport.read(output) ?? ""
        #expect(driven.stdout.contains("EXIT 130"), "\(driven.stdout)\(driven.stderr)\n\(printed)")
        if how != "hangup" { #expect(printed.contains("rolled back") && !printed.contains("partly"), "\(printed)") }
        try expectSame(instance, before, printed)
        let copies = try instance.shell("ls -d .venv.before-update 2>/dev/null || true")
        #expect(copies.isEmpty, "the copy of the environment went back into place")
        print("django-update.sh cut short (\(how)) during poetry install, rolled back: \(String(format: "%.1f", seconds)) s")
    }

    /// supervisorctl calls the service started, and it runs, but its page
    /// fails (a module the release forgot, imported when a request comes; on
    /// the real biomaid, script/e2e-biomaid breaks the WSGI module itself, which
    /// here would make the worker die within startsecs on a fast machine and
    /// `start` fail instead). The page's check that the instance answers
    /// catches it. The release is published after the instance was cloned: the
    /// fetch step gets it.
    @Test func aReleaseThatCannotServeRollsBack() throws {
        let (project, script) = try compiled()
        defer { try? FileManager.default.removeItem(atPath: project) }
        let instance = try Instance.make()
        defer { instance.shutdown() }
        let published = try TestSupport.run("bash", ["-c", """
            set -e
            cd ../upstream
            git checkout -q 1.1.0
            printf '\\n\\ndef index(request):\\n    import a_module_this_release_forgot  # noqa: F401\\n' >> board/views.py
            git commit -q -am 1.4.0 && git tag 1.4.0 && echo published
            """], in: instance.app)
        #expect(published.stdout.contains("published"), "\(published.stderr)")
        let before = try instance.fingerprint()
        let started = Date()
        let run = try TestSupport.run(script, instance.updateArguments("1.4.0"), environment: instance.runEnvironment)
        print("django-update.sh to a release that cannot serve, rolled back: \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
        #expect(run.status == 3, "\(run.stdout)\n\(run.stderr)")
        #expect(run.stderr.contains("step relancer-l-instance \"Relancer l'instance\" failed"), "\(run.stderr)")
        #expect(run.stderr.contains("failed (retried for 30 s): the step did not reach its target"), "\(run.stderr)")
        #expect(run.stdout.contains("\nrolled back\n"), "manual steps that change nothing leave a clean rollback: \(run.stdout)")
        try expectSame(instance, before, run.stdout + run.stderr)
    }

    /// `DROP OWNED BY CURRENT_USER` cannot run as postgres; the restore drops
    /// the schema's tables whoever owns them.
    @Test func anInstanceConnectingAsPostgresComesBack() throws {
        let (project, script) = try compiled()
        defer { try? FileManager.default.removeItem(atPath: project) }
        let instance = try Instance.make(role: "postgres")
        defer { instance.shutdown() }
        let before = try instance.fingerprint()
        let run = try TestSupport.run(script, instance.updateArguments("1.2.0"), environment: instance.runEnvironment)
        #expect(run.status == 3, "\(run.stdout)\n\(run.stderr)")
        #expect(run.stderr.contains("division by zero"), "\(run.stderr)")
        #expect(run.stdout.contains("\nrolled back\n"), "\(run.stdout)")
        try expectSame(instance, before, run.stdout + run.stderr)
    }

    /// A session left in a transaction (a cron job, a killed client's backend)
    /// holds a lock the restore needs: the restore waits 20 s, names it, ends it
    /// and restores, instead of waiting without end.
    @Test func aTransactionLeftOpenDoesNotBlockTheRollback() throws {
        let (project, script) = try compiled()
        defer { try? FileManager.default.removeItem(atPath: project) }
        let instance = try Instance.make()
        defer { instance.shutdown() }
        let before = try instance.fingerprint()
        // Opened once the update has begun, on a table its migrations leave alone.
        let holder = try TestSupport.launch("bash", ["-c", """
            until grep -q 'Faire une sauvegarde' "$1" 2>/dev/null; do sleep 0.1; done
            { printf 'BEGIN;\\nSELECT count(*) FROM django_content_type;\\n'; sleep 613; } | psql -X -q -o /dev/null
            """, "holder", instance.dir + "/progress"], environment: instance.environment.merging(["PGAPPNAME": "forgotten-job"]) { $1 })
        defer {
            holder.terminate()
            _ = try? TestSupport.run("pkill", ["-f", "sleep 613"])
        }
        let run = try TestSupport.run("bash", ["-c", "set -o pipefail; \"$0\" \"$@\" | tee \"\(instance.dir)/progress\"", script] + instance.updateArguments("1.2.0"),
                                      environment: instance.runEnvironment)
        #expect(run.status == 3, "\(run.stdout)\n\(run.stderr)")
        #expect(run.stdout.contains("\nrolled back\n"), "\(run.stdout)")
        let log = try #require(try FileManager.default.contentsOfDirectory(atPath: instance.dir + "/state").first { $0.hasSuffix(".log") })
        let logged = TestSupport.read(instance.dir + "/state/" + log) ?? ""
        #expect(logged.contains("canceling statement due to lock timeout"), "\(logged)")
        #expect(logged.contains("forgotten-job idle in transaction"), "the blocking session is named: \(logged)")
        try expectSame(instance, before, run.stdout + run.stderr)
    }

    /// The preflight checks what the steps and undo need before anything
    /// changes: here, a supervisor that cannot be reached.
    @Test func aSupervisorOutOfReachIsRefusedBeforeAnythingChanges() throws {
        let (project, script) = try compiled()
        defer { try? FileManager.default.removeItem(atPath: project) }
        let instance = try Instance.make()
        defer { instance.shutdown() }
        let before = try instance.fingerprint()
        let elsewhere = instance.dir + "/elsewhere.conf"
        try TestSupport.write("[supervisorctl]\nserverurl=unix://\(instance.dir)/no-such.sock\n", to: elsewhere)
        var arguments = instance.updateArguments("1.1.0")
        arguments[arguments.firstIndex(of: "SUPERVISOR_CONF=\(instance.conf)")!] = "SUPERVISOR_CONF=\(elsewhere)"
        let run = try TestSupport.run(script, arguments, environment: instance.runEnvironment)
        #expect(run.status == 2, "\(run.stdout)\n\(run.stderr)")
        #expect(run.stderr.contains("preflight failed, nothing was changed:\n  the check at docs-src/django-update.rst:"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: instance.dir + "/state/django-update.journal"))
        try expectSame(instance, before, run.stdout + run.stderr)
    }
}
