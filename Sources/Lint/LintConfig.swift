import Foundation
import RunbookCore

/// The project's lint configuration, `.runbook-lint.json` (or `--config FILE`):
///
///     { "disable": ["RB103"], "severity": { "RB105": "error" } }
///
/// Read strictly: an unknown key, rule code or severity is an error.
public struct LintConfig: Sendable, Equatable {
    public var disabled: Set<String> = []
    public var severities: [String: Diagnostic.Severity] = [:]

    public init() {}

    public static func load(path: String) throws(Diagnostic) -> LintConfig {
        let at = SourcePosition(line: 1, column: 1)
        guard let data = FileManager.default.contents(atPath: path) else { throw .error(path, at, "no such file") }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw .error(path, at, "not a JSON object")
        }
        var config = LintConfig()
        let known = Set(LintRule.lintRules.map(\.code))
        for (key, value) in object {
            switch key {
            case "disable":
                guard let codes = value as? [String] else { throw .error(path, at, "'disable' must be a list of rule codes") }
                for code in codes where !known.contains(code) { throw .error(path, at, "unknown rule '\(code)' in 'disable'") }
                config.disabled = Set(codes)
            case "severity":
                guard let map = value as? [String: String] else { throw .error(path, at, "'severity' must map rule codes to note, warning or error") }
                for (code, name) in map {
                    guard known.contains(code) else { throw .error(path, at, "unknown rule '\(code)' in 'severity'") }
                    guard let severity = Diagnostic.Severity(rawValue: name) else { throw .error(path, at, "unknown severity '\(name)' for \(code) (note, warning, error)") }
                    config.severities[code] = severity
                }
            default:
                throw .error(path, at, "unknown key '\(key)' (known: disable, severity)")
            }
        }
        return config
    }

    func apply(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.compactMap { diagnostic in
            guard let code = diagnostic.code else { return diagnostic }
            if disabled.contains(code) { return nil }
            var changed = diagnostic
            if let severity = severities[code] { changed.severity = severity }
            return changed
        }
    }
}
