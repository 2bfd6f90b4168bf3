import Foundation
import RunbookCore
import StepAST

/// RB110 file-by-hand (the README's Lint section has its bad and good examples).
extension LintContext {
    /// A configuration block the sentence before names a file for ("Edit
    /// `/etc/app.conf`:"): the script only shows it and waits. An annotation
    /// has the script write it, keep the file as it was, and undo it.
    mutating func filesByHand() {
        for step in procedure.steps where !step.skipped {
            for block in step.shown where block.kind == .configuration {
                guard let file = block.file else { continue }
                let mode = FileMerge.suggestedMode(block.text)
                report(.fileByHand, SourcePosition(line: block.line, column: 1),
                       "the block for '\(file)' is left to the operator: the script shows it and waits",
                       fix: "say how it goes in the file: runbook: \(mode)=\(file) (or append=\(file) to add it at the end); the undo puts the file back")
            }
        }
    }
}
