import Foundation
import Testing

/// Rollback failure, signals, the lock, and `when` conditions, in real runs.
@Suite struct RuntimeSafetyTests {
    func build(_ doc: String) throws -> (project: String, script: String, env: [String: String]) {
        try TestSupport.buildProcedure(doc)
    }

    static let twoSteps = """
    # P

    ## Create a

    <!-- runbook: undo="rm \\"$OUT/a\\"" -->
    ```sh
    touch "$OUT/a"
    ```

    ## Create b

    <!-- runbook: undo="rm \\"$OUT/b\\"" -->
    ```sh
    touch "$OUT/b"
    if [ -e "$OUT/wait" ]; then touch "$OUT/waiting"; sleep 30; fi
    test ! -e "$OUT/fail"
    ```
    """

    @Test func aFailingUndoExits4AndSaysWhatRemains() throws {
        let (project, script, env) = try build(Self.twoSteps)
        defer { try? FileManager.default.removeItem(atPath: project) }
        try TestSupport.touch(project + "/fail")
        // Undoing step 1 will fail: its file is made undeletable by taking the directory away.
        let doc = try #require(TestSupport.read(script))
        #expect(doc.contains("rb_undo_1"))
        let result = try TestSupport.run(script, [], environment: env.merging(["OUT": project + "/out"]) { $1 })
        #expect(result.status == 3 || result.status == 2, "setup: the directory does not exist yet")
        try FileManager.default.createDirectory(atPath: project + "/out", withIntermediateDirectories: true)
        try TestSupport.touch(project + "/out/fail")
        let prepared = """
        cd "$1" && mkdir -p state && "$2" --no-rollback >/dev/null 2>&1; rm -f out/a; exit 0
        """
        try TestSupport.run("bash", ["-c", prepared, "x", project, script], environment: env.merging(["OUT": project + "/out"]) { $1 })
        let rollback = try TestSupport.run(script, ["--rollback"], environment: env.merging(["OUT": project + "/out"]) { $1 })
        #expect(rollback.status == 4, "\(rollback.stderr)")
        #expect(rollback.stderr.contains("rollback failed at docs-src/proc.md:"))
        #expect(rollback.stderr.contains("undo actions that remain, newest first:\n  create-a (docs-src/proc.md:3)"))
        #expect(rollback.stderr.contains("journal: \(project)/state/proc.journal"))
        #expect(!FileManager.default.fileExists(atPath: project + "/out/b"), "step b was undone before a failed")
    }

