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
        /// The program the prompt says reads it; nil in a block without prompts.
        public var client: Prompt.Client? = nil
    }

    /// Whether a transcript line starts with a prompt, as `commands(in:)` reads it.
    public static func hasPrompt(_ line: String, language: String?) -> Bool {
        Prompt.at(line, rootPrompt: allowsRootPrompt(language)) != nil
    }

    /// In console-like languages `# ` is a root prompt; elsewhere it is a shell comment.
    static func allowsRootPrompt(_ language: String?) -> Bool {
        ["console", "shell-session", "shellsession", "terminal"].contains(language?.lowercased() ?? "")
    }

    public static func commands(in text: String, language: String?, firstLine: Int) -> [Line] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // `# apt install x` on every line of a bash block: root prompts, not comments.
        let rootPrompt = allowsRootPrompt(language) || rootPromptsOnly(lines)
        let python = ["pycon", "python", "py", "python3"].contains(language?.lowercased() ?? "")
        let prompt: (String) -> Prompt? = { line in
            python ? pythonPrompt(line).map { Prompt(client: .python, command: $0, continues: false) } : Prompt.at(line, rootPrompt: rootPrompt)
        }
        guard lines.contains(where: { prompt($0).map { !$0.continues } ?? false }) else {
            let body = lines.reversed().drop { $0.allSatisfy(\.isWhitespace) }.reversed()
            let lead = body.prefix { $0.allSatisfy(\.isWhitespace) }.count
            let script = Array(body.dropFirst(lead))
            guard !script.isEmpty else { return [] }
            return [Line(text: script.joined(separator: "\n"), firstLine: firstLine + lead, lastLine: firstLine + lead + script.count - 1)]
        }

        var result: [Line] = []
        var index = 0
        while index < lines.count {
            guard let start = prompt(lines[index]) else { index += 1; continue }
            // A continuation prompt goes on the command before it, if that one is its client's.
            if start.continues {
                if var last = result.last, last.client == start.client {
                    last.text += "\n" + start.command
                    last.lastLine = firstLine + index
                    result[result.count - 1] = last
                }
                index += 1
                continue
            }
            var command = Line(text: start.command, firstLine: firstLine + index, lastLine: firstLine + index, client: start.client)
            index += 1
            Self.continueCommand(&command, client: start.client, lines: lines, index: &index, firstLine: firstLine, prompt: prompt)
            // The client's own commands that end the session are not SQL.
            if command.client == .psql || command.client == .mysql,
               ["\\q", "quit", "exit", "quit;", "exit;", "\\quit"].contains(command.text.trimmingCharacters(in: .whitespaces)) { continue }
            result.append(command)
        }
        return result
    }

    /// The lines after a command's first that belong to it: Python's `...`
    /// lines, a shell's backslash continuations and here-document, an SQL
    /// statement continued with `\\`. INDEX ends on the first line after it.
    static func continueCommand(_ command: inout Line, client: Prompt.Client, lines: [String], index: inout Int, firstLine: Int, prompt: (String) -> Prompt?) {
        switch client {
        case .python:
            while index < lines.count, lines[index].hasPrefix("... ") || lines[index] == "..." {
                command.text += "\n" + String(lines[index].dropFirst(4))
                command.lastLine = firstLine + index
                index += 1
            }
        case .shell, .otherPlatform:
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
        case .psql, .mysql:
            // A statement typed over several lines without a continuation prompt (MariaDB's `\` style).
            while command.text.hasSuffix("\\"), index < lines.count, prompt(lines[index]) == nil {
                command.text = String(command.text.dropLast()).trimmingTrailingBlanks() + "\n" + lines[index].drop(while: \.isWhitespace)
                command.lastLine = firstLine + index
                index += 1
            }
        }
    }

    static func rootPromptsOnly(_ lines: [String]) -> Bool {
        let meaningful = lines.filter { !$0.allSatisfy(\.isWhitespace) }
        return !meaningful.isEmpty && meaningful.allSatisfy { $0.hasPrefix("# ") && ShellLine.isCommand(String($0.dropFirst(2))) }
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
        Prompt.shellPrompt(line, rootPrompt: rootPrompt)
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
