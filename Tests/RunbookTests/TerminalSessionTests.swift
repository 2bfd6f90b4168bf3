import Extraction
import Foundation
import StepAST
import Testing

/// The page is typed into one terminal: `cd`, `export`, a sourced virtualenv,
/// `su - U` … `exit` and an SQL client left open carry on to the lines after
/// them, in a real run, through a kill -9 and --resume, and into the undo.
@Suite struct TerminalSessionTests {
    // MARK: reading the page

    @Test(arguments: [
        ("su - app", "app", true), ("su -l app", "app", true), ("su app", "app", false), ("su -", "root", true), ("su", "root", false),
        ("sudo -iu app", "app", true), ("sudo -u app -i", "app", true), ("sudo -i -u app", "app", true), ("sudo --login --user=app", "app", true),
        ("sudo su - app", "app", true), ("sudo -i", "root", true), ("sudo -s", "root", false), ("sudo su -", "root", true),
        ("sudo -u app bash", "app", false), ("sudo -u app -H bash -l", "app", true),
    ])
    func aShellLeftOpenAsAnotherUser(line: String, user: String, login: Bool) throws {
        let found = try #require(TerminalSession.userSwitch(line), "\(line)")
        #expect(found.user == user && found.login == login, "\(line): \(found)")
    }

    @Test(arguments: ["su - app -c 'make'", "sudo -u app make", "sudo systemctl restart app", "sudo -u postgres psql", "su - 'a b'", "sudo -iu app whoami"])
    func aCommandRunAsAnotherUserIsNotASwitch(line: String) {
        #expect(TerminalSession.userSwitch(line) == nil, "\(line)")
    }

    @Test func linesAfterASwitchRunAsThatUserUntilExitAndTheClientTakesItsPromptedLines() throws {
        let procedure = try TestSupport.procedure("""
            # P

            ## As the instance

            ```console
            # su - mastodon
            $ cd live
            $ git fetch
            ```

            ## Back as root

            ```console
            $ exit
            # systemctl restart mastodon-web
            ```

            ## Database

            ```console
            $ sudo -u postgres psql -d app
            ```

            ```
            app=# CREATE EXTENSION emaj;
            app=# \\q
            ```

            """)
        let commands = procedure.steps.flatMap(\.commands)
        #expect(commands[0].sessionAction == .enter(user: "mastodon", login: true, session: 1))
        #expect(commands[1].terminal.user == "mastodon" && commands[1].terminal.session == 1 && commands[1].terminal.directory == "~mastodon")
        #expect(commands[2].terminal.directory == "~mastodon/live", "\(commands[2].terminal)")
        #expect(commands[3].sessionAction == .leave)
        #expect(commands[4].terminal.user == nil && commands[4].terminal.session == 0)
        #expect(commands[5].sessionAction == .openClient)
        let sql = try #require(commands.first { $0.interpreter == .psql })
        #expect(sql.terminal.client == ClientOpener(text: "sudo -u postgres psql -d app", line: 21, user: "postgres", arguments: ["-d", "app"]))
    }

    @Test func aClientWithNothingTypedIntoItStaysACommand() throws {
        let procedure = try TestSupport.procedure("# P\n\n## S\n\n```console\n$ psql app\n$ make\n```\n")
        #expect(procedure.steps[0].commands[0].sessionAction == nil)
        #expect(procedure.steps[0].commands[1].terminal.client == nil)
    }

    @Test func theDjangoShellTakesThePythonLinesTypedIntoIt() throws {
        let procedure = try TestSupport.procedure("# P\n\n## S\n\n```console\n$ python manage.py shell\n>>> from django.contrib.auth.models import User\n>>> User.objects.count()\n```\n")
        let commands = procedure.steps[0].commands
        #expect(commands.first?.sessionAction == .openClient, "\(commands)")
        #expect(commands.dropFirst().allSatisfy { $0.interpreter == .python && $0.terminal.client?.arguments == ["python", "manage.py", "shell"] }, "\(commands)")
    }