    /// Started over SSH (SSH_CLIENT set), bash reads the system and the user's
    /// bashrc even for `bash -c`, under the command's own `-u`: Debian's
    /// bashrc reads `$PS1` and every command logged "PS1: unbound variable".
    @Test func aCommandRunOverSSHReadsNoStartupFile() throws {
        let (project, script, env) = try build("# P\n\n## Create b\n\n```bash\ntouch \"$OUT/b\"\n```\n")
        defer { try? FileManager.default.removeItem(atPath: project) }
        try FileManager.default.createDirectory(atPath: project + "/home", withIntermediateDirectories: true)
        try TestSupport.write("touch \"$OUT/bashrc-was-read\"\n", to: project + "/home/.bashrc")
        let over = env.merging(["HOME": project + "/home", "OUT": project]) { $1 }
        let result = try TestSupport.run("env", ["-u", "SHLVL", "SSH_CLIENT=192.0.2.1 50022 22", script, "--yes"], environment: over)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: project + "/b"), "the steps ran")
        #expect(!FileManager.default.fileExists(atPath: project + "/bashrc-was-read"), "a command's bash read ~/.bashrc")
        let logs = (try? FileManager.default.contentsOfDirectory(atPath: project + "/logs")) ?? []
        let log = logs.compactMap { TestSupport.read(project + "/logs/" + $0) }.joined()
        #expect(!log.contains("unbound variable") && !result.stderr.contains("unbound variable"), "\(log)\(result.stderr)")
    }

    @Test func sigtermRollsBackAndExits130() throws {
        let (project, script, env) = try build(Self.twoSteps)
        defer { try? FileManager.default.removeItem(atPath: project) }
        try TestSupport.touch(project + "/wait")
        let process = try TestSupport.launch(script, environment: env)
        try TestSupport.waitFor(project + "/waiting")
        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        #expect(!FileManager.default.fileExists(atPath: project + "/a"))
        #expect(!FileManager.default.fileExists(atPath: project + "/b"))
    }

    @Test func aSecondRunIsRefusedWhileTheFirstHoldsTheLock() throws {
        let (project, script, env) = try build(Self.twoSteps)
        defer { try? FileManager.default.removeItem(atPath: project) }
        try TestSupport.touch(project + "/wait")
        let first = try TestSupport.launch(script, environment: env)
        try TestSupport.waitFor(project + "/waiting")
        let second = try TestSupport.run(script, [], environment: env)
        #expect(second.status == 2)
        #expect(second.stderr.contains("another run of proc is in progress (pid \(first.processIdentifier)"), "\(second.stderr)")
        first.terminate()
        first.waitUntilExit()
    }

    @Test func aStaleLockFromADeadProcessDoesNotBlock() throws {
        let (project, script, env) = try build(Self.twoSteps)
        defer { try? FileManager.default.removeItem(atPath: project) }
        try TestSupport.write("999999\n", to: project + "/state/proc.lock")
        let result = try TestSupport.run(script, [], environment: env)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(TestSupport.read(project + "/state/proc.lock") != "999999\n")
    }

    static let conditional = """
    # P

    <!-- runbook: param=TARGET default=1.3.1 -->

    ## Read the installed version

    <!-- runbook: capture=INSTALLED -->
    ```sh
    cat "$OUT/version"
    ```

    ## Reinstall

    <!-- runbook: when="INSTALLED < 0.11.0" -->
    ```sh
    echo reinstall >> "$OUT/path"
    ```

    ## Chain of scripts

    <!-- runbook: when="INSTALLED >= 0.11.0 and INSTALLED < 1.3.1" -->
    ```sh
    echo chain >> "$OUT/path"
    ```

    ## Extension update

    <!-- runbook: when="not (INSTALLED < TARGET) or INSTALLED == '9.9.9-dev'" -->
    ```sh
    echo extension >> "$OUT/path"
    ```
    """

    @Test(arguments: [("0.10.2", "reinstall"), ("0.11.0", "chain"), ("1.2.10", "chain"), ("1.3.1", "extension"),
                      ("2.10.0", "extension"), ("9.9.9-dev", "extension")])
    func conditionsPickThePath(installed: String, expected: String) throws {
        let (project, script, env) = try build(Self.conditional)
        defer { try? FileManager.default.removeItem(atPath: project) }
        try TestSupport.write(installed + "\n", to: project + "/version")
        let result = try TestSupport.run(script, [], environment: env)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(TestSupport.read(project + "/path") == expected + "\n")
    }

    /// The conditions' script is the same for every case above: shellcheck reads it once.
    @Test func theConditionsScriptPassesShellcheck() throws {
        let (project, script, _) = try build(Self.conditional)
        defer { try? FileManager.default.removeItem(atPath: project) }
        let check = try TestSupport.run("shellcheck", [script])
        #expect(check.status == 0, "\(check.stdout)")
    }

    @Test(arguments: [
        ("<!-- runbook: when=\"VERSION < 1.0\" -->", "doc.md:5:15: error: unknown name 'VERSION' in condition: not a parameter nor a value captured by an earlier step"),
        ("<!-- runbook: when=\"A <\" -->", "doc.md:5:24: error: bad condition: expression ends too soon"),
        ("<!-- runbook: when=\"A = 1\" -->", "doc.md:5:23: error: bad condition: '=' is not an operator (use ==, !=, <, <=, >, >=)"),
        ("<!-- runbook: when=\"(A < 1\" -->", "doc.md:5:27: error: bad condition: expected ')'"),
        ("<!-- runbook: when=\"1.0 and A\" -->", "doc.md:5:25: error: bad condition: expected a comparison after a literal"),
    ])
    func badConditionsAreCompileErrors(annotation: String, expected: String) throws {
        let (_, diagnostics) = try TestSupport.extract("# P\n\n## S\n\n\(annotation)\n")
        #expect(diagnostics.map(\.description) == [expected])
    }
}
