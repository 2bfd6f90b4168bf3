import Foundation

/// A page that says to check something: the words, and the commands that read
/// a state rather than change it. Shared by lint (RB112) and `runbook review`.
public enum CheckWording {
    /// "Check that…", "verify", "make sure", "vérifier", "s'assurer"; not a
    /// purpose ("to make sure systemd picks it up", "pour vérifier").
    public static func asksToCheck(_ prose: String) -> Bool {
        prose.range(of: #"(?i)(?<!\bto )(?<!\bpour )(?<!\bafin de )\b(check|verify|make sure|ensure|confirm|v[ée]rifie[rz]?|s'assurer)\b"#,
                    options: .regularExpression) != nil
    }

    /// A version, a status, an address answering, a query, a checksum: a line
    /// whose program reads a state (curl, wget, ping, test, pg_isready) or whose
    /// words ask for one (--version, status, is-active, SELECT, sha256sum -c).
    public static func looksLikeCheck(_ command: String) -> Bool {
        command.split(separator: "\n").contains { line in
            var words = line.split(separator: " ").map(String.init)
            if words.first == "sudo" || words.first == "$" { words.removeFirst() }
            if let program = words.first, ["curl", "wget", "ping", "test", "[", "pg_isready", "nc"].contains(program) { return true }
            return line.range(of: #"(?i)(--version\b|\bstatus\b|\bis-active\b|^\s*SELECT\b|\bsha\d*sum\s+(-c|--check)\b|\bgpg\s+--verify\b)"#,
                              options: .regularExpression) != nil
        }
    }
}

extension Step {
    /// The page says to check something that the step does not check: it
    /// changes something, has no postcondition, and none of its commands reads
    /// a state. `command` is a check among the blocks it shows, when there is one.
    public var uncheckedCheck: UncheckedCheck? {
        guard kind == .command, !changesNothing, verify == nil, CheckWording.asksToCheck(prose),
              !commands.contains(where: { CheckWording.looksLikeCheck($0.text) }) else { return nil }
        return UncheckedCheck(command: shown.map(\.text).first(where: CheckWording.looksLikeCheck).flatMap { $0.split(separator: "\n").first.map(String.init) })
    }
}

public struct UncheckedCheck: Sendable {
    /// The check the page shows, to make the step's postcondition; nil when it shows none.
    public var command: String?
}
