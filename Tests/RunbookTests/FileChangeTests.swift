import Foundation
import StepAST
import Testing

/// Configuration blocks under write=, merge= and append= are written by the
/// script, atomically, and a rollback puts every file back byte for byte,
/// mode and owner included. Real files, a real second user as their owner.
@Suite(.serialized) struct FileChangeTests {
    /// The files' owner: a user of this suite's own (suites run in parallel).
    static let owner = "rbfiles"

    static let doc = """
        # Configure

        <!-- runbook: param=ETC placeholder="<etc>" -->
        <!-- runbook: param=DB_HOST placeholder="<db-host>" -->

        ## Point at the database

        Edit `<etc>/app.conf`, in `[database]`:

        <!-- runbook: merge=<etc>/app.conf -->
        ```ini
        [database]
        host = <db-host>
        port = 5433

        [new]
        flag = on
        ```

        ## Write the environment and the banner

        Create `<etc>/app.env` with:

        <!-- runbook: write=<etc>/app.env -->
        ```
        DATABASE_URL=postgres://<db-host>/app
        ```

        <!-- runbook: write=<etc>/motd -->
        ```
        Upgraded. $(not a command) `nor this`
        ```

        ## Add the host

        <!-- runbook: append=<etc>/hosts -->
        ```
        10.0.0.5 db.internal
        ```

        ## Check

        ```console
        $ test -f "$OUT/no-failure"
        ```

        """

    static let conf = """
        # app settings
        [server]
        listen = 80

        [database]
        host = localhost
        user = app
        # port = 5432

        [logging]
        level = info

        """

    static let merged = """
        # app settings
        [server]
        listen = 80

        [database]
        host = db'1 $(x)
        user = app
        # port = 5432
        port = 5433

        [logging]
        level = info

        [new]
        flag = on

        """

    struct Snapshot: Equatable {
        var bytes: Data?
        var mode: Int?
        var owner: String?
    }

    static func snapshot(_ path: String) -> Snapshot {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        return Snapshot(bytes: FileManager.default.contents(atPath: path),
                        mode: (attributes?[.posixPermissions] as? NSNumber)?.intValue,
                        owner: attributes?[.ownerAccountName] as? String)
    }

