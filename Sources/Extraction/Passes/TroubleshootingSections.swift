import StepAST

/// Pass `troubleshooting-sections`: "Troubleshooting", "Common quick install
/// issues", "FAQ", "Debugging" say what to do when something went wrong, not a
/// step of the main path. Their commands are shown with them, not run.
enum TroubleshootingSections {
    /// "Troubleshooting", "Common quick install issues", "FAQ", "Debugging":
    /// what to do when something went wrong, not a step of the main path. Its
    /// commands are shown with it, not run.
    static func apply(to steps: inout [Step]) {
        let pattern = #"(?i)^(troubleshoot|debugging|faq\b|frequently asked|known (issues|problems)|common .*(issues|problems|errors))"#
        var index = 0
        while index < steps.count {
            guard steps[index].title.range(of: pattern, options: .regularExpression) != nil else { index += 1; continue }
            let members = AlternativeSections.subtree(index, in: steps)
            for member in members where !steps[member].commands.isEmpty {
                for command in steps[member].commands {
                    steps[member].shown.append(ShownBlock(kind: "reference", reason: "in a troubleshooting section: for when something went wrong",
                                                          text: command.text, line: command.range.start.line))
                }
                steps[member].commands = []
                steps[member].undo = []
                steps[member].kind = .notice
                steps[member].decisions.append(ReadingDecision(line: steps[member].range.start.line, pass: ReadingPass.troubleshootingSections.rawValue,
                                                               outcome: "shown as reference", reason: "a troubleshooting section: for when something went wrong"))
            }
            index = members.last! + 1
        }
    }

}
