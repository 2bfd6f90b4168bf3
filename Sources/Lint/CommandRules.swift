import Foundation
import RunbookCore
import StepAST

/// Rules on the commands a procedure runs.
extension LintContext {
    /// `<name>`, `#.#.#`: text that stands for a value, not yet a parameter.
    static let placeholderPatterns = [#"(?<![<\w])<[A-Za-zÀ-ÿ_][^<>\s]*>(?!>)"#, #"#(\.#)+"#]

    mutating func placeholdersNotParameters() {
        let declared = Set(procedure.parameters.compactMap(\.placeholder))
        for (_, command, _) in commands where command.interpreter != .python {
            for pattern in Self.placeholderPatterns {
                let regex = try! NSRegularExpression(pattern: pattern)
                let text = command.text
                for match in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                    guard let range = Range(match.range, in: text) else { continue }
                    let placeholder = String(text[range])
                    guard !declared.contains(placeholder) else { continue }
                    report(.placeholderNotParameter, position(of: command), "'\(placeholder)' looks like a placeholder but is not a parameter: the script would run it as written",
                           fix: "declare it: runbook: param=NAME placeholder=\"\(placeholder)\"")
                }
            }
        }
    }

    mutating func interactiveCommands() {
        for (_, command, _) in commands where command.interpreter.isShell {
            for line in command.text.split(separator: "\n").map(String.init) {
                guard let (why, fix) = Self.interactive(line) else { continue }
                report(.interactiveCommand, position(of: command), "'\(line.trimmingCharacters(in: .whitespaces))' \(why)", fix: fix)
            }
        }
    }

    static func interactive(_ line: String) -> (String, String)? {
        let words = line.commandWords
        guard let program = words.first.map({ ($0 as NSString).lastPathComponent }) else { return nil }
        let arguments = Array(words.dropFirst())
        let redirected = line.contains("<") || line.contains("|")
        switch program {
        case "vim", "vi", "nvim", "nano", "emacs", "less", "more", "top", "htop", "man":
            return ("waits for a person at a terminal", "use a non-interactive command (sed, cat, a config file written by the script)")
        case "poetry" where arguments == ["shell"], "pipenv" where arguments == ["shell"]:
            return ("opens an interactive subshell", "run the commands with '\(program) run COMMAND'")
        case "psql" where !redirected && !arguments.contains(where: { ["-c", "-f", "--command", "--file"].contains($0) || $0.hasPrefix("--command=") || $0.hasPrefix("--file=") }):
            return ("opens an interactive psql session", "give the SQL with -c or -f, or write it in an sql block")
        case "mysql" where !redirected && !arguments.contains(where: { $0 == "-e" || $0.hasPrefix("--execute") }):
            return ("opens an interactive mysql session", "give the SQL with -e")
        case "ssh" where arguments.filter({ !$0.hasPrefix("-") }).count <= 1:
            return ("opens a remote shell that waits for a person", "give ssh the command to run: ssh HOST COMMAND")
        case "-i", "-s":
            return ("opens a root shell that waits for a person", "run the commands with sudo COMMAND, or set user= on the step")
        case "su" where !arguments.contains("-c"):
            return ("opens a shell that waits for a person", "use su -c COMMAND, or set user= on the step")
        case "bash", "sh", "zsh", "python", "python3":
            guard arguments.isEmpty && !redirected else { return nil }
            return ("opens an interactive session", "give it a script or a command")
        default:
            return nil
        }
    }

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
                report(.destructiveWithoutBackup, position(of: command), "'\(command.text[range])' destroys data, and no step before it takes a backup",
                       fix: "add a backup step before this one, with an undo that restores it")
            }
        }
    }

    static func isBackup(_ step: Step) -> Bool {
        step.title.folding(options: .diacriticInsensitive, locale: nil).matches(backupPattern)
            || step.commands.contains { $0.text.matches(backupPattern) }
    }

    /// Each command is its own shell: a `cd` alone changes nothing for the next one.
    mutating func cdAlone() {
        for step in procedure.steps where !step.skipped {
            for (index, command) in step.commands.enumerated() where command.interpreter.isShell {
                let text = command.text.trimmingCharacters(in: .whitespaces)
                guard text.commandWords.first == "cd", !text.contains("&&"), !text.contains(";"), !text.contains("\n") else { continue }
                let later = index + 1 < step.commands.count ? "the next command" : "later steps"
                report(.cdDoesNotCarry, position(of: command), "'\(text)' runs in its own shell: \(later) will not run in that directory",
                       fix: "give the step cwd=DIR (runbook: cwd=...), or join it with '&&' to the command that needs it")
            }
        }
    }
}
