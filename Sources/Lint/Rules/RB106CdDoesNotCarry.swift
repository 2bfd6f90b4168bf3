import Foundation
import RunbookCore
import StepAST

/// RB106 cd-does-not-carry (the README's Lint section has its bad and good examples).
extension LintContext {
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