    @Test func pushdAndPopdCarryTheirStack() throws {
        let doc = "# P\n\n## In\n\n```console\n$ mkdir -p \"$OUT/a/b\"\n$ cd \"$OUT/a\"\n$ pushd b\n```\n\n## Out\n\n```console\n$ pwd > \"$OUT/inside\"\n$ popd\n$ pwd > \"$OUT/outside\"\n```\n"
        let (project, script, env) = try TestSupport.buildProcedure(doc)
        defer { try? FileManager.default.removeItem(atPath: project) }
        let run = try TestSupport.run(script, ["--yes"], environment: env)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(TestSupport.read(project + "/inside") == project + "/a/b\n")
        #expect(TestSupport.read(project + "/outside") == project + "/a\n", "popd in a later step finds pushd's stack")
    }

    // MARK: running it

    static let carryDoc = """
        # Carry

        ## Go to the work folder

        ```console
        $ mkdir -p "$OUT/work/sub" && cd "$OUT/work"
        $ export GREETING="hello  world"
        $ API_TOKEN=$(cat "$OUT/token")
        $ python3 -m venv venv
        $ source venv/bin/activate
        ```

        ## Write there

        <!-- runbook: undo="rm -f written.txt" -->
        ```console
        $ cd sub
        $ printf '%s|%s|%s|%s\\n' "$GREETING" "$(pwd)" "$VIRTUAL_ENV" "$API_TOKEN" > written.txt
        $ python -c 'import sys; print(sys.prefix)' > python.txt
        ```

        ## Check

        ```console
        $ test -f written.txt && pwd > "$OUT/last-folder"
        ```

        ## Fail on purpose

        ```console
        $ test -f "$OUT/no-failure"
        ```

        """

    @Test func cdExportAndAVirtualenvCarryIntoLaterStepsAndTheUndoRunsWhereItsStepWas() throws {
        let (project, script, env) = try TestSupport.buildProcedure(Self.carryDoc)
        defer { try? FileManager.default.removeItem(atPath: project) }
        try TestSupport.touch(project + "/no-failure")
        try TestSupport.write("tok-4471-unique", to: project + "/token")
        let run = try TestSupport.run(script, ["--yes"], environment: env)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        let written = TestSupport.read(project + "/work/sub/written.txt") ?? ""
        #expect(written == "hello  world|\(project)/work/sub|\(project)/work/venv|tok-4471-unique\n", "\(written)")
        #expect(TestSupport.read(project + "/work/sub/python.txt") == "\(project)/work/venv\n", "python is the virtualenv's")
        #expect(TestSupport.read(project + "/last-folder") == "\(project)/work/sub\n")

        // A failure at the last step: the undo of "Write there" runs in work/sub, where its step was.
        try FileManager.default.removeItem(atPath: project + "/no-failure")
        let failed = try TestSupport.run(script, ["--yes"], environment: env)
        #expect(failed.status == 3, "\(failed.stdout)\(failed.stderr)")
        #expect(!FileManager.default.fileExists(atPath: project + "/work/sub/written.txt"), "undone in its step's folder: \(failed.stdout)")
        #expect(failed.stdout.contains("rolled back") || failed.stdout.contains("partly rolled back"), "\(failed.stdout)")
    }

