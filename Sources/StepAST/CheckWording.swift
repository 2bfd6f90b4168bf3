import Foundation

/// A page that says to check something: the words, and the commands that read
/// a state rather than change it. Shared by lint (RB112) and `runbook review`.
public enum CheckWording {
    /// "Check that…", "verify", "make sure", "vérifier", "s'assurer".
    public static func asksToCheck(_ prose: String) -> Bool {
        prose.range(of: #"(?i)\b(check|verify|make sure|ensure|confirm)\b|v[ée]rifie|s'assurer"#, options: .regularExpression) != nil
    }

    /// A version, a status, an address answering, a query, a test of a path.
    public static func looksLikeCheck(_ command: String) -> Bool {
        command.range(of: #"(?i)(--version|\bstatus\b|\bis-active\b|\bcurl\b|\bwget\b|\bSELECT\b|\bhealth|\bping\b|\btest\s+-|\bsha\d*sum\s+(-c|--check)\b|\bgpg\s+--verify\b)"#,
                      options: .regularExpression) != nil
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
