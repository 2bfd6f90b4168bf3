import DocumentTree
import RunbookCore
import StepAST

/// Pass inline-commands: a sentence that tells the operator to run a command
/// given inline ("In the application root, run `php artisan key:generate`",
/// "Start it with `docker-compose up -d`") runs it, as a block would. Only an
/// instruction: a sentence that starts with its verb (after "Then", "Now", or
/// a leading phrase ending in a comma), the code span right after "run",
/// "execute", "type", "issue", "with" or "using", shaped like a command. Not a
/// condition or an option ("If you only want containers, you can run …"),
/// not one of two ("using either `wget …` or `curl …`"), not a task of its
/// own ("To update it later, run …"), not one word or a placeholder
/// (`lxc-to-incus [flags]`), not a sentence that announces the block after it.
extension ExtractionContext {
    static let runWords: Set<String> = ["run", "execute", "type", "issue", "with", "using", "command"]

    /// The commands the paragraph's sentences tell the operator to run, each with its line.
    func inlineCommands(_ paragraph: Node) -> [(text: String, line: Int, sentence: String)] {
        guard passes.contains(.inlineCommands), case .paragraph(let text) = paragraph.kind, !paragraph.codeSpans.isEmpty else { return [] }
        var found: [(String, Int, String)] = []
        var searchFrom = text.startIndex
        for span in paragraph.codeSpans where Self.isWholeCommand(span) {
            guard let at = text.range(of: span, range: searchFrom..<text.endIndex) else { continue }
            searchFrom = at.upperBound
            let sentence = Self.sentence(around: at, in: text)
            // "Finally, run `prosodyctl` to create a user:": the block after it is the command.
            if sentence.whole.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix(":") { continue }
            guard Self.instructs(sentence.before, spanCount: paragraph.codeSpans.filter { sentence.whole.contains($0) }.count) else { continue }
            let line = paragraph.range.start.line + text[..<at.lowerBound].filter { $0 == "\n" }.count
            found.append((span, line, sentence.whole))
        }
        return found
    }

    /// A command written out: two words or more, shaped like a command, with no
    /// placeholder (`lxc-to-incus [flags]`, `<version>`, `{name}`) and no line break.
    static func isWholeCommand(_ span: String) -> Bool {
        guard !span.contains("\n"), span.split(separator: " ").count >= 2, ShellLine.isCommand(span) else { return false }
        return span.range(of: #"\[[A-Za-z_ .-]+\]|<[^>]+>|\{[A-Za-z_][^}]*\}|\.\.\.|…"#, options: .regularExpression) == nil
    }

    /// The sentence holding RANGE: its text before the range, and the whole of it.
    static func sentence(around range: Range<String.Index>, in text: String) -> (before: String, whole: String) {
        let head = text[..<range.lowerBound]
        var start = text.startIndex
        for end in [". ", ".\n", "! ", "? ", ": ", ":\n"] {
            if let found = head.range(of: end, options: .backwards), found.upperBound > start { start = found.upperBound }
        }
        let tail = text[range.upperBound...]
        let stop = [". ", ".\n", "! ", "? "].compactMap { tail.range(of: $0)?.lowerBound }.min() ?? text.endIndex
        return (String(text[start..<range.lowerBound]), String(text[start..<stop]))
    }

    /// The words before a code span make the sentence an instruction to run it.
    static func instructs(_ before: String, spanCount: Int) -> Bool {
        // "using either `wget …` or `curl …`": two ways, neither chosen here.
        guard spanCount == 1 else { return false }
        let words = { (text: String) in
            text.split(separator: " ").map { $0.trimmingCharacters(in: .punctuationCharacters) }.filter { !$0.isEmpty }
        }
        let clauses = before.lowercased().replacingOccurrences(of: "\n", with: " ").components(separatedBy: ",")
        // "If you only want containers, run …": a condition before the comma;
        // "To update it later, run …": a task of its own (as task-labels reads it).
        let opening = words(clauses[0])
        if clauses.count > 1, let first = opening.first,
           ["if", "when", "unless", "should", "once", "whether", "to"].contains(first) || opening.starts(with: ["in", "case"]) { return false }
        var instruction = words(clauses.last!)
        guard let last = instruction.last, runWords.contains(last) else { return false }
        while let first = instruction.first, ["then", "now", "next", "finally", "first", "afterwards", "and", "simply", "just"].contains(first) {
            instruction.removeFirst()
        }
        guard let verb = instruction.first, Vocabulary.instructionVerbs.contains(verb) else { return false }
        return !instruction.contains { ["can", "may", "might", "could", "optionally", "if", "not", "never", "don't"].contains($0) }
    }
}
