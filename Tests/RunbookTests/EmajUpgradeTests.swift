import Foundation
import Testing

/// The E-Maj upgrade page (docs-src/emaj-upgrade.rst) compiled and run against a
/// real PostgreSQL. E-Maj itself is not packaged here, so the test installs a
/// small extension of its own shaped like it: the same schema and tables
/// (`emaj_param` holding `emaj_version`, `emaj_group_def`), a script-installed
/// form for the old versions, and extension versions 2.0.0 → 2.1.0 → 2.2.0.
/// Writing the extension's files needs root (PostgreSQL 15 reads extensions
/// only from its share directory).
@Suite(.serialized, .realSystemTier) struct EmajUpgradeTests {
    static let chain = [("0.11.0", "0.11.1"), ("0.11.1", "1.0.0"), ("1.0.0", "1.0.1"), ("1.0.1", "1.0.2"),
                        ("1.0.2", "1.1.0"), ("1.1.0", "1.2.0"), ("1.2.0", "1.3.0"), ("1.3.0", "1.3.1")]

    static let tables = """
        CREATE TABLE emaj.emaj_param (param_key text PRIMARY KEY, param_value_text text);
        CREATE TABLE emaj.emaj_group_def (grpdef_group text, grpdef_schema text, grpdef_tblseq text,
          PRIMARY KEY (grpdef_group, grpdef_schema, grpdef_tblseq));
        """

    /// Old, script-installed E-Maj: `install.sql` (version from the psql variable), `uninstall.sql`,
    /// and the upgrade scripts of the page's table, one transaction each, printing the page's message.
    static func distribution(at dir: String, failing: String? = nil, silent: String? = nil) throws {
        try TestSupport.write("CREATE SCHEMA emaj;\n" + tables + "\nINSERT INTO emaj.emaj_param VALUES ('emaj_version', :'version');\n",
                              to: dir + "/sql/install.sql")
        try TestSupport.write("DROP SCHEMA emaj CASCADE;\n", to: dir + "/sql/uninstall.sql")
        for (from, to) in chain {
            let name = "emaj-\(from)-to-\(to).sql"
            var body = """
                BEGIN;
                DO $$ BEGIN
                  IF (SELECT param_value_text FROM emaj.emaj_param WHERE param_key = 'emaj_version') <> '\(from)' THEN
                    RAISE EXCEPTION 'installed E-Maj is not \(from)';
                  END IF;
                END $$;
                UPDATE emaj.emaj_param SET param_value_text = '\(to)' WHERE param_key = 'emaj_version';

                """
            if name == failing { body += "ALTER TABLE emaj.emaj_log_table_that_is_missing ADD COLUMN x int;\n" }
            body += "COMMIT;\n"
            if name != silent { body += "DO $$ BEGIN RAISE NOTICE 'E-Maj successfully upgraded to \(to)'; END $$;\n" }
            try TestSupport.write(body, to: dir + "/sql/" + name)
        }
    }

    /// The extension form, in PostgreSQL's share directory.
    static func installExtension(_ server: ThrowawayPostgres) throws -> [String] {
        let version = URL(fileURLWithPath: server.bin).deletingLastPathComponent().lastPathComponent
        let dir = "/usr/share/postgresql/\(version)/extension"
        let files: [String: String] = [
            "emaj.control": "comment = 'E-Maj-shaped extension for runbook tests'\ndefault_version = '2.2.0'\nschema = emaj\nsuperuser = true\nrelocatable = false\n",
            "emaj--2.0.0.sql": tables + "\nINSERT INTO emaj.emaj_param VALUES ('emaj_version', '2.0.0');\n",
            "emaj--2.0.0--2.1.0.sql": "UPDATE emaj.emaj_param SET param_value_text = '2.1.0' WHERE param_key = 'emaj_version';\n",
            "emaj--2.1.0--2.2.0.sql": "UPDATE emaj.emaj_param SET param_value_text = '2.2.0' WHERE param_key = 'emaj_version';\n",
        ]
        for (name, text) in files { try TestSupport.write(text, to: "\(dir)/\(name)") }
        return files.keys.map { "\(dir)/\($0)" }
    }

