import DocumentTree
import Extraction
import Foundation
import RunbookCore
import StepAST

/// RB101 placeholder-not-parameter (the README's Lint section has its bad and good examples).
extension LintContext {
    /// `<name>`, `#.#.#`: text that stands for a value, not yet a parameter.
    static let placeholderPatterns = [#"(?<![<\w])<[A-Za-zÀ-ÿ_][^<>\s]*>(?!>)"#, #"#(\.#)+"#]

    mutating func placeholdersNotParameters() {
        // A parameter the placeholder-tokens pass made from a token's shape alone is not a declaration.
        let declared = Set(procedure.parameters.filter { !$0.description.hasPrefix(PlaceholderTokens.description) }.compactMap(\.placeholder))
        // A token the prose says to replace, in a style runbook cannot take for a parameter (vX.Y.Z, example.com).
        var candidates: [ProsePlaceholders.Candidate] = []
        document.root.walk { node in
            if case .paragraph(let text) = node.kind { candidates += ProsePlaceholders.candidates(in: text, line: node.range.start.line) }
        }
        for candidate in candidates where !declared.contains(candidate.token) && ProsePlaceholders.name(for: candidate.token) == nil {
            for (_, command, _) in commands where command.text.contains(candidate.token) {
                report(.placeholderNotParameter, position(of: command),
                       "line \(candidate.line) names '\(candidate.token)' as a value to give, but this command has it as written: the script would run it so",
                       fix: "declare it: runbook: param=NAME placeholder=\"\(candidate.token)\"", subject: candidate.token)
                break
            }
        }
        for (_, command, _) in commands where command.interpreter != .python {
            for pattern in Self.placeholderPatterns {
                let regex = try! NSRegularExpression(pattern: pattern)
                let text = command.text
                for match in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                    guard let range = Range(match.range, in: text) else { continue }
                    let placeholder = String(text[range])
                    guard !declared.contains(placeholder) else { continue }
                    let asked = procedure.parameters.first { $0.placeholder == placeholder }.map { "the script asks for it as \($0.name), with no description" }
                    report(.placeholderNotParameter, position(of: command), "'\(placeholder)' looks like a placeholder but is not a parameter: " + (asked ?? "the script would run it as written"),
                           fix: "declare it: runbook: param=NAME placeholder=\"\(placeholder)\"", subject: placeholder)
                }
            }
        }
    }
}
