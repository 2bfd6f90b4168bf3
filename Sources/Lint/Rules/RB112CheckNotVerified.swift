import RunbookCore
import StepAST

/// RB112 check-not-verified (the README's Lint section has its bad and good examples).
extension LintContext {
    /// "Check that the service answers": a check the page names could be the
    /// step's postcondition (verify=), so that a step whose check fails rolls back.
    mutating func checksNotVerified() {
        for step in procedure.steps where !step.skipped {
            guard let unchecked = step.uncheckedCheck else { continue }
            let check = unchecked.command
            report(.checkNotVerified, step.range.start,
                   "the step says to check something, and nothing checks it: the step is done when its commands exit 0",
                   fix: "make the check the step's postcondition: runbook: verify=\"\(check ?? "COMMAND")\" (verify-for=SECONDS to retry it)")
        }
    }
}
