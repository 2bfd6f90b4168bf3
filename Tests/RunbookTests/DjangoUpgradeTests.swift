import Foundation
import Pipeline
import Testing

/// The Django application's update page (docs-src/django-update.rst) compiled and
/// run against a real instance: Fixtures/django-app/make-instance.sh builds a git
/// repository of a small Django application with three tagged releases, its
/// poetry environment with Django from PyPI, a PostgreSQL database (a throw-away
/// cluster), and supervisord serving it with gunicorn on loopback. The
/// application is a look-alike of biomaid, the real application of the page, as
/// demanding as it for the page's rollback (data-only backup, no restore command,
/// merged migrations, an added dependency); script/e2e-biomaid runs the same
/// script against biomaid itself, which CI cannot fetch.
@Suite(.serialized, .realSystemTier) struct DjangoUpgradeTests {
    struct Instance {
        let dir: String
        let port: Int
        let server: ThrowawayPostgres
        /// The instance's database user: `notes`, owner of the database and not a
        /// superuser; or `postgres`, as some instances are set up.
        var role = "notes"
        var app: String { dir + "/app" }
        var conf: String { dir + "/supervisord.conf" }
        var environment: [String: String] {
            server.environment(database: "notes").merging(["PGUSER": role]) { $1 }
        }

        static func make(role: String = "notes") throws -> Instance {
            let template = try Self.template.get()
            let server = try ThrowawayPostgres.start()
            if role != "postgres" { try server.sql("CREATE ROLE \(role) LOGIN") }
            try server.sql("CREATE DATABASE notes OWNER \(role)")
            let dir = try TestSupport.temporaryDirectory("django")
            try FileManager.default.removeItem(atPath: dir)
            let instance = Instance(dir: dir, port: try TestSupport.freePort(), server: server, role: role)
            let restored = try TestSupport.run(server.bin + "/pg_restore", ["--no-owner", "-d", "notes", template.dump], environment: instance.environment)
            guard restored.status == 0 else { throw TestFailure("pg_restore failed: \(restored.stderr)") }
            let copied = try TestSupport.run(fixtures + "/copy-instance.sh", [template.dir, dir, String(instance.port)], environment: instance.environment)
            guard copied.status == 0 else { throw TestFailure("copy-instance.sh failed: \(copied.stderr)") }
            return instance
        }

        static let fixtures = TestSupport.packageRoot + "/Tests/RunbookTests/Fixtures/django-app"

        /// Stops the supervisord of the instance in DIR and waits until it has gone:
        /// it still writes its logs and removes its pid file and socket after
        /// supervisorctl's answer, so a copy or a removal must come after that.
        /// The fixture scripts' own `stop_supervisor` (supervisor.sh): shut down, then wait for its pid file to go.
        static func stopSupervisor(in dir: String) {
            _ = try? TestSupport.run("bash", ["-c", "source \"$1\" && stop_supervisor \"$2\"", "stop",
                                              fixtures + "/supervisor.sh", dir + "/supervisord.conf"])
        }
        static let templateBase = NSTemporaryDirectory() + "runbook-test-django-template-\(getpid())"

        /// One instance built by make-instance.sh per test process, its service
        /// stopped and its database dumped: each test's instance is a copy.
        static let template = Result(catching: { () throws -> (dir: String, dump: String) in
            for tool in ["poetry", "supervisord", "git", "curl"] {
                guard try TestSupport.run("bash", ["-c", "command -v \(tool)"]).status == 0 else {
                    throw TestFailure("\(tool) is not installed: run script/setup")
                }
            }
            let server = try ThrowawayPostgres.start()
            defer { server.stop() }
            try server.sql("CREATE ROLE notes LOGIN")
            try server.sql("CREATE DATABASE notes OWNER notes")
            let base = templateBase
            try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
            // Removed as the test process ends: every test of the run copies it until then.
            atexit { try? FileManager.default.removeItem(atPath: DjangoUpgradeTests.Instance.templateBase) }
            let environment = server.environment(database: "notes").merging(["PGUSER": "notes"]) { $1 }
            let made = try TestSupport.run(fixtures + "/make-instance.sh", [base + "/instance", String(try TestSupport.freePort())], environment: environment)
            guard made.status == 0 else { throw TestFailure("make-instance.sh failed: \(made.stderr)") }
            // supervisord removes its pid file and socket as it ends: copy after that.
            stopSupervisor(in: base + "/instance")
            let dumped = try TestSupport.run(server.bin + "/pg_dump", ["-Fc", "-f", base + "/notes.dump"], environment: environment)
            guard dumped.status == 0 else { throw TestFailure("pg_dump failed: \(dumped.stderr)") }
            try TestSupport.write(base + "/instance\n", to: base + "/instance/.made-at")
            return (base + "/instance", base + "/notes.dump")
        })

