import Foundation

extension Command {
    /// A command that only looks: a capture, a read such as `git rev-parse`,
    /// `SELECT`, a status query (`systemctl status`, `updater --auto-update-status`).
    /// The one definition: lint (RB105) and the reading passes ask it.
    public var onlyLooks: Bool {
        if capture != nil || isCheck { return true }
        let text = self.text.trimmingCharacters(in: .whitespacesAndNewlines)
        switch interpreter {
        case .psql, .mysql: return text.uppercased().hasPrefix("SELECT") || text.uppercased().hasPrefix("SHOW")
        case .bash, .sh:
            let words = ShellWords.afterSudo(text.split(separator: "\n").first ?? "", keeping: ["-i", "-s"])
            guard let program = words.first else { return true }
            if ["cat", "ls", "echo", "printf", "test", "true", "grep", "head", "tail", "id", "whoami", "date", "df", "du", "pwd"].contains(program) { return true }
            if program == "git", let sub = words.dropFirst().first { return ["status", "log", "rev-parse", "describe", "diff", "show", "fetch"].contains(sub) }
            if program == "poetry", words.dropFirst().first == "env" { return true }
            // One line that asks for a status: `systemctl status app`, `--auto-update-status`.
            return !text.contains("\n") && words.dropFirst().contains { $0 == "status" || ($0.hasPrefix("--") && $0.hasSuffix("-status")) }
        case .python, .file: return false
        }
    }
}
