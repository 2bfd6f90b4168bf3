import Foundation
import Testing

/// Interrupting a psql step cancels its statement on the server: a real
/// PostgreSQL runs an UPDATE that takes seconds, the run gets SIGTERM while it
/// runs, and the table is as before, then and after the statement's time.
/// (SIGTERM to psql alone leaves the server running the statement to its commit.)
@Suite(.serialized, .realSystemTier) struct ServerStatementTests {
    @Test(arguments: [SIGTERM, SIGINT])
    func anInterruptedStatementIsCancelledOnTheServer(signal: Int32) throws {
        let server = try ThrowawayPostgres.start()
        defer { server.stop() }
        try server.sql("CREATE TABLE accounts(id int PRIMARY KEY, balance int); INSERT INTO accounts VALUES (1, 100);")
        let doc = """
        # Pay interest

        ## Add the interest

        ```sql
        UPDATE accounts SET balance = balance + 1 WHERE pg_sleep(3) IS NOT NULL;
        ```
        """
        let (project, script, env) = try TestSupport.buildProcedure(doc)
        defer { try? FileManager.default.removeItem(atPath: project) }
        let process = try TestSupport.launch(script, ["--yes"], environment: env.merging(server.environment()) { $1 })
        // Until the UPDATE runs on the server.
        var running = false
        for _ in 0..<200 where !running {
            running = try server.sql("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'UPDATE accounts%' AND state = 'active'") == "1"
            if !running { usleep(25_000) }
        }
        try #require(running, "the statement never ran")
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        #expect(try server.sql("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'UPDATE accounts%' AND state = 'active'") == "0",
                "the statement still runs on the server")
        // Past the statement's own time: it did not commit later either.
        sleep(4)
        #expect(try server.sql("SELECT balance FROM accounts WHERE id = 1") == "100")
    }

    /// The same with a real MariaDB: SIGINT to the mysql client makes it send
    /// `KILL QUERY` for its connection over a second one (its own Ctrl-C
    /// handling), which TERM would not.
    @Test(arguments: [SIGTERM, SIGINT])
    func anInterruptedMySQLStatementIsKilledOnTheServer(signal: Int32) throws {
        let server = try ThrowawayMariaDB.start()
        defer { server.stop() }
        _ = try server.sql("CREATE DATABASE bank; CREATE TABLE bank.accounts(id int PRIMARY KEY, balance int) ENGINE=InnoDB; INSERT INTO bank.accounts VALUES (1, 100);")
        let doc = """
        # Pay interest

        ## Add the interest

        ```mysql
        UPDATE bank.accounts SET balance = balance + 1 WHERE SLEEP(3) = 0;
        ```
        """
        let (project, script, env) = try TestSupport.buildProcedure(doc)
        defer { try? FileManager.default.removeItem(atPath: project) }
        let process = try TestSupport.launch(script, ["--yes"], environment: env.merging(["HOME": server.home]) { $1 })
        let running = "SELECT count(*) FROM information_schema.PROCESSLIST WHERE INFO LIKE 'UPDATE bank.accounts%'"
        var seen = false
        for _ in 0..<200 where !seen {
            seen = try server.sql(running) == "1"
            if !seen { usleep(25_000) }
        }
        try #require(seen, "the statement never ran")
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        #expect(try server.sql(running) == "0", "the statement still runs on the server")
        sleep(4)
        #expect(try server.sql("SELECT balance FROM bank.accounts WHERE id = 1") == "100")
    }
}
