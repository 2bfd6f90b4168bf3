import Foundation
import Testing

/// A real MariaDB server for one test: a data directory in a temporary folder,
/// a Unix socket only, and a `~/.my.cnf` (in `home`) that points the mysql
/// client at it, as an operator's would. Stopped and removed by `stop()`.
struct ThrowawayMariaDB {
    let dir: String
    var socket: String { dir + "/sock" }
    var home: String { dir + "/home" }

    static func start() throws -> ThrowawayMariaDB {
        guard FileManager.default.isExecutableFile(atPath: "/usr/sbin/mariadbd") else {
            throw TestFailure("MariaDB is not installed: run script/setup")
        }
        let dir = try TestSupport.temporaryDirectory("mariadb")
        let server = ThrowawayMariaDB(dir: dir)
        let user = getuid() == 0 ? "mysql" : NSUserName()
        if getuid() == 0 { _ = try TestSupport.run("chown", ["mysql", dir]) }
        let install = try TestSupport.run("mariadb-install-db", ["--no-defaults", "--datadir=\(dir)/data", "--user=\(user)",
                                                                 "--auth-root-authentication-method=normal", "--skip-test-db"])
        guard install.status == 0 else { throw TestFailure("mariadb-install-db failed: \(install.stderr)") }
        // The server must not keep the descriptors Foundation watches, or the starting shell never ends.
        let start = "for fd in /proc/$$/fd/*; do n=${fd##*/}; if [ \"$n\" -gt 2 ]; then eval \"exec $n>&-\"; fi; done 2>/dev/null; "
            + "/usr/sbin/mariadbd --no-defaults --datadir='\(dir)/data' --socket='\(dir)/sock' --skip-networking --user=\(user) "
            + "--pid-file='\(dir)/pid' --log-error='\(dir)/err' </dev/null >/dev/null 2>&1 &"
        _ = try TestSupport.run("bash", ["-c", start])
        try TestSupport.waitFor(server.socket, seconds: 30)
        try TestSupport.write("[client]\nsocket=\(server.socket)\nuser=root\n", to: server.home + "/.my.cnf")
        return server
    }

    func stop() {
        _ = try? TestSupport.run("bash", ["-c", "kill $(cat '\(dir)/pid') 2>/dev/null; for _ in $(seq 50); do [ -S '\(socket)' ] || break; sleep 0.1; done"])
        try? FileManager.default.removeItem(atPath: dir)
    }

    /// The client's batch output of some SQL, as root.
    func sql(_ text: String) throws -> String {
        let result = try TestSupport.run("mariadb", ["--no-defaults", "--socket=\(socket)", "-uroot", "--batch", "--skip-column-names", "-e", text])
        guard result.status == 0 else { throw TestFailure("mariadb failed on \(text): \(result.stderr)") }
        return result.stdout.trimmingCharacters(in: .newlines)
    }
}
