import RunbookCore
import StepAST

/// RB105 no-undo-after-backup (the README's Lint section has its bad and good examples).
extension LintContext {
    /// After a backup, the first step that changes something while nothing since the
    /// backup has an undo: from there a failure cannot go back to the backup by itself.
    mutating func noUndoAfterBackup() {
        var backup: Step?
        var covered = false
        for step in procedure.steps where !step.skipped {
            if Self.isBackup(step) {
                backup = step
                covered = step.hasOwnUndo
                continue
            }
            guard let taken = backup, !covered else { continue }
            if step.hasOwnUndo { covered = true; continue }
            guard step.kind == .command, step.commands.contains(where: { !$0.onlyLooks }) else { continue }
            report(.noUndoAfterBackup, step.range.start,
                   "step '\(step.id)' changes things after the backup of step '\(taken.id)', and nothing restores that backup if a later step fails",
                   fix: "give the backup step an undo that restores it (runbook: undo=\"...\"), or this step an undo")
            backup = nil
        }
    }
}