    /// app.conf and motd have modes of their own (and, with OWNER, belong to a
    /// second user, which needs root); app.env does not exist.
    func setUp(_ project: String, owner: Bool = false) throws -> (etc: String, files: [String]) {
        let etc = project + "/etc"
        try FileManager.default.createDirectory(atPath: etc, withIntermediateDirectories: true)
        try TestSupport.write(Self.conf, to: etc + "/app.conf")
        try TestSupport.write("welcome\nno newline at the end", to: etc + "/motd")
        try TestSupport.write("127.0.0.1 localhost\n", to: etc + "/hosts")
        try FileManager.default.setAttributes([.posixPermissions: 0o604], ofItemAtPath: etc + "/app.conf")
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: etc + "/motd")
        if owner {
            _ = try #require(try TerminalSessionTests.makeUser(Self.owner), "a second user needs root")
            _ = try TestSupport.run("chown", ["\(Self.owner):\(Self.owner)", etc + "/app.conf", etc + "/motd"])
        }
        return (etc, ["app.conf", "motd", "hosts", "app.env"].map { etc + "/" + $0 })
    }

    @Test func aMergeAndWholeFileWritesAreRolledBackByteForByteWithMode() throws {
        try mergeAndWholeFileWrites(owner: false)
    }

    /// The files' owner is another user (made here, so root): see FileOwnerTests.
    func mergeAndWholeFileWrites(owner: Bool) throws {
        let (project, script, env) = try TestSupport.buildProcedure(Self.doc)
        defer {
            try? FileManager.default.removeItem(atPath: project)
            if owner { _ = try? TestSupport.run("userdel", ["-r", Self.owner]) }
        }
        let (etc, files) = try setUp(project, owner: owner)
        let before = files.map(Self.snapshot)
        let values = ["--set", "ETC=\(etc)", "--set", "DB_HOST=db'1 $(x)"]

        let dry = try TestSupport.run(script, ["--dry-run"] + values, environment: env)
        #expect(dry.status == 0 && dry.stdout.contains("[merge \(etc)/app.conf]"), "\(dry.stdout)\(dry.stderr)")
        #expect(files.map(Self.snapshot) == before, "a dry run writes nothing")

        // The last step fails: every file is back as it was.
        let failed = try TestSupport.run(script, ["--yes"] + values, environment: env)
        #expect(failed.status == 3, "\(failed.stdout)\(failed.stderr)")
        #expect(failed.stdout.contains("rolled back"), "\(failed.stdout)")
        for (path, old) in zip(files, before) {
            #expect(Self.snapshot(path) == old, "\(path) is back, bytes, mode and owner")
        }
        #expect(!FileManager.default.fileExists(atPath: etc + "/app.env"), "a file that did not exist is removed")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: etc).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty, "no temporary file left: \(leftovers)")
        #expect(!FileManager.default.fileExists(atPath: project + "/state/proc.files"), "the backups go with the journal")

        // A run that succeeds: the merge, the writes (values as data) and the append.
        try TestSupport.touch(project + "/no-failure")
        let run = try TestSupport.run(script, ["--yes"] + values, environment: env)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(TestSupport.read(etc + "/app.conf") == Self.merged, "\(TestSupport.read(etc + "/app.conf") ?? "")")
        #expect(TestSupport.read(etc + "/app.env") == "DATABASE_URL=postgres://db'1 $(x)/app\n")
        #expect(TestSupport.read(etc + "/motd") == "Upgraded. $(not a command) `nor this`\n")
        #expect(TestSupport.read(etc + "/hosts") == "127.0.0.1 localhost\n10.0.0.5 db.internal\n")
        #expect(Self.snapshot(etc + "/app.conf").mode == 0o604 && Self.snapshot(etc + "/app.conf").owner == before[0].owner, "mode and owner kept")
        #expect(Self.snapshot(etc + "/motd").mode == 0o640 && Self.snapshot(etc + "/motd").owner == before[1].owner)
    }

    @Test func aKillAfterTheAppendThenResumeAddsTheLinesOnceAndARollbackStillHasTheFirstBackup() throws {
        let (project, script, env) = try TestSupport.buildProcedure(Self.doc)
        defer { try? FileManager.default.removeItem(atPath: project) }
        let (etc, files) = try setUp(project)
        let before = files.map(Self.snapshot)
        let values = ["--set", "ETC=\(etc)", "--set", "DB_HOST=db1"]
        let faulty = env.merging(["RUNBOOK_FAULT_INJECTION": "disposable-world"]) { $1 }
        let killed = try TestSupport.run(script, ["--yes", "--inject-fault", "kill:add-the-host"] + values, environment: faulty)
        #expect(killed.status == 9, "\(killed.stdout)\(killed.stderr)")
        // --resume runs the append again: the file already ends with it, so it is not added twice.
        // The last step fails; the rollback restores from the backups taken before the kill.
        let resumed = try TestSupport.run(script, ["--resume", "--yes"] + values, environment: env)
        #expect(resumed.status == 3, "\(resumed.stdout)\(resumed.stderr)")
        #expect(resumed.stdout.contains("rolled back"), "\(resumed.stdout)")
        for (path, old) in zip(files, before) {
            #expect(Self.snapshot(path) == old, "\(path) is back")
        }
        try TestSupport.touch(project + "/no-failure")
        _ = try TestSupport.run(script, ["--yes", "--inject-fault", "kill:add-the-host"] + values, environment: faulty)
        let finished = try TestSupport.run(script, ["--resume", "--yes"] + values, environment: env)
        #expect(finished.status == 0, "\(finished.stdout)\(finished.stderr)")
        #expect(TestSupport.read(etc + "/hosts") == "127.0.0.1 localhost\n10.0.0.5 db.internal\n", "appended once")
    }

    @Test func withoutAnAnnotationTheBlockIsShownWithItsFileAndTheStepWaits() throws {
        let doc = "# P\n\n## Configure\n\nEdit `/etc/keystone/keystone.conf`, in `[database]` set:\n\n```ini\n[database]\nconnection = mysql://x\n```\n\n```console\n$ true\n```\n"
        let procedure = try TestSupport.procedure(doc)
        #expect(procedure.steps[0].shown.first?.file == "/etc/keystone/keystone.conf")
        let (project, script, env) = try TestSupport.buildProcedure(doc)
        defer { try? FileManager.default.removeItem(atPath: project) }
        let run = try TestSupport.run(script, ["--yes"], environment: env)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("the page gives this for /etc/keystone/keystone.conf"), "\(run.stdout)")
        #expect(run.stdout.contains("connection = mysql://x") && run.stdout.contains("(confirmed by --yes)"), "\(run.stdout)")
        let lint = try TestSupport.runbook(["lint", "docs-src/proc.md"], in: project)
        #expect(lint.stdout.contains("[RB110]") && lint.stdout.contains("merge=/etc/keystone/keystone.conf"), "\(lint.stdout)")
    }

    @Test(arguments: [
        ("Edit `/etc/keystone/keystone.conf`, in `[database]` set:", "/etc/keystone/keystone.conf"),
        ("Create /etc/nginx/sites-available/app with:", "/etc/nginx/sites-available/app"),
        ("Add to `configuration.py`:", "configuration.py"),
        ("Put this in ~/.pgpass.", "~/.pgpass"),
        ("Set the following:", nil),
    ])
    func theFileASentenceNames(sentence: String, file: String?) throws {
        let doc = "# P\n\n## S\n\n\(sentence)\n\n```ini\n[a]\nb = c\n```\n\n```console\n$ true\n```\n"
        #expect(try TestSupport.procedure(doc).steps[0].shown.first?.file == file, "\(sentence)")
    }
}

/// The files a step writes belong to another user: the rollback gives them
/// back with their owner. Making that user needs root, so this is in the
/// real-system tier.
@Suite(.realSystemTier) struct FileOwnerTests {
    @Test func aMergeAndWholeFileWritesAreRolledBackWithTheirOwner() throws {
        guard getuid() == 0 else { throw TestFailure("this test makes a second user: run it as root (CI does)") }
        try FileChangeTests().mergeAndWholeFileWrites(owner: true)
    }
}
