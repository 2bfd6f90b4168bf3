import Foundation
import Testing

/// `runbook prove` against real worlds: git repositories, SQLite databases,
/// and (in `theDjangoUpdatePage…`) the update page's application with its
/// throw-away PostgreSQL and its supervisord service.
@Suite struct ProveTests {
    /// A release update of a small application kept in git, with a SQLite
    /// database; the migration step's undo restores the backup to the wrong file.
    static let wrongUndo = """
        # Update the application

        <!-- runbook: param=APP description="the application's git checkout" -->

        ## Record the running release

        <!-- runbook: capture=PREVIOUS_REF -->
        ```sh
        git -C "$APP" rev-parse HEAD
        ```

        ## Back up the database

        <!-- runbook: undo="rm -f \\"$APP/../backup.db\\"" -->
        ```sh
        cp "$APP/../app.db" "$APP/../backup.db"
        ```

        ## Install the new release

        <!-- runbook: undo="git -C \\"$APP\\" checkout --quiet \\"$PREVIOUS_REF\\"" -->
        ```sh
        git -C "$APP" checkout --quiet v2
        ```

        ## Migrate the database

        <!-- runbook: undo="cp \\"$APP/../backup.db\\" \\"$APP/../restored.db\\"" -->
        ```sh
        sqlite3 "$APP/../app.db" < "$APP/migrate.sql"
        ```

        """

    /// A git repository at v1 (tagged v2 ahead, with a migration) and its SQLite
    /// database. The commits' dates are fixed: every world must be the same.
    static let setup = """
        set -e
        export GIT_AUTHOR_DATE=2026-01-01T00:00:00Z GIT_COMMITTER_DATE=2026-01-01T00:00:00Z
        git init -q -b main app && cd app
        git config user.email t@example.invalid && git config user.name t
        echo 'release 1' > README && git add -A && git commit -q -m v1 && git tag v1
        echo 'CREATE TABLE IF NOT EXISTS tags (id INTEGER PRIMARY KEY, name TEXT);' > migrate.sql
        echo 'release 2' > README && git add -A && git commit -q -m v2 && git tag v2
        git checkout -q v1
        sqlite3 ../app.db "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES ('first');"
        echo "RUNBOOK_APP=$PWD"
        """

    static let fingerprint = """
        cd app && git rev-parse HEAD && git status --porcelain
        sqlite3 ../app.db .dump
        ls ..
        """

