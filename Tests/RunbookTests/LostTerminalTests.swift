import Foundation
import Testing

/// A run cut short comes back whatever happens to its terminal: the terminal
/// hung up (a dropped SSH session: a real pseudo-terminal whose master side
/// closes), the output piped into a `tee` that dies with it, writes that fail
/// (`/dev/full`), a second signal while the interrupted command stops, and a
/// signal just as a finished run files its journal.
@Suite struct LostTerminalTests {
    /// Step 2 waits; `waiting` says it got there (SignalTests' page).
    static let doc = SignalTests.doc(#"touch "$OUT/b"; echo $$ > "$OUT/waiting"; sleep 30"#)

    func expectRestored(_ project: String, _ context: String) {
        #expect(!FileManager.default.fileExists(atPath: project + "/a"), "step 1 was not undone: \(context)")
        #expect(!FileManager.default.fileExists(atPath: project + "/b"), "the interrupted step was not undone: \(context)")
        #expect(!FileManager.default.fileExists(atPath: project + "/state/proc.journal"), "the journal was left: \(context)")
    }

    /// Runs the script in a pseudo-terminal (optionally as `SCRIPT | tee FILE`),
    /// and closes the terminal's master side once the step waits: the kernel
    /// sends SIGHUP to the session, as sshd does when the connection drops.
    func hangUp(_ script: String, _ project: String, env: [String: String], throughTee: Bool) throws -> String {
        let driver = """
        import os, pty, select, signal, sys, time
        script, project, tee = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
        pid, fd = pty.fork()
        if pid == 0:
            signal.pthread_sigmask(signal.SIG_SETMASK, set())
            for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
                signal.signal(s, signal.SIG_DFL)
            if tee:
                os.execv("/bin/bash", ["bash", "-c", '"$0" | tee "$1/tee.out"', script, project])
            os.execv(script, [script])
        deadline = time.time() + 30
        # Drains the terminal without blocking: a read that waits for output the
        # script no longer writes (it sleeps) would outlast the step.
        while not os.path.exists(project + "/waiting") and time.time() < deadline:
            if select.select([fd], [], [], 0.02)[0]:
                try:
                    os.read(fd, 4096)
                except OSError:
                    pass
        time.sleep(0.3)
        os.close(fd)
        _, status = os.waitpid(pid, 0)
        print("EXIT", os.waitstatus_to_exitcode(status))
        """
        let result = try TestSupport.run("python3", ["-c", driver, script, project, throughTee ? "1" : "0"], environment: env)
        return result.stdout + result.stderr
    }

    @Test(arguments: [false, true])
    func theTerminalHangingUpRollsBack(throughTee: Bool) throws {
        let (project, script, env) = try TestSupport.buildProcedure(Self.doc)
        defer { try? FileManager.default.removeItem(atPath: project) }
        let output = try hangUp(script, project, env: env, throughTee: throughTee)
        // Waits for the rollback, which goes on after the terminal (and tee) are gone.
        for _ in 0..<200 where FileManager.default.fileExists(atPath: project + "/state/proc.journal") { usleep(50_000) }
        if !throughTee { #expect(output.contains("EXIT 130"), "\(output)") }
        expectRestored(project, output)
        let logDir = env["RUNBOOK_LOG_DIR"] ?? project + "/logs"
        let logs = (try? FileManager.default.contentsOfDirectory(atPath: logDir)) ?? []
        let log = logs.first { $0.hasSuffix(".log") }.flatMap { TestSupport.read(logDir + "/" + $0) } ?? ""
        #expect(log.contains("interrupted (SIGHUP)") && log.contains("rollback done"), "the log carries what the terminal lost: \(log)")
    }

    @Test func writesThatFailDoNotStopTheRollback() throws {
        let (project, script, env) = try TestSupport.buildProcedure(Self.doc)
        defer { try? FileManager.default.removeItem(atPath: project) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["--default-signal=TERM,INT", script]
        process.environment = ProcessInfo.processInfo.environment.merging(env) { $1 }
        // What an operator's terminal does once it is gone: every write to it fails.
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle(forWritingAtPath: "/dev/full")
        try process.run()
        try TestSupport.waitFor(project + "/waiting")
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        expectRestored(project, "stderr on /dev/full")
    }

    /// The waiting command takes two seconds to stop; a second SIGTERM comes meanwhile.
    @Test(arguments: [SIGTERM, SIGINT])
    func aSecondSignalWhileTheCommandStopsDoesNotAbandonTheRollback(second: Int32) throws {
        let slow = Self.doc.replacingOccurrences(of: "touch \"$OUT/b\"; echo $$ > \"$OUT/waiting\"; sleep 30",
                                                 with: "trap 'sleep 2; exit 1' TERM; touch \"$OUT/b\"; echo $$ > \"$OUT/waiting\"; sleep 30 & wait")
        let (project, script, env) = try TestSupport.buildProcedure(slow)
        defer { try? FileManager.default.removeItem(atPath: project) }
        let process = try TestSupport.launch(script, environment: env)
        try TestSupport.waitFor(project + "/waiting")
        usleep(200_000)
        kill(process.processIdentifier, SIGTERM)
        usleep(500_000)
        kill(process.processIdentifier, second)
        usleep(300_000)
        kill(process.processIdentifier, second)
        process.waitUntilExit()
        #expect(process.terminationStatus == 130, "interrupted and rolled back")
        expectRestored(project, "a second signal \(second)")
    }

    /// SIGTERM between the two moves that file a finished run as the last run
    /// (runbook's own fault hook): the run is done, and --undo-last-run reverses it once.
    @Test func aSignalAsTheFinishedRunFilesItsJournal() throws {
        let target = try TestSupport.temporaryDirectory("late-signal-target")
        defer { try? FileManager.default.removeItem(atPath: target) }
        try TestSupport.write("[db]\nhost = old\n", to: target + "/app.ini")
        let doc = """
        # P

        ## Configure

        <!-- runbook: merge=\(target)/app.ini -->
        ```ini
        [db]
        host = new
        ```

        ## Create a

        <!-- runbook: undo="rm \\"$OUT/a\\"" -->
        ```sh
        touch "$OUT/a"
        ```
        """
        let (project, script, env) = try TestSupport.buildProcedure(doc)
        defer { try? FileManager.default.removeItem(atPath: project) }
        var faulty = env
        faulty["RUNBOOK_FAULT_INJECTION"] = "disposable-world"
        // The test runner starts its children with SIGTERM ignored, which a script cannot trap: restored first.
        let run = try TestSupport.run("/usr/bin/env", ["--default-signal=TERM,INT", script, "--yes", "--inject-fault", "term-at-end"], environment: faulty)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("done:"), "\(run.stdout)")
        #expect(run.stderr.contains("a signal came as the run finished: it is done"), "\(run.stderr)")
        #expect(TestSupport.read(target + "/app.ini")?.contains("host = new") == true)
        let undo = try TestSupport.run(script, ["--yes", "--undo-last-run"], environment: env)
        #expect(undo.status == 0, "\(undo.stdout)\(undo.stderr)")
        #expect(TestSupport.read(target + "/app.ini") == "[db]\nhost = old\n", "the file the run replaced is put back")
        #expect(!FileManager.default.fileExists(atPath: project + "/a"))
        let again = try TestSupport.run(script, ["--yes", "--undo-last-run"], environment: env)
        #expect(again.status == 2 && again.stderr.contains("no finished run to undo"), "undone once: \(again.stderr)")
    }
}
