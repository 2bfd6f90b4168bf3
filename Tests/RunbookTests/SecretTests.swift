import Foundation
import Testing

/// Secret values stay out of every file a run writes and out of what it
/// prints; the files themselves are for their owner alone.
@Suite struct SecretTests {
    static let doc = """
        # Rotate

        <!-- runbook: param=DB_PASSWORD placeholder="<password>" -->
        <!-- runbook: param=PIN secret -->
        <!-- runbook: param=SITE placeholder="<site>" -->

        ## Store the password

        <!-- runbook: undo="rm -f \\"$OUT/used\\"" -->
        ```sh
        printf '%s|%s|%s' <password> "$PIN" <site> > "$OUT/used"
        ```

        ## Get a token

        <!-- runbook: capture=SESSION_TOKEN -->
        ```sh
        printf 'tok-%s' "$PIN"
        ```

        ## Use the token

        <!-- runbook: undo="rm -f \\"$OUT/token\\"" -->
        ```sh
        printf '%s' "$SESSION_TOKEN" > "$OUT/token"
        ```

        """

    static let password = "hunter2-S3cret"
    static let pin = "pin-7429-unique"

    /// Every file under the run's state and log folders, with its content.
    func files(_ env: [String: String]) -> [(String, String)] {
        [env["RUNBOOK_STATE_DIR"]!, env["RUNBOOK_LOG_DIR"]!].flatMap { dir in
            (FileManager.default.enumerator(atPath: dir)?.allObjects as? [String] ?? []).map { dir + "/" + $0 }
        }.filter { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
        }.map { ($0, TestSupport.read($0) ?? "") }
    }

    func leaks(_ text: String) -> [String] {
        [Self.password, Self.pin, "tok-\(Self.pin)", Data(Self.password.utf8).base64EncodedString(), Data(Self.pin.utf8).base64EncodedString()]
            .filter { text.contains($0) }
    }

    /// A variable the page builds from a secret (a connection string holding a
    /// password) is as secret as the password: not in the journal.
    @Test func aValueBuiltFromASecretStaysOutOfTheJournal() throws {
        let (project, script, env) = try TestSupport.buildProcedure("""
            # Connect

            <!-- runbook: param=PIN secret -->

            ## Build the address

            ```bash
            export DSN="postgres://app:${PIN}@db.example/app"
            export REGION=eu-west
            ```

            ## Use it

            ```bash
            printf '%s' "$DSN" > "$OUT/dsn"
            ```

            """)
        defer { try? FileManager.default.removeItem(atPath: project) }
        let killed = try TestSupport.run(script, ["--inject-fault", "kill:use-it"],
                                         environment: env.merging(["RUNBOOK_FAULT_INJECTION": "disposable-world", "RUNBOOK_PIN": Self.pin]) { $1 })
        #expect(killed.status == 9, "\(killed.stdout)\(killed.stderr)")
        let journal = try #require(files(env).first { $0.0.hasSuffix(".journal") })
        let dsn = "postgres://app:\(Self.pin)@db.example/app"
        #expect(!journal.1.contains(Data(dsn.utf8).base64EncodedString()) && leaks(journal.1).isEmpty, "\(journal.1)")
        #expect(journal.1.contains("session 0 secret DSN"), "\(journal.1)")
        #expect(journal.1.contains("session 0 set REGION "), "an ordinary variable is kept: \(journal.1)")
    }

    @Test func secretsStayOutOfTheJournalTheLogTheDryRunAndTheTerminal() throws {
        let (project, script, env) = try TestSupport.buildProcedure(Self.doc)
        defer { try? FileManager.default.removeItem(atPath: project) }
        let values = ["--set", "DB_PASSWORD=\(Self.password)", "--set", "PIN=\(Self.pin)", "--set", "SITE=shop"]

        let dry = try TestSupport.run(script, ["--dry-run"] + values, environment: env)
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(leaks(dry.stdout + dry.stderr).isEmpty, "\(dry.stdout)")
        #expect(dry.stdout.contains("(with DB_PASSWORD: secret, not shown)"), "\(dry.stdout)")
        #expect(dry.stdout.contains("(with SITE=shop)"), "an ordinary value is shown")

        // A run killed after its second step leaves its journal: no secret in it.
        let killed = try TestSupport.run(script, values + ["--inject-fault", "kill:get-a-token"],
                                         environment: env.merging(["RUNBOOK_FAULT_INJECTION": "disposable-world"]) { $1 })
        #expect(killed.status == 9, "killed by SIGKILL: \(killed.stdout)\(killed.stderr)")
        let journal = try #require(files(env).first { $0.0.hasSuffix(".journal") })
        #expect(journal.1.contains("value SITE "), "\(journal.1)")
        #expect(leaks(journal.1).isEmpty, "\(journal.1)")
        #expect(!journal.1.contains("value DB_PASSWORD") && !journal.1.contains("value PIN") && !journal.1.contains("value SESSION_TOKEN"))

        // --resume without the secrets (no terminal to ask on) refuses; with them, it finishes.
        let refused = try TestSupport.run(script, ["--resume"], environment: env)
        #expect(refused.status == 2, "\(refused.stdout)\(refused.stderr)")
        #expect(refused.stderr.contains("missing parameter DB_PASSWORD"), "\(refused.stderr)")
        let resumed = try TestSupport.run(script, ["--resume"],
                                          environment: env.merging(["RUNBOOK_DB_PASSWORD": Self.password, "RUNBOOK_PIN": Self.pin]) { $1 })
        #expect(resumed.status == 0, "\(resumed.stdout)\(resumed.stderr)")
        #expect(TestSupport.read(project + "/used") == "\(Self.password)|\(Self.pin)|shop", "the commands got the values")
        #expect(TestSupport.read(project + "/token") == "tok-\(Self.pin)", "the secret capture reached the next step")

        for (path, content) in files(env) {
            #expect(leaks(content).isEmpty, "\(path) holds a secret: \(content)")
        }
        #expect(leaks(killed.stdout + killed.stderr + refused.stdout + refused.stderr + resumed.stdout + resumed.stderr).isEmpty)
    }

    @Test func theFilesOfARunAreForTheirOwnerAlone() throws {
        let (project, script, env) = try TestSupport.buildProcedure(Self.doc)
        defer { try? FileManager.default.removeItem(atPath: project) }
        let killed = try TestSupport.run(script, ["--set", "DB_PASSWORD=x", "--set", "PIN=y", "--set", "SITE=z", "--inject-fault", "kill:get-a-token"],
                                         environment: env.merging(["RUNBOOK_FAULT_INJECTION": "disposable-world"]) { $1 })
        #expect(killed.status == 9)
        func mode(_ path: String) throws -> Int {
            try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        }
        #expect(try mode(env["RUNBOOK_STATE_DIR"]!) == 0o700)
        #expect(try mode(env["RUNBOOK_LOG_DIR"]!) == 0o700)
        let written = files(env)
        #expect(written.count >= 3, "journal, lock, log: \(written.map(\.0))")
        for (path, _) in written {
            #expect(try mode(path) == 0o600, "\(path)")
        }
    }
}