        /// The script's options for an update to VERSION, as an operator gives them.
        func updateArguments(_ version: String, database: String = "notes") -> [String] {
            ["--yes", "--set", "INSTANCE_DIR=\(app)", "--set", "SUPERVISOR_CONF=\(conf)", "--set", "VERSION=\(version)",
             "--set", "DATABASE=\(database)", "--set", "INSTANCE_URL=http://127.0.0.1:\(port)/"]
        }

        /// The operator's environment for the script: the instance's database user, a home of its own.
        var runEnvironment: [String: String] {
            environment.merging(["RUNBOOK_STATE_DIR": dir + "/state", "HOME": dir]) { $1 }
        }

        func shutdown() {
            Self.stopSupervisor(in: dir)
            server.stop()
            try? FileManager.default.removeItem(atPath: dir)
        }

        /// What the running application answers: its release, a dependency's version, its notes.
        func answer() throws -> String {
            try TestSupport.run("curl", ["-fsS", "http://127.0.0.1:\(port)/"]).stdout
        }

        func shell(_ line: String) throws -> String {
            try TestSupport.run("bash", ["-c", line], in: app, environment: environment).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }

        /// All a failed update must give back: branch and commit, installed packages,
        /// the database (apart from sequence values), static files, the service and its answer.
        func fingerprint() throws -> String {
            let describe = """
            echo "== code"; git rev-parse --abbrev-ref HEAD; git rev-parse HEAD; git status --porcelain
            echo "== packages"; .venv/bin/pip freeze --all
            echo "== database"; pg_dump --no-owner | grep -v -E '^SELECT pg_catalog.setval|^-- Dumped|^\\\\(un)?restrict '
            echo "== static files"; (cd ../static-root && find . -type f -print0 | sort -z | xargs -0 sha256sum)
            echo "== service"; supervisorctl -c ../supervisord.conf status gunicorn | awk '{print $1, $2}'
            """
            return try shell(describe) + "\n== page\n" + answer()
        }
    }

    func update(_ instance: Instance, to version: String, script: String) throws -> (TestSupport.Result, Double) {
        let started = Date()
        let result = try TestSupport.run(script, instance.updateArguments(version), environment: instance.runEnvironment)
        return (result, Date().timeIntervalSince(started))
    }

    func compiled() throws -> (project: String, script: String) {
        let project = try TestSupport.scratchProject()
        let build = try TestSupport.runbook(["build"], in: project)
        guard build.status == 0 else { throw TestFailure(build.stderr) }
        return (project, project + "/generated/django-update.sh")
    }

