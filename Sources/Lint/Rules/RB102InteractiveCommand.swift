import Foundation
import RunbookCore
import StepAST

/// RB102 interactive-command (the README's Lint section has its bad and good examples).
extension LintContext {
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
}