    struct World {
        let server: ThrowawayPostgres
        let project: String
        let script: String
        func run(_ database: String, _ arguments: [String]) throws -> TestSupport.Result {
            try TestSupport.run(script, ["--yes"] + arguments, environment: server.environment(database: database)
                .merging(["RUNBOOK_STATE_DIR": project + "/state-" + database]) { $1 })
        }
        func version(_ database: String) throws -> String {
            try server.sql("SELECT param_value_text FROM emaj.emaj_param WHERE param_key = 'emaj_version'", database: database)
        }
        func extensionVersion(_ database: String) throws -> String {
            try server.sql("SELECT extversion FROM pg_extension WHERE extname = 'emaj'", database: database)
        }
        func groups(_ database: String) throws -> String {
            try server.sql("SELECT string_agg(grpdef_group || '.' || grpdef_tblseq, ',' ORDER BY grpdef_tblseq) FROM emaj.emaj_group_def", database: database)
        }
        /// A database holding a script-installed E-Maj at VERSION, with groups defined.
        func scriptInstalled(_ database: String, version: String, from distribution: String) throws {
            try server.sql("CREATE DATABASE \(database)")
            try server.sql("\\i :dir/sql/install.sql", database: database, variables: ["version": version, "dir": distribution])
            try server.sql("INSERT INTO emaj.emaj_group_def VALUES ('g1', 'app', 'orders'), ('g1', 'app', 'lines');"
                           + "INSERT INTO emaj.emaj_param VALUES ('history_retention', '30 days');", database: database)
        }
    }

    func world(_ body: (World) throws -> Void) throws {
        guard getuid() == 0 else { throw TestFailure("this test writes an extension into PostgreSQL's share directory: run it as root (CI does)") }
        let server = try ThrowawayPostgres.start()
        defer { server.stop() }
        let files = try Self.installExtension(server)
        defer { for file in files { try? FileManager.default.removeItem(atPath: file) } }
        let project = try TestSupport.scratchProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        let build = try TestSupport.runbook(["build"], in: project)
        #expect(build.status == 0, "\(build.stderr)")
        try body(World(server: server, project: project, script: project + "/generated/emaj-upgrade.sh"))
    }

    @Test func eachStartingPointTakesThePathThePageGivesIt() throws {
        try world { w in
            // The old directory's name is hostile on purpose: psql must take it as a file name, nothing more.
            let old = w.project + "/emaj 0.10.1; it's \\! touch pwned", new = w.project + "/emaj-new"
            try Self.distribution(at: old)
            try Self.distribution(at: new)

            // Installed as an extension: ALTER EXTENSION emaj UPDATE, groups untouched.
            try w.server.sql("CREATE DATABASE ext")
            try w.server.sql("CREATE EXTENSION emaj VERSION '2.0.0'; INSERT INTO emaj.emaj_group_def VALUES ('g1', 'app', 'orders');", database: "ext")
            let ext = try w.run("ext", [])
            #expect(ext.status == 0, "\(ext.stdout)\n\(ext.stderr)")
            #expect(try w.extensionVersion("ext") == "2.2.0")
            #expect(try w.groups("ext") == "g1.orders")
            #expect(ext.stdout.contains("not when EMAJ_INSTALL == 'script'"), "the script paths are shown as skipped")
            // Again, at the target: the page's own check (the version against the control file's) says it is done.
            let again = try w.run("ext", [])
            #expect(again.status == 0, "\(again.stdout)\n\(again.stderr)")
            #expect(again.stdout.contains("unchanged (already done: its done-when holds)"), "\(again.stdout)")
            #expect(try w.extensionVersion("ext") == "2.2.0")

            // Before 0.11.0: save the tables, uninstall.sql of the old version, CREATE EXTENSION, restore.
            try w.scriptInstalled("old", version: "0.10.1", from: old)
            let reinstall = try w.run("old", ["--set", "OLD_EMAJ_DIR=\(old)"])
            #expect(reinstall.status == 0, "\(reinstall.stdout)\n\(reinstall.stderr)")
            #expect(try w.extensionVersion("old") == "2.2.0")
            #expect(try w.groups("old") == "g1.lines,g1.orders")
            #expect(try w.server.sql("SELECT param_value_text FROM emaj.emaj_param WHERE param_key = 'history_retention'", database: "old") == "30 days")
            #expect(!FileManager.default.fileExists(atPath: w.project + "/pwned") && !FileManager.default.fileExists(atPath: "pwned"))

            // The reinstall path needs the old directory; the page's other paths do not.
            try w.scriptInstalled("old2", version: "0.10.1", from: old)
            let missing = try w.run("old2", [])
            #expect(missing.status == 3)
            #expect(missing.stderr.contains("missing parameter OLD_EMAJ_DIR"), "\(missing.stderr)")
            #expect(try w.version("old2") == "0.10.1", "nothing ran before the step that needs it")

            // From 1.0.0: the table's scripts from 1.0.0 on, each checked for the page's message, the
            // footnotes shown at 1.1.0 and 1.3.0; then CREATE EXTENSION ... FROM unpackaged, which
            // PostgreSQL 13 and later no longer have: the run stops there, E-Maj at 1.3.1.
            try w.scriptInstalled("chain", version: "1.0.0", from: old)
            let chain = try w.run("chain", ["--set", "NEW_EMAJ_DIR=\(new)"])
            #expect(try w.version("chain") == "1.3.1")
            #expect(try w.groups("chain") == "g1.lines,g1.orders")
            #expect(!chain.stdout.contains("0.11.1 → 1.0.0 (0-11-1-1-0-0)\n    NOTE"), "rows before the installed version are skipped")
            #expect(chain.stdout.contains("NOTE: Le passage en 1.1.0 nécessite"), "\(chain.stdout)")
            #expect(chain.stdout.contains("NOTE: Il est recommandé de réaliser le passage en 1.3.0"))
            #expect(chain.status == 3)
            #expect(chain.stderr.contains("passage-d-e-maj-1-3-1-a-une-version-superieure"), "\(chain.stderr)")
            #expect(chain.stderr.contains("command at docs-src/emaj-upgrade.rst:157"), "\(chain.stderr)")
            #expect(chain.stderr.contains("CREATE EXTENSION ... FROM is no longer supported"), "\(chain.stderr)")
        }
    }

