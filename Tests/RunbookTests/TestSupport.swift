import Foundation
import Testing
import RunbookCore
import DocumentTree
import MarkdownReader
import Extraction
import StepAST

/// Helpers shared by the tests: temporary directories, running programs, and
/// extracting a procedure from Markdown text.
enum TestSupport {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// The `runbook` binary built beside the tests.
    static var runbookBinary: String {
        if let explicit = ProcessInfo.processInfo.environment["RUNBOOK_BIN"] { return explicit }
        return packageRoot + "/.build/debug/runbook"
    }

    /// A new folder in the system's temporary folder, removed as the test process ends.
    static func temporaryDirectory(_ name: String = #function) throws -> String {
        let safe = name.filter { $0.isLetter || $0.isNumber }
        let path = NSTemporaryDirectory() + "runbook-test-\(safe)-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        MadeFolders.shared.add(path)
        return path
    }

    static func write(_ text: String, to path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    /// An empty file at `path`, or a thrown error.
    static func touch(_ path: String) throws {
        try Data().write(to: URL(fileURLWithPath: path))
    }

    static func read(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs a program to completion. Output goes through files so large outputs cannot block the pipes.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String], in directory: String? = nil,
                    environment: [String: String] = [:], stdin: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable.hasPrefix("/") ? executable : "/usr/bin/env")
        process.arguments = executable.hasPrefix("/") ? arguments : [executable] + arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        // A virtualenv the tests were started from must not become the fixture
        // application's: poetry installs into an active one instead of the app's .venv.
        env["VIRTUAL_ENV"] = nil
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let scratch = try temporaryDirectory("run")
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let out = scratch + "/out", err = scratch + "/err", input = scratch + "/in"
        try Data().write(to: URL(fileURLWithPath: out))
        try Data().write(to: URL(fileURLWithPath: err))
        try Data((stdin ?? "").utf8).write(to: URL(fileURLWithPath: input))
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
        process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: input))
        try process.run()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: read(out) ?? "", stderr: read(err) ?? "")
    }

    /// Starts a program in the background with SIGTERM and SIGINT at their default
    /// dispositions: Foundation starts children with SIGTERM ignored, which bash
    /// cannot trap; a terminal or a service manager would not do that.
    static func launch(_ executable: String, _ arguments: [String] = [], environment: [String: String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["--default-signal=TERM,INT,HUP", executable] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }.merging(["NO_COLOR": "1"]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Waits until `path` exists (a step signalling it got there), or fails after `seconds`.
    static func waitFor(_ path: String, seconds: Double = 20) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while !FileManager.default.fileExists(atPath: path) {
            guard Date() < deadline else { throw TestFailure("\(path) never appeared") }
            usleep(20_000)
        }
    }

    /// True once the process is gone, or a zombie (which runs nothing). /proc files
    /// report no size, so the stat file is read to its end.
    static func ended(_ pid: pid_t) -> Bool {
        guard kill(pid, 0) == 0, let handle = FileHandle(forReadingAtPath: "/proc/\(pid)/stat") else { return true }
        return String(decoding: handle.readDataToEndOfFile(), as: UTF8.self).split(separator: ")").last?.dropFirst().first == "Z"
    }

    /// A loopback TCP port nothing listens on now (the kernel's pick), for a
    /// service a test starts: no clash with another test's, as a random one may.
    static func freePort() throws -> Int {
        let picked = try run("python3", ["-c", "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"])
        guard let port = Int(picked.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) else { throw TestFailure("no free port: \(picked.stderr)") }
        return port
    }

    /// `check`'s cache of this test run: the tests never write the user's ~/.cache/runbook.
    static let checkCache: String = {
        let path = NSTemporaryDirectory() + "runbook-test-cache-\(getpid())"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        MadeFolders.shared.add(path)
        return path
    }()

    static func runbook(_ arguments: [String], in directory: String) throws -> Result {
        try run(runbookBinary, arguments, in: directory, environment: ["XDG_CACHE_HOME": checkCache])
    }

    static func source(_ markdown: String, path: String = "doc.md") throws -> SourceFile {
        try SourceFile(path: path, relativePath: path, bytes: Array(markdown.utf8))
    }

    static func extract(_ markdown: String, name: String = "doc") throws -> (Procedure?, [Diagnostic]) {
        let document = MarkdownReader.read(try source(markdown))
        return ProcedureExtractor.extract(document, name: name)
    }

    /// Extraction that must succeed without errors.
    static func procedure(_ markdown: String) throws -> Procedure {
        let (procedure, diagnostics) = try extract(markdown)
        let errors = diagnostics.filter { $0.severity == .error }
        guard let procedure, errors.isEmpty else {
            throw TestFailure("extraction failed: \(diagnostics.map(\.description).joined(separator: "; "))")
        }
        return procedure
    }

    /// Builds one doc in a fresh project: its folder, its script, and the
    /// environment a run needs there (OUT, state and log folders inside it).
    static func buildProcedure(_ doc: String, name: String = "proc.md", _ label: String = #function) throws
        -> (project: String, script: String, env: [String: String]) {
        let project = try temporaryDirectory(label)
        try write(doc, to: project + "/docs-src/" + name)
        let result = try runbook(["build"], in: project)
        guard result.status == 0 else { throw TestFailure(result.stderr) }
        let env = ["OUT": project, "RUNBOOK_STATE_DIR": project + "/state", "RUNBOOK_LOG_DIR": project + "/logs"]
        return (project, project + "/generated/" + (name as NSString).deletingPathExtension + ".sh", env)
    }

    /// Copies the repository's docs-src into a fresh directory, as a scratch project.
    static func scratchProject(_ name: String = #function) throws -> String {
        let dir = try temporaryDirectory(name)
        try FileManager.default.copyItem(atPath: packageRoot + "/docs-src", toPath: dir + "/docs-src")
        return dir
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension Trait where Self == ConditionTrait {
    /// The real-system tier: suites that start real servers and tools
    /// (PostgreSQL, MariaDB, OpenSSH, Ansible, poetry and Django, E-Maj) or
    /// prove a real application. `swift test` alone leaves them out;
    /// script/test runs them after it, with RUNBOOK_REAL_SYSTEMS=1, by the
    /// suite names it finds next to this trait.
    static var realSystemTier: Self {
        .enabled(if: ProcessInfo.processInfo.environment["RUNBOOK_REAL_SYSTEMS"] == "1",
                 "the real-system tier: script/test runs it (RUNBOOK_REAL_SYSTEMS=1)")
    }
}

/// The folders the tests made, removed as the test process ends (thousands a
/// run otherwise, left in the temporary folder).
final class MadeFolders: @unchecked Sendable {
    static let shared = MadeFolders()
    private let lock = NSLock()
    private var paths: [String] = []

    private init() {
        atexit { MadeFolders.shared.removeAll() }
    }

    func add(_ path: String) {
        lock.lock()
        defer { lock.unlock() }
        paths.append(path)
    }

    func removeAll() {
        lock.lock()
        defer { lock.unlock() }
        for path in paths { try? FileManager.default.removeItem(atPath: path) }
        paths = []
    }
}
