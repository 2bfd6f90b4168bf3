import Foundation

extension Command {
    /// A command that only looks: a capture, a read such as `git rev-parse`,
    /// `SELECT`, a status query (`systemctl status`, `updater --auto-update-status`).
    /// The one definition: `Step.changesNothing`, lint (RB105) and the
    /// reading passes ask it. When unsure, it says no: a step that may write is
    /// one a rollback must account for.
    public var onlyLooks: Bool {
        if capture != nil || isCheck { return true }
        let text = self.text.trimmingCharacters(in: .whitespacesAndNewlines)
        switch interpreter {
        case .psql, .mysql:
            // One statement: `SELECT 1; DROP TABLE t` does not only look.
            let statement = text.hasSuffix(";") ? String(text.dropLast()) : text
            return !statement.contains(";") && (statement.uppercased().hasPrefix("SELECT") || statement.uppercased().hasPrefix("SHOW"))
        case .bash, .sh:
            // One line with no redirection or substitution, each part of it a look: `echo x >> f`, `… | sudo tee f` write.
            guard !text.contains("\n"), !text.contains(">"), !text.contains("`"), !text.contains("$(") else { return false }
            return text.components(separatedBy: CharacterSet(charactersIn: "|;&")).map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }.allSatisfy { Self.looks(ShellWords.afterSudo($0[...], keeping: ["-i", "-s"])) }
        case .python, .file: return false
        }
    }

    /// A simple command that only reads: `cat`, `git status`, `systemctl status app`, `updater --auto-update-status`.
    static func looks(_ words: [String]) -> Bool {
        guard let program = words.first else { return true }
        if ["cat", "ls", "echo", "printf", "test", "true", "grep", "head", "tail", "id", "whoami", "df", "du", "pwd"].contains(program) { return true }
        if program == "git", let sub = words.dropFirst().first { return ["status", "log", "rev-parse", "describe", "diff", "show", "fetch"].contains(sub) }
        if program == "poetry", words.dropFirst().first == "env" { return true }
        return words.dropFirst().contains { $0 == "status" || ($0.hasPrefix("--") && $0.hasSuffix("-status")) }
    }
}
