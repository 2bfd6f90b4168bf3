/// A problem found in the input, printed like a compiler's:
/// `path:line:col: severity: message [CODE]`.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable, Comparable {
        case note, warning, error
        public static func < (a: Severity, b: Severity) -> Bool {
            let order: [Severity] = [.note, .warning, .error]
            return order.firstIndex(of: a)! < order.firstIndex(of: b)!
        }
    }

    public var severity: Severity
    public var path: String
    public var position: SourcePosition
    public var message: String
    /// Stable identifier such as `RB001`, when the message belongs to a catalog.
    public var code: String?
    /// What to change to fix it, when there is a known fix.
    public var fix: String?
    /// The text the finding is about (a placeholder's token), for a tool that
    /// acts on it (`runbook review`, `lint --fix`) rather than reading `fix`.
    public var subject: String?
    /// Where the text it is about ends (its last character), when it is known:
    /// the span printed under the line and given to SARIF.
    public var end: SourcePosition?

    public init(_ severity: Severity, _ path: String, _ position: SourcePosition, _ message: String, code: String? = nil, fix: String? = nil) {
        self.severity = severity
        self.path = path
        self.position = position
        self.message = message
        self.code = code
        self.fix = fix
    }

    public static func error(_ path: String, _ position: SourcePosition, _ message: String) -> Diagnostic {
        Diagnostic(.error, path, position, message)
    }

    /// An error about the text of `range`.
    public static func error(_ path: String, _ range: SourceRange, _ message: String) -> Diagnostic {
        var diagnostic = Diagnostic(.error, path, range.start, message)
        diagnostic.end = range.end
        return diagnostic
    }

    public static func warning(_ path: String, _ position: SourcePosition, _ message: String) -> Diagnostic {
        Diagnostic(.warning, path, position, message)
    }

    public var description: String {
        let suffix = code.map { " [\($0)]" } ?? ""
        return "\(path):\(position.line):\(position.column): \(severity.rawValue): \(message)\(suffix)"
    }
}

/// Several diagnostics at once, thrown when a stage found errors it could not recover from.
public struct DiagnosticList: Error, Sendable {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}
