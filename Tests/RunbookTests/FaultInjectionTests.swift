import Foundation
import Testing
@testable import Pipeline

/// The fault-injection matrix: a seven-step procedure against a real git
/// repository with tags, real files and a real SQLite database. For each step k:
/// it fails before its changes, it fails after its changes, the run is killed
/// with SIGKILL inside it and then rolled back or resumed, and it fails with
/// --no-rollback and is resumed once the cause is gone. Rollback must give the
/// initial world back exactly; resume must give the fully upgraded world.
/// Each case has its own world and state folder: the cases run in parallel.
@Suite struct FaultInjectionTests {
    static let stepCount = 7

    /// A built copy of the fixture procedure, shared by the cases.
    static let script: String = {
        let project = try! TestSupport.temporaryDirectory("fault-matrix")
        try! FileManager.default.createDirectory(atPath: project + "/docs-src", withIntermediateDirectories: true)
        try! FileManager.default.copyItem(atPath: TestSupport.packageRoot + "/Tests/RunbookTests/Fixtures/fault-matrix.md",
                                          toPath: project + "/docs-src/fault-matrix.md")
        let result = try! TestSupport.runbook(["build"], in: project)
        precondition(result.status == 0, result.stderr)
        return project + "/generated/fault-matrix.sh"
    }()

    static let gitEnvironment = ["GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid", "GIT_COMMITTER_NAME": "t",
                                 "GIT_COMMITTER_EMAIL": "t@example.invalid", "GIT_CONFIG_GLOBAL": "/dev/null",
                                 // Fixed dates give every world the same commit ids, so worlds compare.
                                 "GIT_AUTHOR_DATE": "2026-01-01T00:00:00Z", "GIT_COMMITTER_DATE": "2026-01-01T00:00:00Z"]

    /// A fresh world: a repository on branch main at tag 1.0.0 (2.0.0 exists),
    /// a database with rows, a configuration file.
    func makeWorld() throws -> String {
        let world = try TestSupport.temporaryDirectory("world")
        // The runs' state and logs stand beside the world, outside what the steps touch.
        MadeFolders.shared.add(world + ".state")
        MadeFolders.shared.add(world + ".logs")
        let setup = """
        set -euo pipefail
        cd "$1"
        git init -q -b main repo
        cd repo
        echo 'version 1' > app.txt && git add app.txt && git commit -qm v1 && git tag 1.0.0
        echo 'version 2' > app.txt && echo new > feature.txt && git add . && git commit -qm v2 && git tag 2.0.0
        git checkout -q main && git reset -q --hard 1.0.0
        cd ..
        mkdir data config
        sqlite3 data/app.db "CREATE TABLE items(id INTEGER PRIMARY KEY, name TEXT); INSERT INTO items(name) VALUES ('apple'), ('pear');
                              CREATE TABLE upgrades(release TEXT);"
        printf 'port = 8000\\n' > config/app.conf
        """
        let result = try TestSupport.run("bash", ["-c", setup, "setup", world], environment: Self.gitEnvironment)
        guard result.status == 0 else { throw TestFailure("world setup failed: \(result.stderr)") }
        return world
    }

    /// Everything the procedure may touch, as text: compare two snapshots to compare worlds.
    func snapshot(_ world: String) throws -> String {
        let describe = """
        cd "$1"
        echo "head: $(git -C repo symbolic-ref -q HEAD || echo detached) $(git -C repo rev-parse HEAD)"
        echo "status:"; git -C repo status --porcelain --untracked-files=all
        echo "files:"; find . -path ./repo/.git -prune -o -type f -print | LC_ALL=C sort | while read -r f; do
          case $f in *.db) echo "$f (database)";; *) echo "$f $(sha256sum < "$f" | cut -c1-16) $(stat -c %a "$f")";; esac
        done
        echo "database:"; sqlite3 data/app.db .dump
        """
        let result = try TestSupport.run("bash", ["-c", describe, "describe", world], environment: Self.gitEnvironment)
        return result.stdout + result.stderr
    }

    func run(_ world: String, _ arguments: [String], _ extra: [String: String] = [:]) throws -> TestSupport.Result {
        var env = Self.gitEnvironment.merging(["WORK": world, "RUNBOOK_STATE_DIR": world + ".state", "RUNBOOK_LOG_DIR": world + ".logs"]) { $1 }
        env.merge(extra) { $1 }
        return try TestSupport.run(Self.script, ["--set", "RELEASE=2.0.0"] + arguments, environment: env)
    }