    @Test func theUpdateChangesTheSchemaKeepsTheDataAndTheAppAnswersAgain() throws {
        let (project, script) = try compiled()
        defer { try? FileManager.default.removeItem(atPath: project) }
        let instance = try Instance.make()
        defer { instance.shutdown() }
        #expect(try instance.answer() == #"{"release": "1.0.0", "six": "1.16.0", "notes": [{"id": 1, "text": "first"}, {"id": 2, "text": "second"}]}"#)

        let (run, seconds) = try update(instance, to: "1.1.0", script: script)
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        print("django-update.sh 1.0.0 → 1.1.0: \(String(format: "%.1f", seconds)) s")
        #expect(try instance.answer() == #"{"release": "1.1.0", "six": "1.17.0", "notes": [{"id": 1, "text": "first", "pinned": false, "author": ""}, {"id": 2, "text": "second", "pinned": false, "author": ""}]}"#)
        #expect(try instance.shell("git describe --tags") == "1.1.0")
        #expect(try instance.shell("cat ../static-root/board/style.css") == "/* release 1.1.0 */")
        #expect(try instance.shell(".venv/bin/pip show tomli | head -1") == "Name: tomli", "the dependency 1.1.0 adds")
        #expect(try instance.shell("psql -X -tA -c \"SELECT name FROM django_migrations WHERE app = 'board' ORDER BY name\" | paste -sd,")
                == "0001_initial,0002_note_author,0002_note_pinned,0003_merge")
        #expect(try instance.shell("test -s backup.json.bz2 && echo taken") == "taken", "the backup the page asks for was taken")
        #expect(run.stdout.contains("skipped the block at docs-src/django-update.rst:139 (not when PREVIOUS_VERSION < 0.13)"), "\(run.stdout)")
    }

    @Test func aMigrationPostgreSQLRefusesRollsEverythingBack() throws {
        let (project, script) = try compiled()
        defer { try? FileManager.default.removeItem(atPath: project) }
        let instance = try Instance.make()
        defer { instance.shutdown() }
        let before = try instance.fingerprint()
        #expect(before.contains("CREATE TABLE public.board_note"), "\(before)")

        let (run, _) = try update(instance, to: "1.2.0", script: script)
        #expect(run.status == 3, "\(run.stdout)\n\(run.stderr)")
        #expect(run.stderr.contains("step lancer-les-migrations \"Lancer les migrations\" failed (docs-src/django-update.rst:183)"), "\(run.stderr)")
        #expect(run.stderr.contains("division by zero"), "\(run.stderr)")
        // Every done step was undone, by its own undo or (undone-by) an earlier one's; the
        // manual step and the fetch change nothing a rollback could put back (changes-nothing).
        #expect(run.stdout.contains("\nrolled back\n"), "\(run.stdout)")
        #expect(!run.stderr.contains("they remain as they are"), "\(run.stderr)")
        // Code, installed packages, database schema and rows, static files, the running app: all as before.
        let after = try instance.fingerprint()
        #expect(after == before, "\(UnifiedDiff.diff(before, after, oldName: "before", newName: "after"))")
    }

    /// When an undo fails, the rollback stops there, but the service the page
    /// stopped is started again (its undo is marked undo-always).
    @Test func aFailedRollbackStillStartsTheService() throws {
        let (project, script) = try compiled()
        defer { try? FileManager.default.removeItem(atPath: project) }
        let instance = try Instance.make()
        defer { instance.shutdown() }
        // Release 1.3.0: its migration deletes the database dump the rollback needs, then fails.
        let made = try instance.shell("""
        git checkout -q 1.1.0 && cat > board/migrations/0004_lose_the_dump.py <<'PY'
        import glob, os
        from django.db import migrations


        def lose(apps, schema_editor):
            for path in glob.glob(os.path.expanduser("~/*.dump")):
                os.remove(path)
            raise RuntimeError("the dump is gone")


        class Migration(migrations.Migration):
            dependencies = [("board", "0003_merge")]
            operations = [migrations.RunPython(lose)]
        PY
        git add -A && git commit -q -m 1.3.0 && git tag 1.3.0 && git checkout -q stable && echo made
        """)
        #expect(made == "made")
        let (run, _) = try update(instance, to: "1.3.0", script: script)
        #expect(run.status == 4, "\(run.stdout)\n\(run.stderr)")
        #expect(run.stderr.contains("undo actions that remain, newest first:\n  faire-une-sauvegarde-des-donnees"), "\(run.stderr)")
        #expect(run.stdout.contains("  undo arreter-l-instance"), "\(run.stdout)")
        #expect(try TestSupport.run("supervisorctl", ["-c", instance.conf, "status", "gunicorn"]).stdout.contains("RUNNING"))
        #expect(try instance.answer().contains(#""release": "1.0.0""#), "the code was put back before the undo that failed")
    }

    /// The page renders as the seed with the text proposed to its authors
    /// (django-update.proposed.rst: three passages added, nothing else changed).
    @Test func theAnnotatedPageRendersLikeTheOriginal() throws {
        let seeds = TestSupport.packageRoot + "/Tests/RunbookTests/Fixtures/seeds/"
        let result = try TestSupport.run("python3", [TestSupport.packageRoot + "/script/rendered_html_equal.py",
                                                     seeds + "django-update.proposed.rst", TestSupport.packageRoot + "/docs-src/django-update.rst"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let changes = try TestSupport.run("diff", [seeds + "django-update.rst", seeds + "django-update.proposed.rst"]).stdout
            .split(separator: "\n").filter { !$0.hasPrefix("> ") && !$0.hasPrefix("---") && $0.first?.isNumber != true }
        #expect(changes.isEmpty, "the proposal only adds text: \(changes)")
        #expect(try TestSupport.run("diff", [seeds + "django-update.rst", seeds + "django-update.proposed.rst"]).stdout
                    .split(separator: "\n").filter { $0.first?.isNumber == true }.allSatisfy { $0.contains("a") })
        let emaj = try TestSupport.run("python3", [TestSupport.packageRoot + "/script/rendered_html_equal.py",
                                                   TestSupport.packageRoot + "/Tests/RunbookTests/Fixtures/seeds/emaj-upgrade.rst",
                                                   TestSupport.packageRoot + "/docs-src/emaj-upgrade.rst"])
        #expect(emaj.status == 0, "\(emaj.stdout)\(emaj.stderr)")
    }

    @Test func poetryShellBecomesACheckAndTheLaterCommandsRunInTheEnvironment() throws {
        let result = try TestSupport.runbook(["plan", "docs-src/django-update.rst"], in: TestSupport.packageRoot)
        #expect(result.status == 0)
        #expect(result.stderr.contains("docs-src/django-update.rst:66:5: note: 'poetry shell' opens an interactive subshell"), "\(result.stderr)")
        #expect(result.stdout.contains("$ [bash] poetry env info --path -> POETRY_ENV  (line 66)"))
        #expect(result.stdout.contains("$ [bash in poetry] python manage.py migrate  (line 190)"))
        #expect(result.stdout.contains("$ [bash] supervisorctl -c \"$SUPERVISOR_CONF\" stop \"$SUPERVISOR_PROGRAM\"  (line 56)"), "before poetry shell: not in the environment")
    }
}