    @Test func aFailureInTheChainStopsAtTheFailingScriptAndLeavesTheLastVersionReached() throws {
        try world { w in
            let new = w.project + "/emaj-broken"
            try Self.distribution(at: new, failing: "emaj-1.0.2-to-1.1.0.sql")
            try w.scriptInstalled("mid", version: "0.11.0", from: new)
            let run = try w.run("mid", ["--set", "NEW_EMAJ_DIR=\(new)"])
            #expect(run.status == 3)
            #expect(run.stderr.contains("step 1-0-2-1-1-0 \"1.0.2 → 1.1.0\" failed (docs-src/emaj-upgrade.rst:121)"), "\(run.stderr)")
            #expect(run.stderr.contains("emaj_log_table_that_is_missing"), "psql's error is shown")
            #expect(run.stderr.contains("emaj-1.0.2-to-1.1.0.sql"), "the failing script is named")
            // Each script is one transaction: E-Maj stays on the last version reached, usable, and a
            // new run after the fix goes on from there, as the page's step by step chain allows.
            #expect(try w.version("mid") == "1.0.2")
            #expect(try w.groups("mid") == "g1.lines,g1.orders")

            let silent = w.project + "/emaj-silent"
            try Self.distribution(at: silent, silent: "emaj-0.11.0-to-0.11.1.sql")
            try w.scriptInstalled("quiet", version: "0.11.0", from: silent)
            let quiet = try w.run("quiet", ["--set", "NEW_EMAJ_DIR=\(silent)"])
            #expect(quiet.status == 3)
            #expect(quiet.stderr.contains("did not print the expected 'E-Maj successfully upgraded to 0.11.1'"), "\(quiet.stderr)")
        }
    }

    @Test func editingTheVersionTableChangesTheScriptAndCheckSaysWhere() throws {
        let project = try TestSupport.scratchProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        #expect(try TestSupport.runbook(["build"], in: project).status == 0)
        let path = project + "/docs-src/emaj-upgrade.rst"
        let doc = try #require(TestSupport.read(path))
        try TestSupport.write(doc.replacingOccurrences(of: "| emaj-1.0.1-to-1.0.2.sql   |", with: "| emaj-1.0.1-to-1.0.3.sql   |"), to: path)
        let check = try TestSupport.runbook(["check"], in: project)
        #expect(check.status == 1)
        #expect(check.stdout.contains("docs-src/emaj-upgrade.rst:119: drift: [changed] emaj-upgrade step '1-0-1-1-0-2'"), "\(check.stdout)")
        #expect(check.stdout.contains("+\\i :NEW_EMAJ_DIR/sql/emaj-1.0.1-to-1.0.3.sql"), "\(check.stdout)")
    }
}