    /// Starts a run that pauses inside step k, and kills its whole process group with SIGKILL there.
    func killInside(_ world: String, step k: Int) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        // SIGTERM at its default, as an operator's shell has it: Foundation starts children
        // with it ignored, and the command left behind would outlive the TERM of
        // --rollback/--resume and wait for their KILL 5 s later. setsid forks when its
        // caller leads a process group, and that first process ends at once: with --fork
        // --wait it always forks and lives as long as the run, so `isRunning` below says
        // whether the run is still going.
        process.arguments = ["--default-signal=TERM,INT,HUP", "setsid", "--fork", "--wait", Self.script, "--set", "RELEASE=2.0.0"]
        var env = ProcessInfo.processInfo.environment.merging(Self.gitEnvironment) { $1 }
        env.merge(["WORK": world, "RUNBOOK_STATE_DIR": world + ".state", "RUNBOOK_LOG_DIR": world + ".logs", "PAUSE_AT": String(k), "NO_COLOR": "1"]) { $1 }
        process.environment = env
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while !FileManager.default.fileExists(atPath: world + "/paused") {
            guard Date() < deadline, process.isRunning else { throw TestFailure("the run never reached step \(k)") }
            usleep(20_000)
        }
        try FileManager.default.removeItem(atPath: world + "/paused")
        // The script wrote its pid into the lock; it leads its own process group thanks to setsid.
        let pidText = TestSupport.read(world + ".state/fault-matrix.lock")?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard let pid = Int32(pidText), getpgid(pid) == pid else { throw TestFailure("the run is not a process group leader (pid '\(pidText)')") }
        #expect(kill(-pid, SIGKILL) == 0)
        // Not process.waitUntilExit(): the step's command, in a session of its own, lives on
        // (until --rollback or --resume stops it) and holds the descriptor Foundation waits on.
        var waited = 0
        while !TestSupport.ended(pid) && waited < 200 { usleep(10_000); waited += 1 }
        #expect(TestSupport.ended(pid), "the run survived SIGKILL")
    }

    static let upgraded: String = {
        let tests = FaultInjectionTests()
        let world = try! tests.makeWorld()
        let result = try! tests.run(world, [])
        precondition(result.status == 0, "the clean upgrade failed: \(result.stderr)")
        return try! tests.snapshot(world)
    }()

    func expectSame(_ actual: String, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(actual == expected, "\(UnifiedDiff.diff(expected, actual, oldName: "expected", newName: "actual"))", sourceLocation: sourceLocation)
    }

    @Test func theCleanRunUpgradesEverything() throws {
        #expect(Self.upgraded.contains("./data/RELEASE "))
        #expect(Self.upgraded.contains("INSERT INTO upgrades VALUES('2.0.0');"))
        #expect(Self.upgraded.contains("size INTEGER"))
        #expect(Self.upgraded.hasPrefix("head: detached "))
    }

    @Test(arguments: 1...stepCount)
    func failureBeforeTheChangesRollsBack(step k: Int) throws {
        let world = try makeWorld()
        let initial = try snapshot(world)
        let result = try run(world, [], ["FAIL_AT": String(k)])
        #expect(result.status == 3, "\(result.stderr)")
        #expect(result.stderr.contains("failed (") && result.stdout.contains("rolled back"))
        try expectSame(snapshot(world), initial)
        #expect(!FileManager.default.fileExists(atPath: world + ".state/fault-matrix.journal"))
    }

    @Test(arguments: 1...stepCount)
    func failureAfterTheChangesRollsBack(step k: Int) throws {
        let world = try makeWorld()
        let initial = try snapshot(world)
        let result = try run(world, [], ["FAIL_AFTER": String(k)])
        #expect(result.status == 3, "\(result.stderr)")
        try expectSame(snapshot(world), initial)
    }

    @Test(arguments: 1...stepCount)
    func killedInsideAStepThenRolledBack(step k: Int) throws {
        let world = try makeWorld()
        let initial = try snapshot(world)
        try killInside(world, step: k)
        #expect(FileManager.default.fileExists(atPath: world + ".state/fault-matrix.journal"))
        let refused = try run(world, [])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("run with --resume or --rollback"))
        let rollback = try run(world, ["--rollback"])
        #expect(rollback.status == 0, "\(rollback.stderr)")
        try expectSame(snapshot(world), initial)
    }

    @Test(arguments: 1...stepCount)
    func killedInsideAStepThenResumed(step k: Int) throws {
        let world = try makeWorld()
        try killInside(world, step: k)
        let resume = try run(world, ["--resume"])
        #expect(resume.status == 0, "\(resume.stderr)")
        try expectSame(snapshot(world), Self.upgraded)
    }

    @Test(arguments: 1...stepCount)
    func keptFailureThenResumedOnceFixed(step k: Int) throws {
        let world = try makeWorld()
        let failed = try run(world, ["--no-rollback"], ["FAIL_AT": String(k)])
        #expect(failed.status == 3)
        #expect(failed.stderr.contains("--no-rollback"))
        let resume = try run(world, ["--resume"])
        #expect(resume.status == 0, "\(resume.stderr)")
        try expectSame(snapshot(world), Self.upgraded)
    }
}
