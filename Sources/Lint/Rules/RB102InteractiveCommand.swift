import Foundation
import RunbookCore
import StepAST

/// RB102 interactive-command (the README's Lint section has its bad and good examples).
extension LintContext {
    mutating func interactiveCommands() {
        for (_, command, _) in commands where command.interpreter.isShell && command.sessionAction == nil {
            for line in command.text.split(separator: "\n").map(String.init) {
                guard let (why, fix) = Self.interactive(line) else { continue }
                report(.interactiveCommand, position(of: command), "'\(line.trimmingCharacters(in: .whitespaces))' \(why)", fix: fix)
            }
        }
    }

    static func interactive(_ line: String) -> (String, String)? {
        InteractiveCommand.check(line).map { ($0.why, $0.fix) }
    }
}
