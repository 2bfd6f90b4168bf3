import Foundation
import Testing

/// psql steps against a real PostgreSQL server: a throw-away cluster in a
/// temporary directory, on a Unix socket only, started and stopped by the test.
@Suite(.realSystemTier) struct PostgreSQLStepTests {
    @Test func parametersReachSQLAsQuotedPsqlVariables() throws {
        let server = try ThrowawayPostgres.start()
        defer { server.stop() }
        let bin = server.bin

        let project = try TestSupport.temporaryDirectory("pgproject")
        defer { try? FileManager.default.removeItem(atPath: project) }
        try TestSupport.write("""
        # P

        <!-- runbook: param=LABEL placeholder="<label>" -->

        ## Create

        ```sql
        CREATE TABLE labels(v text);
        INSERT INTO labels VALUES (<label>);
        ```

        ## Fail on purpose

        ```sql
        SELECT 1/0;
        ```
        """, to: project + "/docs-src/pg.md")
        #expect(try TestSupport.runbook(["build"], in: project).status == 0)
        let env = server.environment().merging(["RUNBOOK_STATE_DIR": project + "/state"]) { $1 }
        let hostile = "it's'); DROP TABLE labels; --"
        let run = try TestSupport.run(project + "/generated/pg.sh", ["--set", "LABEL=\(hostile)", "--only", "create"], environment: env)
        #expect(run.status == 0, "\(run.stderr)")
        let rows = try TestSupport.run("\(bin)/psql", ["-X", "-A", "-t", "-c", "SELECT v FROM labels"], environment: env)
        #expect(rows.stdout == hostile + "\n")

        let failing = try TestSupport.run(project + "/generated/pg.sh", ["--set", "LABEL=x", "--only", "fail-on-purpose"], environment: env)
        #expect(failing.status == 3)
        #expect(failing.stderr.contains("command at docs-src/pg.md:15 exited with status 3"), "\(failing.stderr)")
        #expect(failing.stderr.contains("division by zero"))
    }

    /// A value reaches psql on its input (`\set`), not on its command line, which
    /// every user of the host reads (`ps`); and only the values the SQL names.
    @Test func valuesNeverReachPsqlsCommandLine() throws {
        let server = try ThrowawayPostgres.start()
        defer { server.stop() }
        let project = try TestSupport.temporaryDirectory("pgsecret")
        defer { try? FileManager.default.removeItem(atPath: project) }
        try TestSupport.write("""
        # P

        <!-- runbook: param=APP_PASSWORD secret -->
        <!-- runbook: param=NOTE -->

        ## Set the password

        ```sql
        CREATE ROLE app LOGIN;
        ALTER ROLE app PASSWORD :'APP_PASSWORD';
        SELECT pg_sleep(1.5);
        ```

        ## Keep a note

        ```sql
        CREATE TABLE notes(v text);
        INSERT INTO notes VALUES (:'NOTE');
        SELECT pg_sleep(1.5);
        ```
        """, to: project + "/docs-src/pg.md")
        #expect(try TestSupport.runbook(["build"], in: project).status == 0)
        let secret = "s3cr3t-\(UUID().uuidString)", note = "multi\nline 'note' with \\ and :x"
        // The secret as the operator gives it, in the environment; the note on the script's command line.
        let env = server.environment().merging(["RUNBOOK_STATE_DIR": project + "/state", "RUNBOOK_APP_PASSWORD": secret]) { $1 }
        let run = try TestSupport.launch(project + "/generated/pg.sh", ["--set", "NOTE=\(note)"], environment: env)
        // Every process's command line, sampled while the steps run; `ours`,
        // those of this run (its environment names its state folder): other
        // suites run psql at the same time, with their own words.
        var lines: [String] = [], ours: [String] = []
        while run.isRunning {
            for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] where entry.allSatisfy(\.isNumber) {
                if let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline"), !data.isEmpty {
                    let line = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\0", with: " ")
                    lines.append(line)
                    let environ = FileManager.default.contents(atPath: "/proc/\(entry)/environ") ?? Data()
                    if String(decoding: environ, as: UTF8.self).contains("RUNBOOK_STATE_DIR=\(project)/state\0") { ours.append(line) }
                }
            }
            usleep(100_000)
        }
        #expect(run.terminationStatus == 0)
        let psqlLines = ours.filter { $0.hasPrefix("psql ") }
        #expect(!psqlLines.isEmpty, "psql was seen running")
        #expect(!lines.contains { $0.contains(secret) }, "the secret on a command line: \(lines.filter { $0.contains(secret) })")
        #expect(!psqlLines.contains { $0.contains("NOTE") || $0.contains("note") }, "\(psqlLines)")
        #expect(try server.sql("SELECT v FROM notes") == note)
        #expect(try server.sql("SELECT rolpassword IS NOT NULL FROM pg_authid WHERE rolname = 'app'") == "t")
    }

    /// psql's error quotes the value it could not take: a secret's is masked in
    /// the log, cut short or whole.
    @Test func aClientErrorQuotingASecretIsMaskedInTheLog() throws {
        let server = try ThrowawayPostgres.start()
        defer { server.stop() }
        let project = try TestSupport.temporaryDirectory("pgmask")
        defer { try? FileManager.default.removeItem(atPath: project) }
        try TestSupport.write("""
        # P

        <!-- runbook: param=PIN secret -->

        ## Use the pin

        ```sql
        SELECT :'PIN'::int;
        ```
        """, to: project + "/docs-src/pg.md")
        #expect(try TestSupport.runbook(["build"], in: project).status == 0)
        let secret = "hunter2-S3cret-pin"
        let env = server.environment().merging(["RUNBOOK_STATE_DIR": project + "/state", "RUNBOOK_PIN": secret]) { $1 }
        let run = try TestSupport.run(project + "/generated/pg.sh", [], environment: env)
        #expect(run.status == 3, "\(run.stderr)")
        let logs = try FileManager.default.contentsOfDirectory(atPath: project + "/state").filter { $0.hasSuffix(".log") }
        let log = try #require(logs.first.flatMap { TestSupport.read(project + "/state/" + $0) })
        #expect(log.contains("invalid input syntax for type integer: \"***"), "psql's message is there, the value masked: \(log)")
        #expect(!log.contains("hunter") && !run.stderr.contains("hunter") && !run.stdout.contains("hunter"), "\(log)\n\(run.stderr)")
    }
}
