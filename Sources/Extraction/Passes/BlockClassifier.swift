import Foundation
import StepAST

/// What a code block is for, read as an operator reads it: a transcript
/// (prompts) or a script (lines that are commands) runs; configuration and
/// output are shown to the operator at their step. The language decides when
/// it names a program or a file format; where it does not (no language,
/// `text`, `none`, `no-highlight`, `console`, ...), the content does.
public struct BlockClassification: Equatable, Sendable {
    public enum Kind: String, Sendable {
        case transcript, script, configuration, output

        /// The same reading, for a block shown and not run.
        var shown: ShownBlock.Kind {
            switch self {
            case .transcript: .transcript
            case .script: .script
            case .configuration: .configuration
            case .output: .output
            }
        }
    }

    public var kind: Kind
    /// The program a transcript's or a script's commands go to (a prompt may name another).
    public var interpreter: Interpreter?
    /// Why, in a few words, for `plan`.
    public var reason: String
    /// The reading pass that decided; nil when none read the block as commands (it is shown).
    public var pass: ReadingPass?

    public init(_ kind: Kind, _ interpreter: Interpreter? = nil, by pass: ReadingPass?, _ reason: String) {
        self.kind = kind
        self.interpreter = interpreter
        self.reason = reason
        self.pass = pass
    }

    public var runs: Bool { kind == .transcript || kind == .script }
}

public enum BlockClassifier {
    /// The reason given when nothing better than "not commands" decided: lint (RB107) warns where some lines look like commands.
    public static let outputByDefault = "no prompt, and lines that are not commands"

    /// Languages that mean "no highlighting": they say nothing of what the block is.
    public static let undecided: Set<String> = ["", "text", "txt", "plaintext", "plain", "none", "no-highlight", "nohighlight",
                                         "console", "shell-session", "shellsession", "terminal", "default", "code"]
    static let configurationLanguages: Set<String> = [
        "ini", "conf", "cfg", "config", "toml", "yaml", "yml", "json", "jsonc", "json5", "xml", "nginx", "apache", "apacheconf",
        "properties", "env", "dotenv", "crontab", "cron", "systemd", "hcl", "lua", "javascript", "js", "caddy", "caddyfile",
        "dockerfile", "diff", "patch", "html", "css", "vcl", "haproxy", "cfg-file", "file-content",
    ]
    static let outputLanguages: Set<String> = ["output", "log", "logs", "out", "stdout"]

    /// The passes console-prompts, block-language, file-excerpts, directory-trees,
    /// sql-blocks and block-content, in that order; the first that decides wins.
    /// Past this many lines, a block is read by its first lines only: nobody types
    /// a thousand lines at a prompt, and a 20 MB log must not cost a line-by-line reading.
    static let linesRead = 1000

    public static func classify(language: String?, text: String, passes: Set<ReadingPass> = Set(ReadingPass.allCases)) -> BlockClassification {
        let name = passes.contains(.blockLanguage) ? language?.lowercased() ?? "" : ""
        let lines = text.split(separator: "\n", maxSplits: linesRead, omittingEmptySubsequences: false).prefix(linesRead).map(String.init)
        let long = lines.count == linesRead && text.utf8.count > lines.reduce(0) { $0 + $1.utf8.count + 1 }
        if long, undecided.contains(name), !lines.contains(where: { ConsoleTranscript.hasPrompt($0, language: language) }) {
            return BlockClassification(.output, by: passes.contains(.blockContent) ? .blockContent : nil,
                                       "more than \(linesRead) lines and no prompt: not something an operator types")
        }
        let prompted = passes.contains(.consolePrompts) && lines.contains { ConsoleTranscript.hasPrompt($0, language: language) }
        if !undecided.contains(name) { return byLanguage(name, lines: lines, prompted: prompted, passes: passes) }
        if prompted { return BlockClassification(.transcript, .bash, by: .consolePrompts, "lines start with a prompt") }
        if language == nil, !long, Interpreter.looksLikeSQL(text) {
            guard passes.contains(.sqlBlocks) else { return BlockClassification(.output, by: nil, "SQL, and the sql-blocks pass is off") }
            return BlockClassification(.script, .psql, by: .sqlBlocks, "every statement is SQL")
        }
        if passes.contains(.fileExcerpts), let script = shebang(lines) { return script }
        guard passes.contains(.blockContent) else {
            return BlockClassification(.output, by: nil, "no prompt and no language that names a program (the block-content pass is off)")
        }
        return byContent(lines)
    }

    /// Pass block-language: a language that names a file format, output or a program.
    static func byLanguage(_ name: String, lines: [String], prompted: Bool, passes: Set<ReadingPass>) -> BlockClassification {
        if name == "file-content" { return BlockClassification(.configuration, by: .blockLanguage, "the block's title names a file: its content") }
        if configurationLanguages.contains(name) { return BlockClassification(.configuration, by: .blockLanguage, "its language, \(name), is a file format") }
        if outputLanguages.contains(name) { return BlockClassification(.output, by: .blockLanguage, "its language, \(name), is output") }
        guard let interpreter = Interpreter.forLanguage(name) else {
            return BlockClassification(.output, by: .blockLanguage, "its language, \(name), is not a program runbook runs")
        }
        if prompted { return BlockClassification(.transcript, interpreter, by: .consolePrompts, "lines start with a prompt") }
        if let excerpt = fileExcerpt(lines, language: name, interpreter: interpreter, passes: passes) { return excerpt }
        return BlockClassification(.script, interpreter, by: .blockLanguage, "its language, \(name)")
    }

    /// A block with neither prompts nor a deciding language.
    static func byContent(_ lines: [String]) -> BlockClassification {
        var commands = 0, assignments = 0, settings = 0, others = 0
        var continued = false, hereDocument: String?
        for raw in lines {
            let line = raw.trimmingCharacters(in: .whitespaces)
            defer { continued = line.hasSuffix("\\") }
            if let delimiter = hereDocument {
                if line == delimiter { hereDocument = nil }
                continue
            }
            // `(` and `)` alone open and close a subshell around the lines between.
            if continued || line.isEmpty || line.hasPrefix("#") || line == "(" || line == ")" { continue }
            if let delimiter = ConsoleTranscript.hereDocumentDelimiter(line) { hereDocument = delimiter }
            if ConfigurationLine.isAccessRule(line) || ConfigurationLine.isSetting(line) || ConfigurationLine.isSchedule(line) {
                settings += 1
            } else if ShellLine.isAssignment(line) {
                assignments += 1
            } else if ShellLine.isCommand(line) {
                commands += 1
            } else if ConfigurationLine.matches(line) {
                settings += 1
            } else {
                others += 1
            }
        }
        if commands > 0, settings == 0, others == 0 {
            return BlockClassification(.script, .bash, by: .blockContent, "every line is a command")
        }
        if settings + assignments > 0, settings + assignments >= others, commands == 0 || settings > commands {
            return BlockClassification(.configuration, by: .blockContent,
                                       assignments > 0 && settings == 0 ? "NAME=value lines and no command: an environment file" : "lines of settings (key = value, sections, braces)")
        }
        return BlockClassification(.output, by: .blockContent, outputByDefault)
    }

    /// The offsets of a block's lines that read as shell commands.
    public static func commandLikeLines(_ text: String) -> [Int] {
        text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { index, raw in
            let line = raw.trimmingCharacters(in: .whitespaces)
            return !line.isEmpty && !line.hasPrefix("#") && !line.hasPrefix("[") && ShellLine.isCommand(line) && !ConfigurationLine.isSetting(line)
                && !ConfigurationLine.isAccessRule(line) ? index : nil
        }
    }
}
