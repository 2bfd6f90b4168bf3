import RunbookCore
import StepAST

/// Splits a code block into the commands it asks to run.
///
/// A block where some line starts with a prompt (`$ `, `user@host:~$ `, `> `,
/// `# ` in console blocks, `>>> ` in Python sessions) is a transcript: prompt
/// lines are commands, a line after one ending in `\` continues it, lines of a
/// here-document belong to it, and every other line is output and dropped.
/// Any other block is one script, given whole to its interpreter.
public enum ConsoleTranscript {
    public struct Line: Equatable, Sendable {
        public var text: String
        public var firstLine: Int
        public var lastLine: Int
    }

    /// Whether a transcript line starts with a prompt, as `commands(in:)` reads it.
    public static func hasPrompt(_ line: String, language: String?) -> Bool {
        shellPrompt(line, rootPrompt: allowsRootPrompt(language)) != nil
    }

    /// In console-like languages `# ` is a root prompt; elsewhere it is a shell comment.
    static func allowsRootPrompt(_ language: String?) -> Bool {
        ["console", "shell-session", "shellsession", "terminal"].contains(language?.lowercased() ?? "")
    }

    public static func commands(in text: String, language: String?, firstLine: Int) -> [Line] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let rootPrompt = allowsRootPrompt(language)
        let python = ["pycon", "python", "py", "python3"].contains(language?.lowercased() ?? "")
        let strip: (String) -> String? = { line in
            python ? pythonPrompt(line) : shellPrompt(line, rootPrompt: rootPrompt)
        }
        guard lines.contains(where: { strip($0) != nil }) else {
            let body = lines.reversed().drop { $0.allSatisfy(\.isWhitespace) }.reversed()
            let lead = body.prefix { $0.allSatisfy(\.isWhitespace) }.count
            let script = Array(body.dropFirst(lead))
            guard !script.isEmpty else { return [] }
            return [Line(text: script.joined(separator: "\n"), firstLine: firstLine + lead, lastLine: firstLine + lead + script.count - 1)]
        }

        var result: [Line] = []
        var index = 0
        while index < lines.count {
            guard let first = strip(lines[index]) else { index += 1; continue }
            var command = Line(text: first, firstLine: firstLine + index, lastLine: firstLine + index)
            index += 1
            if python {
                while index < lines.count, lines[index].hasPrefix("... ") || lines[index] == "..." {
                    command.text += "\n" + String(lines[index].dropFirst(4))
                    command.lastLine = firstLine + index
                    index += 1
                }
            } else {
                while command.text.hasSuffix("\\"), index < lines.count {
                    var next = lines[index]
                    if next.hasPrefix("> ") { next.removeFirst(2) }
                    command.text = String(command.text.dropLast()).trimmingTrailingBlanks() + " " + next.drop(while: \.isWhitespace)
                    command.lastLine = firstLine + index
                    index += 1
                }
                if let delimiter = hereDocumentDelimiter(command.text) {
                    while index < lines.count {
                        let line = lines[index]
                        command.text += "\n" + line
                        command.lastLine = firstLine + index
                        index += 1
                        if line.drop(while: { $0 == "\t" }) == delimiter { break }
                    }
                }
            }
            result.append(command)
        }
        return result
    }

    /// The output a block shows, for `expect`: doctest prompts (`>>> `) dropped, lines trimmed.
    static func expectedOutput(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            var line = Substring(line)
            if line.hasPrefix(">>> ") { line = line.dropFirst(4) }
            return line.trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n").trimmingCharacters(in: .newlines)
    }

    static func shellPrompt(_ line: String, rootPrompt: Bool) -> String? {
        let chars = Array(line)
        if line.hasPrefix("$ ") { return String(line.dropFirst(2)) }
        if line.hasPrefix("> ") { return String(line.dropFirst(2)) }
        if rootPrompt && line.hasPrefix("# ") { return String(line.dropFirst(2)) }
        // user@host:path$ or user@host:path#
        guard let at = chars.firstIndex(of: "@"), at > 0,
              chars[..<at].allSatisfy({ $0.isLetter || $0.isNumber || "._-".contains($0) }) else { return nil }
        var i = at + 1
        while i < chars.count, chars[i].isLetter || chars[i].isNumber || "._-".contains(chars[i]) { i += 1 }
        guard i > at + 1 else { return nil }
        if i < chars.count, chars[i] == ":" {
            i += 1
            while i < chars.count, chars[i] != "$" && chars[i] != "#" && chars[i] != " " { i += 1 }
        }
        guard i + 1 < chars.count, chars[i] == "$" || chars[i] == "#", chars[i + 1] == " " else { return nil }
        return String(chars[(i + 2)...])
    }

    static func pythonPrompt(_ line: String) -> String? {
        line.hasPrefix(">>> ") ? String(line.dropFirst(4)) : nil
    }

    /// `cat <<EOF`, `<<-'END'`, `<< "X"`: the delimiter word, if the command opens a here-document.
    static func hereDocumentDelimiter(_ command: String) -> String? {
        guard let start = command.range(of: "<<"), !command[start.upperBound...].hasPrefix("<") else { return nil }
        var rest = command[start.upperBound...].drop { $0 == "-" }.drop { $0 == " " }
        if let quote = rest.first, quote == "'" || quote == "\"" { rest = rest.dropFirst() }
        let word = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
        return word.isEmpty ? nil : String(word)
    }
}
