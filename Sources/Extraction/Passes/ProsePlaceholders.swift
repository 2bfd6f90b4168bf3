import Foundation
import RunbookCore
import StepAST

/// Placeholders the page names in its prose: "Replace ``GLANCE_DBPASS`` with a
/// suitable password", "where `<version>` is the release". The token becomes
/// a parameter (its name, for an UPPER_CASE token; from the words inside
/// `<...>`), described by the sentence, when a command uses it. Tokens of
/// other styles (`vX.Y.Z`, `example.com`) are left to lint (RB101).
public enum ProsePlaceholders {
    public struct Candidate: Sendable, Equatable {
        public var token: String
        public var sentence: String
        public var line: Int
    }

    /// The tokens a paragraph says to replace.
    /// Compiled once: lint runs them on every paragraph and table cell of a page.
    static let patterns = [
        #"(?i)\breplac(?:e|ing)\s+(?:the\s+)?(?:value\s+)?[`"']*([^\s`"',]+)[`"']*(?:\s+part)?\s+(?:with|by)\b"#,
        #"(?i)\bwhere\s+[`"']*([^\s`"',]+)[`"']*\s+(?:is|are)\s+(?:the|your|a|an)\b"#,
    ].map { try! NSRegularExpression(pattern: $0) }

    public static func candidates(in text: String, line: Int) -> [Candidate] {
        // Most paragraphs name no value to replace: a word search before any regular expression.
        let lowered = text.lowercased()
        guard lowered.contains("replac") || lowered.contains("where") else { return [] }
        var found: [Candidate] = []
        for regex in patterns {
            for match in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                guard let range = Range(match.range(at: 1), in: text) else { continue }
                let token = String(text[range])
                guard !found.contains(where: { $0.token == token }) else { continue }
                found.append(Candidate(token: token, sentence: sentence(around: range, in: text), line: line))
            }
        }
        return found
    }

    /// The parameter name a token gives, or nil for a style runbook cannot tell.
    public static func name(for token: String) -> String? {
        if token.hasPrefix("<"), token.hasSuffix(">"), token.count > 2 {
            let inner = token.dropFirst().dropLast().uppercased().map { $0.isLetter || $0.isNumber ? $0 : "_" }
            let name = String(inner)
            return ShellName.isValid(name) && name.contains(where: \.isLetter) ? name : nil
        }
        let upper = token.allSatisfy { $0.isUppercase || $0.isNumber || $0 == "_" }
        guard upper, token.count >= 3, token.first!.isLetter, token.contains("_") || token.count >= 5 else { return nil }
        return ShellName.isValid(token) ? token : nil
    }

    /// Adds a parameter for each candidate a command uses and no parameter covers yet.
    static func apply(_ candidates: [Candidate], steps: inout [Step], parameters: inout [Parameter]) {
        for candidate in candidates {
            guard let name = name(for: candidate.token),
                  !parameters.contains(where: { $0.name == name || $0.placeholder == candidate.token }),
                  let user = steps.firstIndex(where: { step in !step.skipped && (step.commands + step.undo).contains { uses($0.text, candidate.token) } })
            else { continue }
            parameters.append(Parameter(name: name, description: candidate.sentence, placeholder: candidate.token,
                                        range: SourceRange(line: candidate.line)))
            steps[user].decisions.append(ReadingDecision(line: candidate.line, pass: ReadingPass.prosePlaceholders.rawValue,
                                                         outcome: "parameter \(name) for \(candidate.token)", reason: "the prose says to replace it"))
        }
    }

    /// The token as a word of the command (GLANCE_DBPASS, not GLANCE_DBPASS_OLD).
    static func uses(_ text: String, _ token: String) -> Bool {
        var search = text.startIndex..<text.endIndex
        while let range = text.range(of: token, range: search) {
            let before = range.lowerBound == text.startIndex ? nil : text[text.index(before: range.lowerBound)]
            let after = range.upperBound == text.endIndex ? nil : text[range.upperBound]
            let wordy: (Character?) -> Bool = { $0.map { $0.isLetter || $0.isNumber || $0 == "_" } ?? false }
            if token.hasPrefix("<") || (!wordy(before) && !wordy(after)) { return true }
            search = range.upperBound..<text.endIndex
        }
        return false
    }

    static func sentence(around range: Range<String.Index>, in text: String) -> String {
        let start = text[..<range.lowerBound].lastIndex { ".!?\n".contains($0) }.map { text.index(after: $0) } ?? text.startIndex
        let end = text[range.upperBound...].firstIndex { ".!?\n".contains($0) }.map { text.index(after: $0) } ?? text.endIndex
        return text[start..<end].trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
