import Foundation
import RunbookCore
import StepAST

/// RB104 destructive-without-backup (the README's Lint section has its bad and good examples).
extension LintContext {
    static let destructivePatterns = [#"\brm\s+(-[a-zA-Z]*r[a-zA-Z]*f|-[a-zA-Z]*f[a-zA-Z]*r|-r\s+-f|-f\s+-r)\b"#, #"\bdrop\s+(table|database|schema|extension|index|view|role|user)\b"#,
                                      #"\bgit\s+reset\s+--hard\b"#, #"\btruncate\b"#, #"\bgit\s+clean\s+-[a-z]*f"#, #"\bdropdb\b"#]
    static let backupPattern = Vocabulary.backupPattern

    mutating func destructiveWithoutBackup() {
        var backedUp = false
        for step in procedure.steps where !step.skipped {
            if Self.isBackup(step) { backedUp = true }
            for command in step.commands where !backedUp {
                guard let pattern = Self.destructivePatterns.first(where: { command.text.matches($0) }) else { continue }
                let range = command.text.range(of: pattern, options: [.regularExpression, .caseInsensitive])!
                report(.destructiveWithoutBackup, position(of: command, at: range), "'\(command.text[range])' destroys data, and no step before it takes a backup",
                       fix: "add a backup step before this one, with an undo that restores it")
            }
        }
    }

    static func isBackup(_ step: Step) -> Bool {
        step.title.folding(options: .diacriticInsensitive, locale: nil).matches(backupPattern)
            || step.commands.contains { $0.text.matches(backupPattern) }
    }
}
