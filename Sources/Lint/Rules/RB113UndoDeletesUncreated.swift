import Foundation
import RunbookCore
import StepAST

/// RB113 undo-deletes-uncreated (the README's Lint section has its bad and good examples).
extension LintContext {
    /// `undo="rm -rf releases/$RELEASE"` on a step a rerun may find already done:
    /// without `creates=` or `done-when=` the step runs again and its undo then
    /// deletes what an earlier run made (a running release).
    mutating func undoesDeletingUncreated() {
        for step in procedure.steps where !step.skipped && step.doneWhen == nil {
            for undo in step.undo where undo.interpreter.isShell {
                // A restore (the path removed, then a copy moved or copied back into place) is not a deletion.
                if undo.text.range(of: #"\b(mv|cp|rsync|tar)\s"#, options: .regularExpression) != nil { continue }
                guard let range = undo.text.range(of: #"\brm\s+(-[a-zA-Z]*[rR][a-zA-Z]*|--recursive)\s+(--\s+)?(\S+)"#, options: .regularExpression) else { continue }
                let path = undo.text[range].split(separator: " ").last.map(String.init) ?? "PATH"
                report(.undoDeletesUncreated, undo.range.start,
                       "the undo deletes \(path), which the step may not have created: a rerun where it already exists would delete it",
                       fix: "say when the step is already done: runbook: creates=\(path) (or done-when=\"COMMAND\"); a done step is skipped and not undone")
            }
        }
    }
}