    static let migrateLine = wrongUndo.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0 == "## Migrate the database" }! + 1

    func prove(_ doc: String, _ extra: [String] = [], setup: String = ProveTests.setup, fingerprint: String = ProveTests.fingerprint,
               label: String = #function) throws -> (TestSupport.Result, String) {
        let project = try TestSupport.temporaryDirectory(label)
        try TestSupport.write(doc, to: project + "/docs-src/update.md")
        let result = try TestSupport.runbook(["prove", "docs-src/update.md", "--setup", setup, "--fingerprint", fingerprint] + extra, in: project)
        return (result, project)
    }

    @Test func aWrongUndoIsCaughtAtItsStepAndDocLine() throws {
        let (result, project) = try prove(Self.wrongUndo)
        defer { try? FileManager.default.removeItem(atPath: project) }
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        let line = Self.migrateLine
        // The three faults at the migration: its undo leaves the migrated database.
        let migrateRow = result.stdout.split(separator: "\n").first { $0.hasPrefix("  4 migrate-the-database ") }
        #expect(migrateRow?.hasSuffix(" \(line)  DIFFERS     DIFFERS     DIFFERS     reached") == true, "\(result.stdout)")
        #expect(result.stdout.contains("  3 install-the-new-release"), "\(result.stdout)")
        #expect(result.stdout.contains("docs-src/update.md:\(line): step 'migrate-the-database', fail: after a fault here (fail) the rollback did not restore the world"),
                "\(result.stdout)")
        // The first differing lines: the migrated table, and the file the undo wrote instead.
        #expect(result.stdout.contains("+CREATE TABLE tags (id INTEGER PRIMARY KEY, name TEXT);"), "\(result.stdout)")
        #expect(result.stdout.contains("+restored.db"), "\(result.stdout)")
        // Every step before the migration comes back: their undos are right.
        for step in ["record-the-running-release", "back-up-the-database", "install-the-new-release"] {
            let row = result.stdout.split(separator: "\n").first { $0.contains(" \(step) ") }
            #expect(row?.hasSuffix("  restored    restored    restored    reached") == true, "\(step): \(result.stdout)")
        }
        #expect(result.stdout.hasSuffix("9 restored, 4 reached, 3 DIFFERS\n"), "\(result.stdout)")
        #expect(result.stderr.contains("[1/17] clean run: reached"), "\(result.stderr)")
    }

    @Test func findingsInTheMachineFormatsNameTheStepAndItsLine() throws {
        let (result, project) = try prove(Self.wrongUndo, ["--cases", "fail", "--steps", "migrate-the-database", "--format", "json"])
        defer { try? FileManager.default.removeItem(atPath: project) }
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        let findings = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(findings.count == 1)
        #expect(findings.first?["code"] as? String == "RB301")
        #expect(findings.first?["rule"] as? String == "prove-not-restored")
        #expect(findings.first?["file"] as? String == "docs-src/update.md")
        #expect(findings.first?["line"] as? Int == Self.migrateLine)
        #expect((findings.first?["message"] as? String)?.hasPrefix("step 'migrate-the-database', fail: after a fault here") == true)

        let (github, other) = try prove(Self.wrongUndo, ["--cases", "term", "--steps", "migrate-the-database", "--format", "github"])
        defer { try? FileManager.default.removeItem(atPath: other) }
        #expect(github.status == 1)
        #expect(github.stdout.hasPrefix("::error file=docs-src/update.md,line=\(Self.migrateLine),"), "\(github.stdout)")
    }

    @Test func theRightUndoIsRestoredEverywhere() throws {
        let right = Self.wrongUndo.replacingOccurrences(of: "\\\"$APP/../restored.db\\\"", with: "\\\"$APP/../app.db\\\"")
        #expect(right != Self.wrongUndo)
        let (result, project) = try prove(right)
        defer { try? FileManager.default.removeItem(atPath: project) }
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.hasSuffix("12 restored, 4 reached\n"), "\(result.stdout)")
        #expect(!result.stdout.contains("DIFFERS"))
    }

    @Test func stepsWithoutUndoAreReportedAsSuchUnlessStrict() throws {
        let doc = Self.wrongUndo.replacingOccurrences(of: "<!-- runbook: undo=\"cp \\\"$APP/../backup.db\\\" \\\"$APP/../restored.db\\\"\" -->\n", with: "")
        #expect(doc != Self.wrongUndo)
        let (result, project) = try prove(doc, ["--cases", "fail"])
        defer { try? FileManager.default.removeItem(atPath: project) }
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("step 'migrate-the-database', fail: no undo: the world after a failure here keeps the changes of migrate-the-database"),
                "\(result.stdout)")
        let (strict, other) = try prove(doc, ["--cases", "fail", "--strict"])
        defer { try? FileManager.default.removeItem(atPath: other) }
        #expect(strict.status == 1, "\(strict.stdout)")
        #expect(strict.stdout.contains("migrate-the-database") && strict.stdout.contains("DIFFERS"), "\(strict.stdout)")
        // It says why: a step without an undo, not a wrong undo.
        #expect(strict.stdout.contains("steps that ran have no undo (migrate-the-database), which --strict counts as a failure"), "\(strict.stdout)")
        #expect(!strict.stdout.contains("every step that ran has an undo"), "\(strict.stdout)")
    }

    /// The interrupted step runs again on --resume: a step that appends is caught.
    @Test func aStepThatCannotRunTwiceIsCaughtByResume() throws {
        let doc = """
            # Add a setting

            ## Add it

            <!-- runbook: undo="sed -i '$d' settings" -->
            ```sh
            echo 'debug = false' >> settings
            ```

            """
        let (result, project) = try prove(doc, ["--cases", "fail,resume"], setup: "echo 'name = app' > settings", fingerprint: "cat settings")
        defer { try? FileManager.default.removeItem(atPath: project) }
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("  1 add-it    3  restored    DIFFERS\n"), "\(result.stdout)")
        #expect(result.stdout.contains("its commands must give the same world when run twice"), "\(result.stdout)")
        #expect(result.stdout.contains(" name = app\n debug = false\n+debug = false\n"), "\(result.stdout)")
    }

    @Test func aFingerprintThatSeesNothingIsReported() throws {
        let (result, project) = try prove(Self.wrongUndo, ["--cases", "fail", "--steps", "back-up-the-database"], fingerprint: "echo the same")
        defer { try? FileManager.default.removeItem(atPath: project) }
        #expect(result.status == 0)
        #expect(result.stdout.contains("warning: the clean run changed nothing the fingerprint shows: this proof shows nothing"), "\(result.stdout)")
    }

    @Test func aSetupThatFailsIsBadInput() throws {
        let (result, project) = try prove(Self.wrongUndo, setup: "echo no database server >&2; exit 7")
        defer { try? FileManager.default.removeItem(atPath: project) }
        #expect(result.status == 2)
        #expect(result.stderr.contains("docs-src/update.md:1:1: error: --setup failed (exit 7): no database server"), "\(result.stderr)")
        let (printed, other) = try prove(Self.wrongUndo, setup: "echo Ready.")
        defer { try? FileManager.default.removeItem(atPath: other) }
        #expect(printed.status == 2)
        #expect(printed.stderr.contains("--setup printed 'Ready.': it may print only NAME=VALUE lines"), "\(printed.stderr)")
        let (steps, third) = try prove(Self.wrongUndo, ["--steps", "no-such-step"])
        defer { try? FileManager.default.removeItem(atPath: third) }
        #expect(steps.status == 2)
        #expect(steps.stderr.contains("--steps: no step 'no-such-step'"), "\(steps.stderr)")
    }

    static let modes = """
        # Write the mode files

        <!-- runbook: param=MODE description="a, or b for both files" -->

        ## Write a

        <!-- runbook: undo="rm -f a" -->
        ```sh
        echo a > a
        ```

        ## Write b

        <!-- runbook: when="MODE == 'b'" undo="rm -f b" -->
        ```sh
        echo b > b
        ```

        """

    /// A step the clean run skips is reported once, from the clean run, and no
    /// world is built for any of its cases.
    @Test func aStepTheCleanRunDoesNotReachGetsNoWorld() throws {
        let project = try TestSupport.temporaryDirectory("prove-unreached")
        defer { try? FileManager.default.removeItem(atPath: project) }
        let (result, other) = try prove(Self.modes, ["--set", "MODE=a"], setup: "echo world >> '\(project)/setups'", fingerprint: "ls")
        defer { try? FileManager.default.removeItem(atPath: other) }
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let setups = try String(contentsOfFile: project + "/setups", encoding: .utf8).split(separator: "\n").count
        #expect(setups == 5, "the clean run and write-a's four cases, none for write-b: \(setups)")
        #expect(result.stdout.contains("2 steps × fail, kill, term, resume; 5 worlds"), "\(result.stdout)")
        #expect(result.stdout.contains("  2 write-b   12  not reached not reached not reached not reached\n"), "\(result.stdout)")
        #expect(result.stdout.contains("step 'write-b': not reached: the clean run did not get to it"), "\(result.stdout)")
        #expect(result.stderr.contains("not reached by the clean run, no world built: write-b"), "\(result.stderr)")
        #expect(result.stderr.contains("[5/5] resume at write-a: reached"), "\(result.stderr)")
    }

    /// Worlds that use only their own folder are built and run --jobs at a
    /// time; each world's setup counts the worlds that exist beside it.
    @Test func independentWorldsRunAtOnceAndSharedOnesOneAtATime() throws {
        let shared = try TestSupport.temporaryDirectory("prove-parallel")
        defer { try? FileManager.default.removeItem(atPath: shared) }
        // A world waits (up to 10 s) for another to exist beside it, then records
        // how many exist; the teardown takes its marker away.
        let setup = """
            touch '\(shared)/live-'"${RUNBOOK_PROVE_WORLD##*/}"
            for _ in $(seq 50); do
              n=$(find '\(shared)' -name 'live-*' | wc -l)
              if [ "$n" -ge 2 ] || [ "${RUNBOOK_PROVE_WORLD##*/}" = world-1 ] || [ -n "${SERIAL:-}" ]; then break; fi
              sleep 0.2
            done
            echo "$n" >> '\(shared)/seen'
            """
        let teardown = "rm -f '\(shared)/live-'\"${RUNBOOK_PROVE_WORLD##*/}\""
        let (result, project) = try prove(Self.modes, ["--set", "MODE=b", "--cases", "fail,term", "--jobs", "2", "--teardown", teardown],
                                          setup: setup, fingerprint: "ls")
        defer { try? FileManager.default.removeItem(atPath: project) }
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let seen = try String(contentsOfFile: shared + "/seen", encoding: .utf8).split(separator: "\n")
        #expect(seen.count == 5 && seen.contains("2"), "two worlds at once: \(seen)")
        #expect(result.stderr.contains("elapsed"), "\(result.stderr)")

        // A world whose parameter names a folder outside it: one at a time.
        try FileManager.default.removeItem(atPath: shared + "/seen")
        let (serial, third) = try prove(Self.modes, ["--set", "MODE=b", "--cases", "fail,term", "--jobs", "2", "--teardown", teardown],
                                        setup: "SERIAL=1\n" + setup + "\necho RUNBOOK_MODE_DIR='\(shared)'", fingerprint: "ls")
        defer { try? FileManager.default.removeItem(atPath: third) }
        #expect(serial.status == 0, "\(serial.stdout)\(serial.stderr)")
        #expect(serial.stderr.contains("worlds run one at a time: they share RUNBOOK_MODE_DIR=\(shared), outside the world's folder"), "\(serial.stderr)")
        let serialSeen = try String(contentsOfFile: shared + "/seen", encoding: .utf8).split(separator: "\n")
        #expect(serialSeen == ["1", "1", "1", "1", "1"], "\(serialSeen)")
        let zero = try TestSupport.runbook(["prove", "docs-src/update.md", "--setup", "true", "--fingerprint", "true", "--jobs", "0"], in: project)
        #expect(zero.status != 0 && zero.stderr.contains("--jobs needs a number of worlds, 1 or more"), "\(zero.stderr)")
    }

    /// The option that makes a run fail on purpose is refused unless the
    /// environment says the world is a throw-away one; --yes is not enough.
    @Test func faultInjectionNeedsTheDisposableWorldVariable() throws {
        let (project, script, env) = try TestSupport.buildProcedure("""
            # P

            ## Touch

            <!-- runbook: undo="rm -f \\"$OUT/touched\\"" -->
            ```sh
            touch "$OUT/touched"
            ```

            """)
        defer { try? FileManager.default.removeItem(atPath: project) }
        let refused = try TestSupport.run(script, ["--yes", "--inject-fault", "fail:touch"], environment: env)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("refused unless RUNBOOK_FAULT_INJECTION=disposable-world is set"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: project + "/touched"))
        let wrongValue = try TestSupport.run(script, ["--yes", "--inject-fault", "fail:touch"], environment: env.merging(["RUNBOOK_FAULT_INJECTION": "1"]) { $1 })
        #expect(wrongValue.status == 1)
        let allowed = env.merging(["RUNBOOK_FAULT_INJECTION": "disposable-world"]) { $1 }
        let injected = try TestSupport.run(script, ["--yes", "--inject-fault", "fail:touch"], environment: allowed)
        #expect(injected.status == 3, "\(injected.stdout)\(injected.stderr)")
        #expect(injected.stderr.contains("fault injected by runbook prove"), "\(injected.stderr)")
        #expect(!FileManager.default.fileExists(atPath: project + "/touched"), "rolled back")
        let unknown = try TestSupport.run(script, ["--yes", "--inject-fault", "explode:touch"], environment: allowed)
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("unknown case 'explode'"), "\(unknown.stderr)")
        let help = try TestSupport.run(script, ["--help"], environment: env)
        #expect(help.stdout.contains("--inject-fault CASE:STEP"))
    }
}

