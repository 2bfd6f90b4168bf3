import Foundation

/// Runs the commands of a proof: the user's --setup, --fingerprint and
/// --teardown, and the generated script. Each runs under coreutils `timeout`,
/// in a process group of its own (so the script's `kill -KILL 0` ends that
/// group and not the prover), with INT, TERM and HUP at their default
/// dispositions: Foundation starts children with them ignored, and bash
/// cannot trap a signal it started with ignored.
struct WorldShell: Sendable {
    struct Outcome: Sendable {
        /// The exit status, or 128 + the signal that ended it.
        var status: Int32
        var output: String
        var seconds: Double
        var timedOut: Bool
        var killed: Bool { status == 128 + 9 }
    }

    var timeout: Int
    /// Where outputs are collected: outside every world, which a fingerprint may list.
    var scratchDirectory: String

    /// `bash -c TEXT` in DIRECTORY; stdout and stderr kept apart when asked.
    func shell(_ text: String, in directory: String, environment: [String: String], separateErrors: Bool = false) throws -> (Outcome, String) {
        try run(["bash", "-c", text], in: directory, environment: environment, separateErrors: separateErrors)
    }

    /// One program with its arguments; its output (stdout, and stderr unless
    /// kept apart) in `Outcome.output`, stderr alone as the second value.
    func run(_ arguments: [String], in directory: String, environment: [String: String],
             separateErrors: Bool = false) throws -> (Outcome, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["--default-signal=INT,TERM,HUP", "timeout", "--signal=KILL", String(timeout)] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = environment
        let scratch = scratchDirectory + "/output-\(UUID().uuidString)"
        _ = FileManager.default.createFile(atPath: scratch + ".out", contents: nil)
        _ = FileManager.default.createFile(atPath: scratch + ".err", contents: nil)
        defer {
            try? FileManager.default.removeItem(atPath: scratch + ".out")
            try? FileManager.default.removeItem(atPath: scratch + ".err")
        }
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch + ".out"))
        let err = separateErrors ? try FileHandle(forWritingTo: URL(fileURLWithPath: scratch + ".err")) : out
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let started = Date()
        try process.run()
        process.waitUntilExit()
        try? out.close()
        if separateErrors { try? err.close() }
        let seconds = Date().timeIntervalSince(started)
        let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        let output = String(decoding: FileManager.default.contents(atPath: scratch + ".out") ?? Data(), as: UTF8.self)
        let errors = separateErrors ? String(decoding: FileManager.default.contents(atPath: scratch + ".err") ?? Data(), as: UTF8.self) : ""
        // `timeout` ends the command with KILL (status 137) once the time is up;
        // the elapsed time tells that apart from a fault's own SIGKILL.
        let timedOut = status == 137 && seconds >= Double(timeout)
        return (Outcome(status: status, output: output, seconds: seconds, timedOut: timedOut), errors)
    }
}
