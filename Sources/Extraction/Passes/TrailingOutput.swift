import Foundation
import StepAST

/// Pass `trailing-output`: a shell block that gives a command, a blank line,
/// then what it prints (`docker-compose logs app | grep root`, then the log
/// lines; `cat key.txt`, then the DNS record). The lines after the last blank
/// line, when none of them reads as a command, are output: shown, not run.
extension BlockClassifier {
    static func trailingOutput(_ text: String) -> (commands: String, output: String, outputLine: Int)? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let blank = lines.lastIndex(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }), blank > 0, blank < lines.count - 1 else { return nil }
        let before = lines[..<blank].map { $0.trimmingCharacters(in: .whitespaces) }
        let after = lines[(blank + 1)...].map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        // A line continued, or a here-document still open, carries on past the blank line.
        guard !(before.last(where: { !$0.isEmpty })?.hasSuffix("\\") ?? false), !before.contains(where: { $0.contains("<<") }) else { return nil }
        guard before.contains(where: { ShellLine.isCommand($0) }),
              after.allSatisfy({ !$0.hasPrefix("#") && !ShellLine.isCommand($0) && !ShellLine.isAssignment($0) && !["fi", "done", "esac", "}", ")"].contains($0) }),
              lines[(blank + 1)...].contains(where: looksPrinted)
        else { return nil }
        return (lines[..<blank].joined(separator: "\n"), lines[(blank + 1)...].joined(separator: "\n"), blank + 1)
    }

    /// A line no one types: columns (a tab, ` | `), or a start no command has
    /// (a capital, a digit, a bracket, a quote). `php artisan down` is not one.
    static func looksPrinted(_ line: String) -> Bool {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard let first = trimmed.first else { return false }
        return line.contains("\t") || line.contains(" | ") || first.isUppercase || first.isNumber || "[{(\"'<".contains(first)
    }
}
