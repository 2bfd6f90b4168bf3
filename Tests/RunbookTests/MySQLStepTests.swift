import Foundation
import Testing

/// mysql steps against a real MariaDB server: the prompts of the OpenStack
/// install pages, and values that reach SQL only as data.
@Suite(.serialized, .realSystemTier) struct MySQLStepTests {
    static let hostile = ["plain", "it's", "say \"hi\"", "back\\slash", "'); DROP DATABASE app; --", "a & b", "multi\nline", "$(touch /tmp/runbook-pwned)"]

    @Test func valuesReachMySQLAsDataInEveryContext() throws {
        let server = try ThrowawayMariaDB.start()
        defer { server.stop() }
        let (project, script, env) = try TestSupport.buildProcedure("""
            # Store

            <!-- runbook: param=VALUE placeholder="<value>" -->

            ## Create the table

            ```mysql
            CREATE DATABASE IF NOT EXISTS app;
            CREATE TABLE IF NOT EXISTS app.t (k varchar(10), v text);
            ```

            ## Store the value

            ```mysql
            INSERT INTO app.t VALUES ('bare', <value>), ('whole', '<value>'), ('part', 'pre <value> post'), ('double', "<value>");
            ```

            """)
        defer { try? FileManager.default.removeItem(atPath: project) }
        for value in Self.hostile {
            _ = try server.sql("DROP DATABASE IF EXISTS app")
            let run = try TestSupport.run(script, ["--set", "VALUE=\(value)"], environment: env.merging(["HOME": server.home]) { $1 })
            #expect(run.status == 0, "\(value): \(run.stdout)\(run.stderr)")
            let stored = try server.sql("SELECT GROUP_CONCAT(CONCAT(k, '=', TO_BASE64(v)) ORDER BY k SEPARATOR ',') FROM app.t")
            let expected = [("bare", value), ("double", value), ("part", "pre \(value) post"), ("whole", value)]
                .map { "\($0.0)=\(Data($0.1.utf8).base64EncodedString())" }.joined(separator: ",")
            #expect(stored.replacingOccurrences(of: "\\n", with: "").replacingOccurrences(of: "\n", with: "") == expected, "\(value)")
            #expect(try server.sql("SHOW DATABASES LIKE 'app'") == "app", "the database survives: \(value)")
        }
        #expect(!FileManager.default.fileExists(atPath: "/tmp/runbook-pwned"))
    }

    /// The glance install page's database steps, as the page writes them:
    /// `MariaDB [(none)]>` prompts, a continuation line, and the password the
    /// prose says to replace, given as a parameter.
    @Test func theGlancePagesDatabaseStepsRunAgainstMariaDB() throws {
        let server = try ThrowawayMariaDB.start()
        defer { server.stop() }
        let (project, script, env) = try TestSupport.buildProcedure("""
            Glance database
            ===============

            Prerequisites
            -------------

            * Create the ``glance`` database:

              .. code-block:: console

                 MariaDB [(none)]> CREATE DATABASE glance;

            * Grant proper access to the ``glance`` database:

              .. code-block:: console

                 MariaDB [(none)]> GRANT ALL PRIVILEGES ON glance.* TO 'glance'@'localhost' \\
                   IDENTIFIED BY 'GLANCE_DBPASS';

              Replace ``GLANCE_DBPASS`` with a suitable password.

            """, name: "glance.rst")
        defer { try? FileManager.default.removeItem(atPath: project) }
        let password = "s3cret'; DROP DATABASE glance; --"
        let run = try TestSupport.run(script, ["--set", "GLANCE_DBPASS=\(password)"], environment: env.merging(["HOME": server.home]) { $1 })
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(try server.sql("SHOW DATABASES LIKE 'glance'") == "glance")
        // The grant took the password given, as data: the user logs in with it.
        let login = try TestSupport.run("mariadb", ["--no-defaults", "--socket=\(server.socket)", "-uglance", "-p\(password)", "-e", "SELECT CURRENT_USER()"])
        #expect(login.status == 0, "\(login.stderr)")
        #expect(login.stdout.contains("glance@localhost"))
        let help = try TestSupport.run(script, ["--help"], environment: env)
        #expect(help.stdout.contains("GLANCE_DBPASS  Replace GLANCE_DBPASS with a suitable password."), "\(help.stdout)")
    }

    /// The glance page for Red Hat, as it is (Tests/Trees): `$ mysql -u root -p`
    /// in one block, the `MariaDB [(none)]>` lines in the next ones. The SQL goes
    /// to the client the page opened; its `-p` prompt is not asked (the password
    /// comes from ~/.my.cnf, as the README says), so the run needs no terminal.
    @Test func aClientOpenedInOneBlockTakesThePromptedLinesOfTheNextOnes() throws {
        let page = try #require(TestSupport.read(TestSupport.packageRoot + "/Tests/Trees/sphinx-glance/doc/source/install/install-rdo.rst"))
        // From the title to "Exit the database access client.": the page's database steps.
        let lines = page.components(separatedBy: "\n")
        let end = try #require(lines.firstIndex { $0.contains("Exit the database access client.") })
        let excerpt = lines[...end].joined(separator: "\n") + "\n"
        #expect(excerpt.contains("$ mysql -u root -p"))
        let server = try ThrowawayMariaDB.start()
        defer { server.stop() }
        let (project, script, env) = try TestSupport.buildProcedure(excerpt, name: "install-rdo.rst")
        defer { try? FileManager.default.removeItem(atPath: project) }
        let plan = try TestSupport.runbook(["plan", "docs-src/install-rdo.rst"], in: project)
        #expect(plan.stdout.contains("typed into 'mysql -u root -p' (line 21)"), "\(plan.stdout)")
        let run = try TestSupport.run(script, ["--yes", "--set", "GLANCE_DBPASS=pw-9931"], environment: env.merging(["HOME": server.home]) { $1 })
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(try server.sql("SHOW DATABASES LIKE 'glance'") == "glance")
        let login = try TestSupport.run("mariadb", ["--no-defaults", "--socket=\(server.socket)", "-uglance", "-ppw-9931", "-e", "SELECT 1"])
        #expect(login.status == 0, "\(login.stderr)")
    }
}
