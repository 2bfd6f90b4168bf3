import Foundation
import StepAST

/// The programs a step needs on PATH, checked before anything runs: its
/// interpreters, and the first word of each shell command when it is a plain
/// program name (not a builtin, keyword, assignment, path or expansion).
enum CommandNeeds {
    static let shellWords: Set<String> = [
        "cd", "echo", "printf", "test", "[", "[[", "true", "false", "export", "set", "unset", "read", "source", ".",
        "exit", "return", "if", "then", "else", "elif", "fi", "for", "while", "until", "do", "done", "case", "esac",
        "function", "local", "eval", "exec", "trap", "shift", "wait", "command", "type", "umask", "ulimit", "pushd",
        "popd", "!", "{", "}", "(", ")", "time", "declare", "readonly", "let", "alias", "builtin", "kill", ":",
    ]

    /// `pathSettled(command)`: nothing before it in the procedure may have changed
    /// PATH (an `export PATH=…`, a sourced virtualenv): only then is its program
    /// looked up ahead. A command the page types as another user, or into a
    /// client, finds its programs on that user's PATH, not the script's.
    static func programs(for step: Step, pathSettled: (Command) -> Bool = { _ in true }) -> [String] {
        var programs: [String] = []
        func add(_ program: String) { if !programs.contains(program) { programs.append(program) } }
        for command in step.commands + step.undo where command.sessionAction == nil {
            switch command.interpreter {
            case .bash: add("bash")
            case .sh: add("sh")
            case .psql: add("psql")
            case .mysql: add("mysql")
            case .python: add("python3")
            case .file: add("mktemp")
            }
            // Inside an environment its own programs (the venv's python) are not on PATH yet.
            if let environment = command.environment {
                add(environment.rawValue)
            } else if command.interpreter.isShell, command.terminal.user == nil, pathSettled(command), let word = firstWord(command.text) {
                add(word)
            }
        }
        if let user = step.user, !user.isEmpty { add("sudo") }
        return programs
    }

    /// Whether a command may change PATH for the ones after it.
    static func mayChangePath(_ command: Command) -> Bool {
        SessionChanges.mayChange(command)
            && ["PATH", "source", ". ", "activate"].contains { command.text.contains($0) }
    }

    static func firstWord(_ text: String) -> String? {
        let firstLine = text.split(separator: "\n").first { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("#") } ?? ""
        let words = ShellWords.afterSudo(firstLine)
        guard let word = words.first, !shellWords.contains(word), !word.contains("=") else { return nil }
        let plain = word.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "._+-".unicodeScalars.contains($0)) }
        return plain && !word.hasPrefix("-") ? word : nil
    }
}
