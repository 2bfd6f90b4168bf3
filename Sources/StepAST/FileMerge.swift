import Foundation

/// How `merge=` reads a block: `[section]` headers and `key = value` (or
/// `key: value`) lines; blank lines and `#`/`;` comments are left out. The
/// same reading is done at run time by the script (rb_file_merge), on the file.
public enum FileMerge {
    /// (section, key) for each setting, in order; "" is the part before any header.
    public static func settings(_ text: String) -> [(section: String, key: String)] {
        var section = ""
        var found: [(String, String)] = []
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("["), line.hasSuffix("]") {
                section = String(line.dropFirst().dropLast())
                continue
            }
            guard let separator = line.firstIndex(where: { $0 == "=" || $0 == ":" }) else { continue }
            let key = line[..<separator].trimmingCharacters(in: .whitespaces)
            if !key.isEmpty { found.append((section, key)) }
        }
        return found
    }

    public static func hasSettings(_ text: String) -> Bool { !settings(text).isEmpty }

    /// How a file's content the page gives most likely goes in: `merge` for
    /// settings under `[section]` headers, else `write` (lint RB110 and `runbook review` suggest it).
    public static func suggestedMode(_ text: String) -> String {
        hasSettings(text) && text.contains("[") ? "merge" : "write"
    }
}
