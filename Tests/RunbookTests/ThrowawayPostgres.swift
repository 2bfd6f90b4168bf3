import Foundation
import Testing

/// A real PostgreSQL server for one test: a cluster in a temporary directory,
/// listening on a Unix socket only, stopped and removed by `stop()`.
struct ThrowawayPostgres {
    static let bin: String? = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql"))?
        .sorted().last.map { "/usr/lib/postgresql/\($0)/bin" }

    let bin: String
    let dir: String

    /// Runs a shell line as the postgres user (initdb refuses root).
    static func asPostgres(_ line: String) throws -> TestSupport.Result {
        let isRoot = getuid() == 0
        return try TestSupport.run(isRoot ? "runuser" : "bash", isRoot ? ["-u", "postgres", "--", "bash", "-c", line] : ["-c", line])
    }

    static func start() throws -> ThrowawayPostgres {
        let bin = try #require(Self.bin, "PostgreSQL is not installed: run script/setup")
        let dir = try TestSupport.temporaryDirectory("pg")
        if getuid() == 0 { try TestSupport.run("chown", ["postgres", dir]) }
        // The server must not inherit the descriptors Foundation uses to watch its children,
        // or waiting for the starting shell never ends.
        let closeInherited = "for fd in /proc/$$/fd/*; do n=${fd##*/}; if [ \"$n\" -gt 2 ]; then eval \"exec $n>&-\"; fi; done 2>/dev/null; "
        let start = try asPostgres(closeInherited + "\(bin)/initdb -D '\(dir)/data' -A trust -U postgres >/dev/null && \(bin)/pg_ctl -D '\(dir)/data' -o \"-k '\(dir)' -c listen_addresses=''\" -l '\(dir)/log' -w start >/dev/null")
        guard start.status == 0 else { throw TestFailure("cannot start PostgreSQL: \(start.stderr)") }
        return ThrowawayPostgres(bin: bin, dir: dir)
    }

    func stop() {
        _ = try? Self.asPostgres("\(bin)/pg_ctl -D '\(dir)/data' -m immediate stop")
        try? FileManager.default.removeItem(atPath: dir)
    }

    /// The standard libpq variables for a database of this server, and psql on PATH.
    func environment(database: String = "postgres") -> [String: String] {
        ["PGHOST": dir, "PGUSER": "postgres", "PGDATABASE": database,
         "PATH": "\(bin):" + (ProcessInfo.processInfo.environment["PATH"] ?? "")]
    }

    /// psql's bare output (`-tA`) of some SQL, failing the test on an error.
    @discardableResult
    func sql(_ text: String, database: String = "postgres", variables: [String: String] = [:]) throws -> String {
        let arguments = ["-X", "-q", "-tA", "-v", "ON_ERROR_STOP=1"] + variables.flatMap { ["-v", "\($0.key)=\($0.value)"] } + ["-f", "-"]
        let result = try TestSupport.run(bin + "/psql", arguments, environment: environment(database: database), stdin: text)
        guard result.status == 0 else { throw TestFailure("psql failed on \(text): \(result.stderr)") }
        return result.stdout.trimmingCharacters(in: .newlines)
    }
}
