import RunbookCore
import StepAST

/// RB103 manual-step (the README's Lint section has its bad and good examples).
extension LintContext {
    mutating func manualSteps() {
        for step in procedure.steps where step.kind == .manual && !step.skipped {
            report(.manualStep, step.range.start, "step '\(step.id)' has no command: the script shows its text and waits for the operator to confirm",
                   fix: "if a command does it, give it: runbook: run=\"...\"")
        }
    }
}