/// The update page's own proof: its test application (git, poetry virtualenv,
/// PostgreSQL, gunicorn under supervisord), a fault at each of its 10 steps in
/// each case, 45 worlds. It takes about 15 to 20 minutes on the 2-core build machine.
@Suite(.serialized, .realSystemTier) struct ProveDjangoUpdateTests {
    @Test func theDjangoUpdatePageComesBackFromAFaultAtEveryStep() throws {
        for tool in ["poetry", "supervisord", "git", "curl"] {
            guard try TestSupport.run("bash", ["-c", "command -v \(tool)"]).status == 0 else {
                throw TestFailure("\(tool) is not installed: run script/setup")
            }
        }
        let server = try ThrowawayPostgres.start()
        defer { server.stop() }
        let base = try TestSupport.temporaryDirectory("prove-django")
        defer { try? FileManager.default.removeItem(atPath: base) }
        let fixtures = TestSupport.packageRoot + "/Tests/RunbookTests/Fixtures/django-app/prove"
        let environment = server.environment().merging(["PROVE_BASE": base]) { $1 }
        let made = try TestSupport.run(fixtures + "/make-template.sh", [base, String(try TestSupport.freePort())], environment: environment)
        guard made.status == 0 else { throw TestFailure("make-template.sh failed: \(made.stderr)") }
        let result = try TestSupport.run(TestSupport.runbookBinary, [
            "prove", "docs-src/django-update.rst", "--set", "VERSION=1.1.0",
            "--setup", fixtures + "/setup.sh", "--fingerprint", fixtures + "/fingerprint.sh", "--teardown", fixtures + "/teardown.sh",
        ], in: TestSupport.packageRoot, environment: environment)
        print(result.stdout)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("11 steps × fail, kill, term, resume; 45 worlds"), "\(result.stdout)")
        #expect(result.stdout.hasSuffix("\n33 restored, 11 reached\n"), "\(result.stdout)")
        #expect(result.stdout.contains("  8 lancer-les-migrations                    183  restored    restored    restored    reached\n"), "\(result.stdout)")
        // Each world has its own instance folder, database and port: they run at once.
        #expect(!result.stderr.contains("one at a time"), "\(result.stderr)")
        // The fingerprint sees what the update changes: the proof is not vacuous.
        #expect(!result.stdout.contains("changed nothing the fingerprint shows"))
    }
}
