import Foundation
import Testing

/// The Django application's update page (docs-src/django-update.rst) compiled and
/// run against a real instance: Fixtures/django-app/make-instance.sh builds a git
/// repository of a small Django application with three tagged releases, its
/// poetry environment with Django from PyPI, an SQLite database, and supervisord
/// serving it with gunicorn on loopback. Nothing here is a stand-in.
@Suite(.serialized) struct DjangoUpgradeTests {
    struct Instance {
        let dir: String
        let port: Int
        var app: String { dir + "/app" }
        var conf: String { dir + "/supervisord.conf" }

        static func make() throws -> Instance {
            for tool in ["poetry", "supervisord", "git", "curl", "sqlite3"] {
                guard try TestSupport.run("bash", ["-c", "command -v \(tool)"]).status == 0 else {
                    throw TestFailure("\(tool) is not installed: run script/setup")
                }
            }
            let dir = try TestSupport.temporaryDirectory("django")
            let port = Int.random(in: 20000..<40000)
            let made = try TestSupport.run(TestSupport.packageRoot + "/Tests/RunbookTests/Fixtures/django-app/make-instance.sh", [dir, String(port)])
            guard made.status == 0 else { throw TestFailure("make-instance.sh failed: \(made.stderr)") }
            return Instance(dir: dir, port: port)
        }

        func shutdown() {
            _ = try? TestSupport.run("supervisorctl", ["-c", conf, "shutdown"])
            try? FileManager.default.removeItem(atPath: dir)
        }

        /// What the running application answers: its release, a dependency's version, its notes.
        func answer() throws -> String {
            try TestSupport.run("curl", ["-fsS", "http://127.0.0.1:\(port)/"]).stdout
        }

        func shell(_ line: String) throws -> String {
            try TestSupport.run("bash", ["-c", line], in: app).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    func update(_ instance: Instance, to version: String, script: String) throws -> (TestSupport.Result, Double) {
        let started = Date()
        let result = try TestSupport.run(script, ["--yes", "--set", "INSTANCE_DIR=\(instance.app)", "--set", "SUPERVISOR_CONF=\(instance.conf)",
                                                  "--set", "VERSION=\(version)"],
                                         environment: ["RUNBOOK_STATE_DIR": instance.dir + "/state"])
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
        #expect(try instance.answer() == #"{"release": "1.1.0", "six": "1.17.0", "notes": [{"id": 1, "text": "first", "pinned": false}, {"id": 2, "text": "second", "pinned": false}]}"#)
        #expect(try instance.shell("git describe --tags") == "1.1.0")
        #expect(try instance.shell("cat static-root/board/style.css") == "/* release 1.1.0 */")
        #expect(try instance.shell("ls backups | wc -l") == "1", "the backup the page asks for was taken")
        #expect(run.stdout.contains("skipped the block at docs-src/django-update.rst:70 (not when PREVIOUS_VERSION < 0.13)"))
    }

    @Test func aFailingMigrationRollsEverythingBack() throws {
        let (project, script) = try compiled()
        defer { try? FileManager.default.removeItem(atPath: project) }
        let instance = try Instance.make()
        defer { instance.shutdown() }
        let before = try instance.answer()
        let migrationsBefore = try instance.shell("sqlite3 db.sqlite3 'SELECT name FROM django_migrations WHERE app = \"board\" ORDER BY id'")

        let (run, _) = try update(instance, to: "1.2.0", script: script)
        #expect(run.status == 3, "\(run.stdout)\n\(run.stderr)")
        #expect(run.stderr.contains("step lancer-les-migrations \"Lancer les migrations\" failed (docs-src/django-update.rst:110)"), "\(run.stderr)")
        #expect(run.stderr.contains("this release's data migration fails on purpose"))
        #expect(run.stdout.contains("rolled back"), "\(run.stdout)")
        // Code, dependencies, static files, database rows and schema, and the running app: all as before.
        #expect(try instance.answer() == before)
        #expect(try instance.shell("git describe --tags") == "1.0.0")
        #expect(try instance.shell("cat static-root/board/style.css") == "/* release 1.0.0 */")
        #expect(try instance.shell("sqlite3 db.sqlite3 'SELECT name FROM django_migrations WHERE app = \"board\" ORDER BY id'") == migrationsBefore)
        #expect(try instance.shell("sqlite3 db.sqlite3 'PRAGMA table_info(board_note)' | cut -d'|' -f2 | paste -sd,") == "id,text")
        #expect(try TestSupport.run("supervisorctl", ["-c", instance.conf, "status", "gunicorn"]).stdout.contains("RUNNING"))
    }

    @Test func theAnnotatedPageRendersLikeTheOriginal() throws {
        let result = try TestSupport.run("python3", [TestSupport.packageRoot + "/script/rendered_html_equal.py",
                                                     TestSupport.packageRoot + "/Tests/RunbookTests/Fixtures/seeds/django-update.rst",
                                                     TestSupport.packageRoot + "/docs-src/django-update.rst"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let emaj = try TestSupport.run("python3", [TestSupport.packageRoot + "/script/rendered_html_equal.py",
                                                   TestSupport.packageRoot + "/Tests/RunbookTests/Fixtures/seeds/emaj-upgrade.rst",
                                                   TestSupport.packageRoot + "/docs-src/emaj-upgrade.rst"])
        #expect(emaj.status == 0, "\(emaj.stdout)\(emaj.stderr)")
    }

    @Test func poetryShellBecomesACheckAndTheLaterCommandsRunInTheEnvironment() throws {
        let result = try TestSupport.runbook(["plan", "docs-src/django-update.rst"], in: TestSupport.packageRoot)
        #expect(result.status == 0)
        #expect(result.stderr.contains("docs-src/django-update.rst:38:5: note: 'poetry shell' opens an interactive subshell"), "\(result.stderr)")
        #expect(result.stdout.contains("$ [bash] poetry env info --path  (line 38)"))
        #expect(result.stdout.contains("$ [bash in poetry] python manage.py migrate  (line 115)"))
        #expect(result.stdout.contains("$ [bash] supervisorctl -c \"$SUPERVISOR_CONF\" stop \"$SUPERVISOR_PROGRAM\"  (line 30)"), "before poetry shell: not in the environment")
    }
}
