import Foundation
import Testing

/// psql steps against a real PostgreSQL server: a throw-away cluster in a
/// temporary directory, on a Unix socket only, started and stopped by the test.
@Suite struct PostgreSQLStepTests {
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
}
