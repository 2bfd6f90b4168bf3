import StepAST

/// Passes `troubleshooting-sections` and `example-sections`: sections that
/// are not the page's main path. "Troubleshooting", "Common quick install
/// issues", "FAQ", "Debugging" say what to do when something went wrong;
/// "Examples", "Configuration Examples", "Usage example" show what one could
/// do. Their commands are shown with them, not run.
enum TroubleshootingSections {
    static let troubleshooting = #"(?i)^(troubleshoot|debugging|faq\b|frequently asked|known (issues|problems)|common .*(issues|problems|errors))"#
    static let examples = #"(?i)^(examples?:|((configuration|usage|more|other|further|advanced) )?examples?\s*$|.* examples\s*$)"#

    static func apply(to steps: inout [Step], passes: Set<ReadingPass>) {
        if passes.contains(.troubleshootingSections) {
            show(troubleshooting, in: &steps, pass: .troubleshootingSections, because: "in a troubleshooting section: for when something went wrong")
        }
        if passes.contains(.exampleSections) {
            show(examples, in: &steps, pass: .exampleSections, because: "in a section of examples: what one could do, not a step of the procedure")
        }
    }

    static func show(_ pattern: String, in steps: inout [Step], pass: ReadingPass, because reason: String) {
        var index = 0
        while index < steps.count {
            guard steps[index].title.range(of: pattern, options: .regularExpression) != nil else { index += 1; continue }
            let members = AlternativeSections.subtree(index, in: steps)
            for member in members where !steps[member].commands.isEmpty {
                steps[member].showInsteadOfRunning(where: { _ in true }, because: { _ in reason })
                steps[member].undo = []
                steps[member].kind = .notice
                steps[member].decisions.append(ReadingDecision(line: steps[member].range.start.line, pass: pass.rawValue,
                                                               outcome: "shown as reference", reason: reason))
            }
            index = members.last! + 1
        }
    }
}
