import Foundation
import StepAST

/// Pass `trailing-output`: a shell block that gives a command, a blank line,
/// then what it prints (`docker-compose logs app | grep root`, then the log
/// lines; `cat key.txt`, then the DNS record). The lines after the last blank
/// line, when none of them reads as a command, are output: shown, not run.
/// So are the lines right after a block's one command when each looks printed
/// and one is a table's row, a quoted message or what the program asks
/// (`helm search repo app`, then `NAME   CHART VERSION   APP VERSION`;
/// `curl -u admin …`, then `Enter host password for user 'admin':`).
extension BlockClassifier {
    static func trailingOutput(_ text: String) -> (commands: String, output: String, outputLine: Int, reason: String)? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if let split = printedRightAfter(lines) { return split }
        guard let blank = lines.lastIndex(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }), blank > 0, blank < lines.count - 1 else { return nil }
        let before = lines[..<blank].map { $0.trimmingCharacters(in: .whitespaces) }
        let after = lines[(blank + 1)...].map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        // A line continued, or a here-document still open, carries on past the blank line.
        guard !(before.last(where: { !$0.isEmpty })?.hasSuffix("\\") ?? false), !before.contains(where: { $0.contains("<<") }) else { return nil }
        guard before.contains(where: { ShellLine.isCommand($0) }),
              after.allSatisfy({ !$0.hasPrefix("#") && !ShellLine.isCommand($0) && !ShellLine.isAssignment($0) && !["fi", "done", "esac", "}", ")"].contains($0) }),
              lines[(blank + 1)...].contains(where: looksPrinted)
        else { return nil }
        return (lines[..<blank].joined(separator: "\n"), lines[(blank + 1)...].joined(separator: "\n"), blank + 1,
                "lines after a blank line that are not commands: what the command before prints")
    }

    /// One command, then what it prints with no blank line between: every line
    /// after it looks printed or is a table's row, one at least a row or a
    /// quoted message, none a comment, an assignment or a statement.
    static func printedRightAfter(_ lines: [String]) -> (commands: String, output: String, outputLine: Int, reason: String)? {
        let after = lines.dropFirst().map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard let command = lines.first?.trimmingCharacters(in: .whitespaces), ShellLine.isCommand(command), !command.hasSuffix("\\"),
              !command.contains("<<"), !after.isEmpty,
              after.allSatisfy({ line in
                  !line.hasPrefix("#") && !ShellLine.isAssignment(line) && !line.hasSuffix(";")
                      && ((isTableRow(line) && !namesAProgram(line)) || (looksPrinted(line) && !ShellLine.isCommand(line)))
              }),
              after.contains(where: { isTableRow($0) || $0.hasPrefix("\"") || asksForInput($0) })
        else { return nil }
        return (lines[0], lines.dropFirst().joined(separator: "\n"), 1, "lines right after the command that look printed (a table's rows, a quoted message, a question): what it prints")
    }

    /// What a program asks on the terminal: "Enter host password for user 'admin':",
    /// "Do you want to continue? [Y/n]". A sentence, capitalised, ending in a colon
    /// or a question, with nothing of a shell's syntax.
    static func asksForInput(_ line: String) -> Bool {
        let words = line.split(separator: " ")
        guard words.count >= 3, let first = line.first, first.isUppercase, !namesAProgram(line),
              line.hasSuffix(":") || line.hasSuffix("?") || line.hasSuffix("]") else { return false }
        return !line.contains(where: { "|&;<>$=`\\".contains($0) })
    }

    /// A line that starts with a program runbook knows (`git tag   <-  List all versions` is a command with a note).
    static func namesAProgram(_ line: String) -> Bool {
        line.split(separator: " ").first.map { ShellLine.programs.contains(String($0)) } ?? false
    }

    /// Three columns or more set apart by runs of spaces: `NAME    READY   STATUS`.
    static func isTableRow(_ line: String) -> Bool {
        line.split(separator: /\s{2,}/).count >= 3
    }

    /// A line no one types: columns (a tab, ` | `), or a start no command has
    /// (a capital, a digit, a bracket, a quote). `php artisan down` is not one.
    static func looksPrinted(_ line: String) -> Bool {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard let first = trimmed.first else { return false }
        return line.contains("\t") || line.contains(" | ") || first.isUppercase || first.isNumber || "[{(\"'<".contains(first)
    }
}
