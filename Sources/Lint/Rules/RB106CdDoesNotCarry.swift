import Foundation
import RunbookCore
import StepAST

/// RB106 cd-does-not-carry (the README's Lint section has its bad and good examples).
extension LintContext {
    /// A `cd`, `export` or `source` alone carries on to the page's later bash
    /// commands (the runtime keeps the terminal's state), but not from a `sh`
    /// block, which runs in a plain POSIX shell, nor from an undo action: each
    /// undo runs in the state its step ended in, and changes nothing for the next.
    mutating func cdAlone() {
        for step in procedure.steps where !step.skipped {
            for command in step.commands where command.interpreter == .sh {
                report(command, "a sh block runs in a shell of its own: later commands will not see it",
                       fix: "make the block bash (```bash or ```console), or join it with '&&' to the command that needs it")
            }
            for command in step.undo where command.interpreter.isShell {
                report(command, "an undo action runs in its step's state and changes nothing for the next one",
                       fix: "join it with '&&' to the command that needs it")
            }
        }
    }

    private mutating func report(_ command: Command, _ why: String, fix: String) {
        let text = command.text.trimmingCharacters(in: .whitespaces)
        guard let verb = text.commandWords.first, ["cd", "export", "source", ".", "pushd"].contains(verb),
              !text.contains("&&"), !text.contains(";"), !text.contains("\n") else { return }
        report(.cdDoesNotCarry, position(of: command), "'\(text)': \(why)", fix: fix)
    }
}
