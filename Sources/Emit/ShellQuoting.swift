import Foundation

/// The only two ways text from a doc enters a generated script: a single-quoted
/// word, or the body of a here-document whose quoted delimiter never occurs in it.
public enum ShellQuoting {
    /// `it's` → `'it'\''s'`. Nothing inside single quotes is expanded.
    public static func singleQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// A here-document delimiter that no line of `text` equals.
    public static func delimiter(for text: String, base: String = "RUNBOOK_TEXT") -> String {
        let lines = Set(text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.drop { $0 == "\t" } })
        var candidate = base
        var n = 1
        while lines.contains(Substring(candidate)) {
            n += 1
            candidate = "\(base)_\(n)"
        }
        return candidate
    }

    /// `<<'DELIM'` ... `DELIM`: the lines to append after a command that reads standard input.
    public static func hereDocument(_ text: String) -> (opener: String, body: String) {
        let delimiter = delimiter(for: text)
        return ("<<'\(delimiter)'", text + "\n" + delimiter)
    }
}
