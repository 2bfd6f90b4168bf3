import StepAST

/// Pass optional-sections: a section whose title says it is optional or for
/// some only ("Optional: Jigasi configuration", "Performance configuration
/// (optional)", "Installing as a standalone program (advanced)", "Point
/// Revisions (Experts only)") is not on the page's main path. Its steps run
/// only when the operator asks for them: `--set WITH_<SECTION>=yes`; the
/// default is no, so a run never does what the page leaves to the operator.
enum OptionalSections {
    static let pattern = #"(?i)(^optional\b|\((optional|advanced|experts? only|for experts)\b[^)]*\))"#

    /// `WITH_` and the first four words of the title without its mark: `WITH_PERFORMANCE_CONFIGURATION`.
    static func parameterName(_ title: String) -> String {
        let bare = title.replacingOccurrences(of: pattern, with: "", options: .regularExpression)
        let words = bare.uppercased().split { !$0.isLetter && !$0.isNumber }.prefix(4)
        return "WITH_" + (words.isEmpty ? "OPTIONAL" : words.joined(separator: "_"))
    }

    static func apply(to steps: inout [Step], parameters: inout [Parameter]) {
        var index = 0
        while index < steps.count {
            guard !steps[index].skipped, steps[index].title.range(of: pattern, options: .regularExpression) != nil,
                  AlternativeSections.runsSomething(index, in: steps) else { index += 1; continue }
            let members = AlternativeSections.subtree(index, in: steps)
            defer { index = members.last! + 1 }
            let name = parameterName(steps[index].title)
            if !parameters.contains(where: { $0.name == name }) {
                var parameter = Parameter(name: name, description: "run the optional section '\(steps[index].title)': yes or no",
                                          pattern: "(yes|no)", range: steps[index].range)
                parameter.choices = ["yes", "no"]
                parameter.defaultValue = "no"
                parameters.append(parameter)
            }
            for member in members { AlternativeSections.condition(&steps[member], on: name, equal: "yes") }
            steps[index].decisions.append(ReadingDecision(line: steps[index].range.start.line, pass: ReadingPass.optionalSections.rawValue,
                                                          outcome: "runs when \(name) is yes (default no)",
                                                          reason: "its title says the section is optional, or for some only"))
        }
    }
}
