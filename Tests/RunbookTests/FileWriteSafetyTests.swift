import Foundation
import Testing

/// write=/merge= on the edges: a link stays a link (its target written and
/// put back), a value with a line break is refused in a merge (it would add
/// settings of its own), and a run interrupted while it writes leaves no
/// temporary file beside the configuration.
@Suite struct FileWriteSafetyTests {
    @Test func aLinkStaysALinkAndItsTargetIsPutBack() throws {
        let etc = try TestSupport.temporaryDirectory("link-etc")
        defer { try? FileManager.default.removeItem(atPath: etc) }
        try TestSupport.write("[db]\nhost = old\n", to: etc + "/real.ini")
        try FileManager.default.createSymbolicLink(atPath: etc + "/app.ini", withDestinationPath: "real.ini")
        let doc = """
        # P

        ## Configure

        <!-- runbook: merge=\(etc)/app.ini -->
        ```ini
        [db]
        host = new
        ```

        ## Fail

        ```bash
        false
        ```
        """
        let (project, script, env) = try TestSupport.buildProcedure(doc)
        defer { try? FileManager.default.removeItem(atPath: project) }
        let run = try TestSupport.run(script, ["--yes", "--no-rollback"], environment: env)
        #expect(run.status == 3)
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: etc + "/app.ini")) == "real.ini", "the link was replaced by a file")
        #expect(TestSupport.read(etc + "/real.ini") == "[db]\nhost = new\n")
        let rollback = try TestSupport.run(script, ["--rollback"], environment: env)
        #expect(rollback.status == 0, "\(rollback.stderr)")
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: etc + "/app.ini")) == "real.ini")
        #expect(TestSupport.read(etc + "/real.ini") == "[db]\nhost = old\n")
    }

    @Test func aValueWithALineBreakIsRefusedInAMerge() throws {
        let etc = try TestSupport.temporaryDirectory("merge-etc")
        defer { try? FileManager.default.removeItem(atPath: etc) }
        try TestSupport.write("[db]\nhost = old\n", to: etc + "/app.ini")
        let doc = """
        # P

        <!-- runbook: param=HOST placeholder="<host>" -->

        ## Configure

        <!-- runbook: merge=\(etc)/app.ini -->
        ```ini
        [db]
        host = <host>
        ```
        """
        let (project, script, env) = try TestSupport.buildProcedure(doc)
        defer { try? FileManager.default.removeItem(atPath: project) }
        let run = try TestSupport.run(script, ["--yes", "--set", "HOST=db1\n[admin]\npassword = x"], environment: env)
        #expect(run.status == 3, "\(run.stdout)\(run.stderr)")
        #expect(run.stderr.contains("HOST's value has a line break"), "\(run.stderr)")
        #expect(TestSupport.read(etc + "/app.ini") == "[db]\nhost = old\n")
    }

    /// The signal comes while the temporary file exists: `chown`, which the
    /// runtime calls between writing it and renaming it, is a stand-in on PATH
    /// that says it got there and waits, then runs the real one.
    @Test(arguments: [SIGTERM, SIGINT, SIGHUP])
    func aRunInterruptedWhileItWritesLeavesNoTemporaryFile(signal: Int32) throws {
        let etc = try TestSupport.temporaryDirectory("tmp-etc")
        defer { try? FileManager.default.removeItem(atPath: etc) }
        try TestSupport.write("[db]\nhost = old\n", to: etc + "/app.ini")
        let doc = """
        # P

        ## Configure

        <!-- runbook: write=\(etc)/app.ini -->
        ```ini
        [db]
        host = new
        ```
        """
        let (project, script, env) = try TestSupport.buildProcedure(doc)
        defer { try? FileManager.default.removeItem(atPath: project) }
        let real = try TestSupport.run("sh", ["-c", "command -v chown"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try TestSupport.write("#!/bin/sh\ntouch \"$OUT/writing\"\nsleep 3\nexec \(real) \"$@\"\n", to: project + "/stand-in/chown")
        chmod(project + "/stand-in/chown", 0o755)
        var environment = env
        environment["PATH"] = project + "/stand-in:" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let process = try TestSupport.launch(script, ["--yes"], environment: environment)
        try TestSupport.waitFor(project + "/writing")
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        let left = try FileManager.default.contentsOfDirectory(atPath: etc).filter { $0 != "app.ini" }
        #expect(left.isEmpty, "temporary files left: \(left)")
        #expect(TestSupport.read(etc + "/app.ini") == "[db]\nhost = old\n")
    }
}
