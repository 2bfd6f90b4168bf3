import Foundation
import StepAST

/// Passes `file-excerpts` and `directory-trees`: a block whose language says
/// shell or Python but whose lines are a file's content or a tree of folders.
extension BlockClassifier {
    /// A shell or Python block that is not a script, or nil when it is one.
    static func fileExcerpt(_ lines: [String], language: String, interpreter: Interpreter, passes: Set<ReadingPass>) -> BlockClassification? {
        if interpreter.isShell {
            if passes.contains(.directoryTrees), let tree = directoryTree(lines, language: language) { return tree }
            guard passes.contains(.fileExcerpts) else { return nil }
            if let excerpt = shellExcerpt(lines, language: language) { return excerpt }
            // A shell block (often by a page's default language) that holds settings and no command.
            let content = byContent(lines)
            if content.kind == .configuration, !lines.contains(where: { ShellLine.isAssignment($0.trimmingCharacters(in: .whitespaces)) }) {
                return BlockClassification(.configuration, by: .fileExcerpts, content.reason + ", though its language is \(language)")
            }
        }
        if interpreter == .python, passes.contains(.fileExcerpts), isSettings(lines) {
            return BlockClassification(.configuration, by: .fileExcerpts, "Python that only assigns settings: a settings file")
        }
        return nil
    }

    static func directoryTree(_ lines: [String], language: String) -> BlockClassification? {
        let tree = lines.contains { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            return trimmed.hasPrefix("├") || trimmed.hasPrefix("└") || trimmed.hasPrefix("│")
        }
        return tree ? BlockClassification(.output, by: .directoryTrees, "a directory tree, though its language is \(language)") : nil
    }

    /// Only `NAME=value` lines (an `.env` excerpt: run alone they would set
    /// nothing), `# common.sh` on the first line (that file's content), or a
    /// `#!` line first (a script's text: nobody types a shebang at a prompt).
    static func shellExcerpt(_ lines: [String], language: String) -> BlockClassification? {
        if let shebang = shebang(lines) { return shebang }
        let meaningful = lines.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
        guard !meaningful.isEmpty else { return nil }
        if let first = lines.first(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty })?.trimmingCharacters(in: .whitespaces),
           first.hasPrefix("# "), case let name = first.dropFirst(2).trimmingCharacters(in: .whitespaces), !name.contains(" "),
           name.contains("."), name.split(separator: ".").last.map({ $0.count <= 5 && $0.allSatisfy(\.isLetter) }) == true {
            return BlockClassification(.configuration, by: .fileExcerpts, "the content of \(name), named on its first line")
        }
        if meaningful.allSatisfy({ ShellLine.isAssignment($0) && !$0.hasPrefix("export ") }) {
            return BlockClassification(.configuration, by: .fileExcerpts,
                                       "only NAME=value lines, which set nothing run alone: an environment file, though its language is \(language)")
        }
        return nil
    }

    /// A block whose first line is `#!/…`: the text of a script file, shown.
    static func shebang(_ lines: [String]) -> BlockClassification? {
        guard let first = lines.first(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty })?.trimmingCharacters(in: .whitespaces),
              first.hasPrefix("#!/") else { return nil }
        return BlockClassification(.configuration, by: .fileExcerpts, "a script's text: its first line is \(first)")
    }

    /// Top-level lines that only assign UPPER_CASE names (Django's settings, a config.py).
    static func isSettings(_ lines: [String]) -> Bool {
        var assigned = false
        for line in lines where !line.isEmpty && !line.hasPrefix(" ") && !line.hasPrefix("\t") && !line.hasPrefix("#") {
            if ["}", "]", ")", "},", "],", "),"].contains(line.trimmingCharacters(in: .whitespaces)) { continue }
            let name = line.prefix { $0.isUppercase || $0.isNumber || $0 == "_" }
            let rest = line.dropFirst(name.count).drop { $0 == " " }
            guard !name.isEmpty, name.first!.isUppercase, rest.hasPrefix("=") || rest.hasPrefix("+=") else { return false }
            assigned = true
        }
        return assigned
    }
}