    @Test func aKillAfterACdAndAnExportResumesInTheSameFolderWithTheSameVariables() throws {
        let (project, script, env) = try TestSupport.buildProcedure(Self.carryDoc)
        defer { try? FileManager.default.removeItem(atPath: project) }
        try TestSupport.touch(project + "/no-failure")
        try TestSupport.write("tok-4471-unique", to: project + "/token")
        let faulty = env.merging(["RUNBOOK_FAULT_INJECTION": "disposable-world"]) { $1 }
        let killed = try TestSupport.run(script, ["--yes", "--inject-fault", "kill:write-there"], environment: faulty)
        #expect(killed.status == 9, "\(killed.stdout)\(killed.stderr)")
        let journal = TestSupport.read(project + "/state/proc.journal") ?? ""
        #expect(journal.contains("session 0 dir "), "\(journal)")
        #expect(journal.contains("session 0 set GREETING "), "\(journal)")
        #expect(journal.contains("session 0 secret API_TOKEN"), "\(journal)")
        #expect(!journal.contains("tok-4471-unique") && !journal.contains(Data("tok-4471-unique".utf8).base64EncodedString()), "a secret-named variable is not journaled")
        try FileManager.default.removeItem(atPath: project + "/work/sub/written.txt")

        // The unfinished step runs again from the state it started in (work, not work/sub),
        // and the variable named as a secret comes from RUNBOOK_API_TOKEN.
        let resumed = try TestSupport.run(script, ["--resume", "--yes"], environment: env.merging(["RUNBOOK_API_TOKEN": "tok-4471-unique"]) { $1 })
        #expect(resumed.status == 0, "\(resumed.stdout)\(resumed.stderr)")
        #expect(TestSupport.read(project + "/work/sub/written.txt") == "hello  world|\(project)/work/sub|\(project)/work/venv|tok-4471-unique\n")
        #expect(!FileManager.default.fileExists(atPath: project + "/work/sub/sub"), "not cd'ed twice")
        #expect(TestSupport.read(project + "/last-folder") == "\(project)/work/sub\n")
        for file in (try? FileManager.default.contentsOfDirectory(atPath: project + "/logs")) ?? [] {
            #expect(!(TestSupport.read(project + "/logs/" + file) ?? "").contains("tok-4471-unique"), "the log")
        }
    }

    @Test func aResumeWithoutTheSecretSaysSoAndTheCommandThatNeedsItFails() throws {
        let (project, script, env) = try TestSupport.buildProcedure(Self.carryDoc)
        defer { try? FileManager.default.removeItem(atPath: project) }
        try TestSupport.touch(project + "/no-failure")
        try TestSupport.write("tok-4471-unique", to: project + "/token")
        let faulty = env.merging(["RUNBOOK_FAULT_INJECTION": "disposable-world"]) { $1 }
        _ = try TestSupport.run(script, ["--yes", "--inject-fault", "kill:write-there"], environment: faulty)
        let resumed = try TestSupport.run(script, ["--resume", "--yes"], environment: env)
        #expect(resumed.stderr.contains("API_TOKEN, set by the page before the stop, is a secret and was not kept: give RUNBOOK_API_TOKEN"), "\(resumed.stderr)")
        // The command that uses it fails (bash's nounset) and the run rolls back, rather than writing an empty token.
        #expect(resumed.status == 3, "\(resumed.stdout)\(resumed.stderr)")
        #expect(resumed.stderr.contains("API_TOKEN: unbound variable"), "\(resumed.stderr)")
    }

    // MARK: a second user and a database session (real ones; the tests run as root)

    static let user = "rbterminal"

    /// A real second user, with a login profile that puts ~/bin first on PATH.
    static func makeUser(_ user: String = user) throws -> String? {
        guard getuid() == 0 else { return nil }
        _ = try TestSupport.run("userdel", ["-r", user])
        let made = try TestSupport.run("useradd", ["-m", "-s", "/bin/bash", user])
        guard made.status == 0 else { throw TestFailure("useradd: \(made.stderr)") }
        let home = "/home/\(user)"
        try TestSupport.write("export PATH=\"$HOME/bin:$PATH\"\nexport FROM_PROFILE=yes\n", to: home + "/.profile")
        _ = try TestSupport.run("chown", ["-R", "\(user):\(user)", home])
        return home
    }
}

