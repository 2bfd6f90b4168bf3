import Foundation
import RunbookCore
import StepAST

/// Pass `placeholder-tokens`: a token shaped like a placeholder in a shell
/// command (`<username>`, `<HEADSCALE VERSION>`, `YOUR_DISK`, a Sphinx substitution `|version|`, `{hostname}`, a
/// docs build's template expression `{{ major_version() }}`, a version
/// written `x.y` or `X.Y.Z`)
/// that no parameter stands for becomes a required parameter. Run as
/// written, `<username>` is two redirections and `|version|` two pipes: the
/// script instead refuses to start until the value is given (`--set`).
public enum PlaceholderTokens {
    /// How a parameter this pass made is described: lint (RB101) still asks for a declaration.
    public static let description = "the value the page writes as "

    /// `<name>` (`<HEADSCALE VERSION>`: four words at most, the last right before `>`), `YOUR_NAME`,
    /// `|name|`, `{name}`, and a docs build's template expression, `{{ name }}` or `{{ name() }}`.
    static let pattern = try! NSRegularExpression(
        pattern: #"\{\{\s*[A-Za-z_][A-Za-z0-9_.]*(\(\))?\s*\}\}|<[A-Za-z][A-Za-z0-9_.:/-]*( [A-Za-z][A-Za-z0-9_.:/-]*){0,3}>|(?<![\w$])YOUR_[A-Z0-9_]+(?![\w])|\|[A-Za-z][A-Za-z0-9_-]*\||(?<![$\w{])\{[A-Za-z][A-Za-z0-9_-]*\}(?!\})|(?<![\w.])[Xx]\.[Yy](\.[Zz])?(?![\w])"#)

    static func apply(to steps: inout [Step], parameters: inout [Parameter]) {
        for index in steps.indices where !steps[index].skipped {
            for command in steps[index].commands + steps[index].undo where command.interpreter.isShell {
                for token in tokens(in: command.text) where !parameters.contains(where: { $0.placeholder == token }) {
                    guard let name = name(for: token, taken: Set(parameters.map(\.name))) else { continue }
                    parameters.append(Parameter(name: name, description: description + token, placeholder: token,
                                                range: command.range))
                    steps[index].decisions.append(ReadingDecision(line: command.range.start.line, pass: ReadingPass.placeholderTokens.rawValue,
                                                                  outcome: "parameter \(name) for \(token)",
                                                                  reason: "a placeholder in a shell word, which bash would run as written"))
                }
            }
        }
    }

    /// The tokens of a command, outside single quotes and here-documents' bodies.
    static func tokens(in text: String) -> [String] {
        let firstLine = text.split(separator: "\n", omittingEmptySubsequences: false)
        let body = text.contains("<<") ? String(firstLine.first ?? "") : text
        let unquoted = body.replacingOccurrences(of: #"'[^']*'"#, with: "''", options: .regularExpression)
        let range = NSRange(unquoted.startIndex..., in: unquoted)
        var found: [String] = []
        for match in pattern.matches(in: unquoted, range: range) {
            guard let r = Range(match.range, in: unquoted) else { continue }
            let token = String(unquoted[r])
            if !found.contains(token) { found.append(token) }
        }
        return found
    }

    /// `<your-hostname>` → YOUR_HOSTNAME, `|version|` → VERSION; a name already taken gets a suffix.
    static func name(for token: String, taken: Set<String>) -> String? {
        // `zfs-x.y`, `app-X.Y.Z.tar.gz`: a version the operator picks.
        if token.lowercased().hasPrefix("x.y") { return unique("VERSION", taken: taken) }
        if token.hasPrefix("YOUR_") { return ShellName.isValid(token) ? unique(token, taken: taken) : nil }
        var inner = token.hasPrefix("{{") ? token.dropFirst(2).dropLast(2) : token.dropFirst().dropLast()
        inner = inner.replacingOccurrences(of: "()", with: "").trimmingCharacters(in: .whitespaces)[...]
        let base = String(inner.uppercased().map { $0.isLetter || $0.isNumber ? $0 : "_" })
        guard ShellName.isValid(base) else { return nil }
        return unique(base, taken: taken)
    }

    static func unique(_ base: String, taken: Set<String>) -> String {
        var name = base, number = 2
        while taken.contains(name) {
            name = "\(base)_\(number)"
            number += 1
        }
        return name
    }
}
