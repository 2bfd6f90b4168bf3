import Foundation
import Testing

/// psql steps against a real PostgreSQL server: a throw-away cluster in a
/// temporary directory, on a Unix socket only, started and stopped by the test.
@Suite struct PostgreSQLStepTests {
    static let bin: String? = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql"))?
        .sorted().last.map { "/usr/lib/postgresql/\($0)/bin" }

    /// Runs a shell line as the postgres user (initdb refuses root).
    func asPostgres(_ line: String) throws -> TestSupport.Result {
        let isRoot = getuid() == 0
        return try TestSupport.run(isRoot ? "runuser" : "bash", isRoot ? ["-u", "postgres", "--", "bash", "-c", line] : ["-c", line])
    }

    @Test func parametersReachSQLAsQuotedPsqlVariables() throws {
        let bin = try #require(Self.bin, "PostgreSQL is not installed: run script/setup")
        let dir = try TestSupport.temporaryDirectory("pg")
        defer { _ = try? asPostgres("\(bin)/pg_ctl -D '\(dir)/data' -m immediate stop"); try? FileManager.default.removeItem(atPath: dir) }
        if getuid() == 0 { try TestSupport.run("chown", ["postgres", dir]) }
        // The server must not inherit the descriptors Foundation uses to watch its children,
        // or waiting for the starting shell never ends.
        let closeInherited = "for fd in /proc/$$/fd/*; do n=${fd##*/}; if [ \"$n\" -gt 2 ]; then eval \"exec $n>&-\"; fi; done 2>/dev/null; "
        let start = try asPostgres(closeInherited + "\(bin)/initdb -D '\(dir)/data' -A trust -U postgres >/dev/null && \(bin)/pg_ctl -D '\(dir)/data' -o \"-k '\(dir)' -c listen_addresses=''\" -l '\(dir)/log' -w start >/dev/null")
        #expect(start.status == 0, "\(start.stderr)")

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
        let env = ["PGHOST": dir, "PGUSER": "postgres", "PGDATABASE": "postgres", "RUNBOOK_STATE_DIR": project + "/state", "PATH": "\(bin):" + (ProcessInfo.processInfo.environment["PATH"] ?? "")]
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
}