/// Lines typed as a second user (su, sudo): the user is made here, which needs
/// root, so these are in the real-system tier.
@Suite(.serialized, .realSystemTier) struct TerminalUserTests {
    /// `sudo -u USER bash` is not a login: the lines typed into it run in the
    /// folder of the shell it was typed in, as `plan` says (before, in the
    /// folder the script was started from).
    @Test(.enabled(if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/sudo"), "needs root and sudo (script/setup installs it)"))
    func aShellOpenedWithSudoStartsInTheFolderItWasTypedIn() throws {
        let shared = "/tmp/runbook-sudo-folder-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o777])
        defer { try? FileManager.default.removeItem(atPath: shared) }
        let doc = """
            # As another user

            ## Write where we are

            ```console
            $ cd \(shared)
            $ sudo -u nobody bash
            $ pwd > where && whoami >> where
            $ exit
            ```

            """
        let (project, script, env) = try TestSupport.buildProcedure(doc)
        defer { try? FileManager.default.removeItem(atPath: project) }
        let plan = try TestSupport.runbook(["plan", "docs-src/proc.md"], in: project)
        #expect(plan.stdout.contains("runs as nobody, in \(shared)"), "\(plan.stdout)")
        // Started from / : the folder must come from the page, not from here.
        let run = try TestSupport.run(script, ["--yes"], in: "/", environment: env)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(TestSupport.read(shared + "/where") == "\(shared)\nnobody\n")
    }

    @Test(.enabled(if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/sudo"), "needs root and sudo (script/setup installs it)"))
    func aSecondUserRunsItsPartThroughSuAndTheSQLGoesToTheClientTheOperatorOpened() throws {
        let home = try #require(try TerminalSessionTests.makeUser())
        defer { _ = try? TestSupport.run("userdel", ["-r", TerminalSessionTests.user]) }
        let postgres = try ThrowawayPostgres.start()
        defer { postgres.stop() }
        let doc = """
            # Two users

            ## As the instance user

            ```console
            # cd /tmp
            # su - \(TerminalSessionTests.user)
            $ mkdir -p app/bin && cd app
            $ export PATH="$HOME/app/bin:$PATH"
            $ printf '#!/bin/sh\\necho tool-ran\\n' > bin/tool && chmod +x bin/tool
            ```

            Later, in the same shell:

            ```console
            $ tool > made-by-instance.txt && printf '%s|%s|%s\\n' "$(whoami)" "$(pwd)" "$FROM_PROFILE" >> made-by-instance.txt
            $ exit
            # pwd > "$OUT/root-folder"
            ```

            ## Create the table

            ```console
            $ sudo -u postgres psql
            ```

            ```
            postgres=# CREATE TABLE terminal_check (who text);
            postgres=# INSERT INTO terminal_check SELECT current_user;
            postgres=# \\q
            ```

            """
        let (project, script, env) = try TestSupport.buildProcedure(doc)
        defer { try? FileManager.default.removeItem(atPath: project) }
        let plan = try TestSupport.runbook(["plan", "docs-src/proc.md"], in: project)
        #expect(plan.stdout.contains("runs as \(TerminalSessionTests.user) (login shell), in ~\(TerminalSessionTests.user)/app"), "\(plan.stdout)")
        let dry = try TestSupport.run(script, ["--dry-run"], environment: env)
        #expect(dry.stdout.contains("(as \(TerminalSessionTests.user) (login shell), in ~\(TerminalSessionTests.user)/app)"), "\(dry.stdout)")

        let run = try TestSupport.run(script, ["--yes"], environment: env.merging(postgres.environment()) { $1 })
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        let made = home + "/app/made-by-instance.txt"
        #expect(TestSupport.read(made) == "tool-ran\n\(TerminalSessionTests.user)|\(home)/app|yes\n", "the profile, the folder and the PATH export carried: \(TestSupport.read(made) ?? "none")")
        let owner = try FileManager.default.attributesOfItem(atPath: made)[.ownerAccountName] as? String
        #expect(owner == TerminalSessionTests.user, "the file belongs to the user who made it")
        #expect(TestSupport.read(project + "/root-folder") == "/tmp\n", "after exit, back in root's shell and its folder")
        #expect(try postgres.sql("SELECT who FROM terminal_check") == "postgres")
    }
}
