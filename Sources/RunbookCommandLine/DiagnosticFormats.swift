import ArgumentParser
import Foundation
import Lint
import RunbookCore

/// How `lint` and `check` print findings: like a compiler (text), as JSON,
/// as GitHub workflow commands, as a SARIF 2.1.0 log, or as GitLab's Code
/// Quality report (`artifacts: reports: codequality:`).
enum FindingFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, github, sarif, gitlab
}

/// A rule as the formats describe it: lint rules, and the drift kinds of `check`.
struct RuleInfo {
    var code: String
    var name: String
    var summary: String
    var severity: Diagnostic.Severity

    init(_ code: DiagnosticCode) {
        (self.code, name, summary, severity) = (code.code, code.name, code.summary, code.defaultSeverity)
    }

    static let lint = DiagnosticCode.lintRules.map(RuleInfo.init)
    static let drift = DiagnosticCode.drifts.map(RuleInfo.init)
    static let proof = DiagnosticCode.proofs.map(RuleInfo.init)
}

enum DiagnosticFormats {
    static func render(_ diagnostics: [Diagnostic], as format: FindingFormat, rules: [RuleInfo]) -> String {
        switch format {
        case .text:
            // Each file is read once, however many findings it has.
            var sources: [String: SourceFile?] = [:]
            return diagnostics.map { diagnostic in
                if sources[diagnostic.path] == nil { sources[diagnostic.path] = try? SourceFile.load(path: diagnostic.path, relativePath: diagnostic.path) }
                return text(diagnostic, source: sources[diagnostic.path] ?? nil)
            }.joined()
        case .json: return json(diagnostics, rules: rules)
        case .github: return diagnostics.map(github).joined()
        case .sarif: return sarif(diagnostics, rules: rules)
        case .gitlab: return gitlab(diagnostics, rules: rules)
        }
    }

    /// `file:line:col: severity: message [CODE]`, the source line, a caret under the column, the fix.
    static func text(_ diagnostic: Diagnostic, source: SourceFile?) -> String {
        var out = diagnostic.description + "\n"
        if let source, source.lineCount >= 1, (1...source.lineCount).contains(diagnostic.position.line) {
            let line = source.line(diagnostic.position.line)
            let number = String(diagnostic.position.line)
            // The caret goes under the column's character: count the characters before it (columns are UTF-8 bytes).
            let before = String(Substring(line.utf8.prefix(max(diagnostic.position.column - 1, 0))))
            let padding = String(repeating: " ", count: before.count)
            // A span on the same line is underlined to its last character: ^~~~.
            var marker = "^"
            if let end = diagnostic.end, end.line == diagnostic.position.line, end.column > diagnostic.position.column {
                let through = String(Substring(line.utf8.prefix(end.column - 1)))
                marker += String(repeating: "~", count: max(through.count - before.count, 0))
            }
            out += " \(number) | \(line)\n \(String(repeating: " ", count: number.count)) | \(padding)\(marker)\n"
        }
        if let fix = diagnostic.fix { out += "  fix: \(fix)\n" }
        return out
    }

    static func json(_ diagnostics: [Diagnostic], rules: [RuleInfo]) -> String {
        let names = Dictionary(uniqueKeysWithValues: rules.map { ($0.code, $0.name) })
        let objects: [[String: Any]] = diagnostics.map { d in
            var object: [String: Any] = ["severity": d.severity.rawValue, "file": d.path, "line": d.position.line,
                                         "column": d.position.column, "message": d.message]
            if let code = d.code { object["code"] = code; object["rule"] = names[code] ?? NSNull() }
            if let fix = d.fix { object["fix"] = fix }
            return object
        }
        return encode(objects)
    }

    /// `::warning file=F,line=L,col=C,title=T::message`, escaped as GitHub's workflow commands require.
    static func github(_ d: Diagnostic) -> String {
        func data(_ s: String) -> String {
            s.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
        }
        func property(_ s: String) -> String { data(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C") }
        let command = d.severity == .note ? "notice" : d.severity.rawValue
        let title = d.code.map { property($0) } ?? "runbook"
        let message = d.message + (d.fix.map { "\nfix: \($0)" } ?? "")
        return "::\(command) file=\(property(d.path)),line=\(d.position.line),col=\(d.position.column),title=\(title)::\(data(message))\n"
    }

    /// GitLab's Code Quality report: an array of issues with `description`,
    /// `check_name`, `fingerprint` (unique per finding: the code, the place and
    /// the message hashed, so the merge request widget tells them apart and
    /// matches them between pipelines), `severity` (info, minor, major,
    /// critical, blocker) and `location` (`path`, `lines.begin`).
    static func gitlab(_ diagnostics: [Diagnostic], rules: [RuleInfo]) -> String {
        let names = Dictionary(uniqueKeysWithValues: rules.map { ($0.code, $0.name) })
        let severity: (Diagnostic.Severity) -> String = { switch $0 { case .error: "major"; case .warning: "minor"; case .note: "info" } }
        let issues: [[String: Any]] = diagnostics.map { d in
            let check = d.code.map { code in names[code].map { "\(code) \($0)" } ?? code } ?? "runbook"
            let identity = [d.code ?? "", d.path, String(d.position.line), String(d.position.column), d.message].joined(separator: "\u{0}")
            return [
                "description": d.message + (d.fix.map { " (fix: \($0))" } ?? ""),
                "check_name": check,
                "fingerprint": SHA256.hex(of: identity),
                "severity": severity(d.severity),
                "location": ["path": d.path, "lines": ["begin": d.position.line]],
            ]
        }
        return encode(issues)
    }

    static func sarif(_ diagnostics: [Diagnostic], rules: [RuleInfo]) -> String {
        let index = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.code, $0) })
        let level: (Diagnostic.Severity) -> String = { $0 == .note ? "note" : $0.rawValue }
        let results: [[String: Any]] = diagnostics.map { d in
            var result: [String: Any] = [
                "level": level(d.severity),
                "message": ["text": d.message + (d.fix.map { " (fix: \($0))" } ?? "")],
                "locations": [["physicalLocation": [
                    "artifactLocation": ["uri": d.path],
                    "region": ["startLine": d.position.line, "startColumn": d.position.column]
                        .merging(d.end.map { ["endLine": $0.line, "endColumn": $0.column + 1] } ?? [:]) { $1 },
                ]]],
            ]
            if let code = d.code {
                result["ruleId"] = code
                if let i = index[code] { result["ruleIndex"] = i }
            }
            return result
        }
        let log: [String: Any] = [
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [[
                "tool": ["driver": [
                    "name": "runbook",
                    "version": RunbookVersion.current,
                    "rules": rules.map { rule in [
                        "id": rule.code, "name": rule.name,
                        "shortDescription": ["text": rule.summary],
                        "defaultConfiguration": ["level": level(rule.severity)],
                    ] as [String: Any] },
                ] as [String: Any]],
                "results": results,
            ] as [String: Any]],
        ]
        return encode(log)
    }

    static func encode(_ object: Any) -> String {
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
