import Foundation
import Pipeline
import RunbookCore

/// Writes an annotation into a doc's text where it belongs, in the doc's own
/// syntax (an RST comment, a Markdown HTML comment), indentation and line
/// endings, without changing what the page renders: blank lines around it, an
/// annotation already before a block extended rather than split from it, and
/// RST's `text::` opening a literal block turned into `text:` and a `::` of
/// its own, which renders the same.
public struct AnnotationWriter {
    public typealias Syntax = DocumentLoader.Syntax

    let syntax: Syntax
    var lines: [String]
    let newline: String
    let endsWithNewline: Bool

    /// The doc SOURCE holds: its own bytes (the reader's text has its line
    /// endings made LF), in the syntax its extension picks.
    public init(source: SourceFile) {
        self.init(text: String(decoding: source.bytes, as: UTF8.self), syntax: DocumentLoader.syntax(of: source.path))
    }

    init(text: String, syntax: Syntax) {
        self.syntax = syntax
        newline = text.contains("\r\n") ? "\r\n" : "\n"
        endsWithNewline = text.hasSuffix("\n")
        var body = text.replacingOccurrences(of: "\r\n", with: "\n")
        if body.hasSuffix("\n") { body.removeLast() }
        lines = body.isEmpty ? [] : body.components(separatedBy: "\n")
    }

    public var text: String {
        lines.joined(separator: newline) + (endsWithNewline ? newline : "")
    }

    /// Writes KEYS (`interpreter=bash`, `undo="…"`) at PLACE; returns the 1-based
    /// line the annotation is on. Throws when the keys cannot stand in a comment.
    @discardableResult
    public mutating func write(_ keys: String, at place: AnnotationPlace) throws -> Int {
        if syntax == .markdown && keys.contains("-->") || keys.contains("\n") {
            throw AnswerError(message: "an annotation cannot hold '-->' or a line break")
        }
        switch place {
        case .top: return insert(keys, before: topIndex(), indent: "")
        case .underHeading(let line):
            // A list item that is a step: inside the item, after its first paragraph.
            if let marker = lines[line - 1].range(of: #"^\s*([-*+•]|[0-9]+[.)]|#\.)\s+"#, options: .regularExpression) {
                let indent = String(repeating: " ", count: lines[line - 1].distance(from: marker.lowerBound, to: marker.upperBound))
                var end = line
                while end < lines.count && !Self.isBlank(lines[end]) { end += 1 }
                return insert(keys, before: end, indent: indent)
            }
            return insert(keys, before: headingEnd(line - 1) + 1, indent: "")
        case .beforeBlock(let line, let content): return try beforeBlock(keys, line - 1, content - 1)
        }
    }

    private static func indentation(_ line: String) -> String { String(line.prefix { $0 == " " || $0 == "\t" }) }
    private static func isBlank(_ line: String) -> Bool { line.allSatisfy { $0 == " " || $0 == "\t" } }

    /// An RST adornment line: one punctuation character repeated.
    private static func isAdornment(_ line: String) -> Bool {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard trimmed.count >= 3, let first = trimmed.first, first.isPunctuation || first.isSymbol else { return false }
        return trimmed.allSatisfy { $0 == first }
    }

    /// The last line of the heading that starts at INDEX (its underline, if any).
    private func headingEnd(_ index: Int) -> Int {
        if index + 1 < lines.count && Self.isAdornment(lines[index + 1]) && !Self.isBlank(lines[index]) { return index + 1 }
        if Self.isAdornment(lines[index]) && index + 2 < lines.count && Self.isAdornment(lines[index + 2]) { return index + 2 }
        return index
    }

    /// Under the doc's title when it opens the doc, else at the top.
    private func topIndex() -> Int {
        guard let first = lines.firstIndex(where: { !Self.isBlank($0) }) else { return 0 }
        switch syntax {
        case .markdown:
            if lines[first].hasPrefix("# ") { return first + 1 }
            if first + 1 < lines.count, lines[first + 1].hasPrefix("==="), !Self.isBlank(lines[first]) { return first + 2 }
            return 0
        case .rst:
            let end = headingEnd(first)
            return end > first ? end + 1 : 0
        }
    }

    /// An annotation of KEYS as this syntax writes one.
    public static func comment(_ keys: String, syntax: Syntax, indent: String = "") -> String {
        syntax == .rst ? "\(indent).. runbook: \(keys)" : "\(indent)<!-- runbook: \(keys) -->"
    }

    private func comment(_ keys: String, indent: String) -> String { Self.comment(keys, syntax: syntax, indent: indent) }

    /// The comment on a line of its own before line INDEX, a blank line on each side.
    private mutating func insert(_ keys: String, before index: Int, indent: String) -> Int {
        var block = [comment(keys, indent: indent)]
        if index > 0 && !Self.isBlank(lines[index - 1]) { block.insert("", at: 0) }
        if index >= lines.count || !Self.isBlank(lines[index]) { block.append("") }
        lines.insert(contentsOf: block, at: index)
        return index + (block.first == "" ? 2 : 1)
    }

    private mutating func beforeBlock(_ keys: String, _ start: Int, _ content: Int) throws -> Int {
        guard start >= 0 && start < lines.count else { throw AnswerError(message: "no block at line \(start + 1)") }
        // An annotation already right before the block: the keys join it.
        var previous = start - 1
        while previous >= 0 && Self.isBlank(lines[previous]) { previous -= 1 }
        if previous >= 0, let extended = extendAnnotation(ending: previous, with: keys) { return extended }
        switch syntax {
        case .markdown:
            let indent = Self.indentation(lines[start])
            let fenced = lines[start].trimmingCharacters(in: .whitespaces).hasPrefix("```") || lines[start].trimmingCharacters(in: .whitespaces).hasPrefix("~~~")
            // An indented block's own four spaces are not its container's.
            let containerIndent = fenced || start != content ? indent : String(indent.dropLast(min(4, indent.count)))
            return insert(keys, before: start, indent: containerIndent)
        case .rst:
            let first = lines[start].trimmingCharacters(in: .whitespaces)
            if first.hasPrefix("..") { return insert(keys, before: start, indent: Self.indentation(lines[start])) }
            // A literal block: the `::` that opens it is the paragraph's end, or a line of its own.
            guard previous >= 0 else { throw AnswerError(message: "no '::' before the literal block at line \(content + 1)") }
            let opener = lines[previous]
            let indent = Self.indentation(opener)
            let trimmed = opener.trimmingCharacters(in: .whitespaces)
            if trimmed == "::" { return insert(keys, before: previous, indent: indent) }
            guard trimmed.hasSuffix("::") else { throw AnswerError(message: "no '::' before the literal block at line \(content + 1)") }
            // `text ::` renders "text", `text::` renders "text:"; then the block's own `::`.
            var text = opener
            while text.hasSuffix(" ") { text.removeLast() }
            if text.hasSuffix(" ::") { text.removeLast(3) } else { text.removeLast() }
            lines[previous] = text
            lines.insert(contentsOf: ["", indent + "::"], at: previous + 1)
            return insert(keys, before: previous + 2, indent: indent)
        }
    }

    /// When line END closes a runbook annotation, KEYS are added to it; returns its line.
    private mutating func extendAnnotation(ending end: Int, with keys: String) -> Int? {
        let line = lines[end]
        switch syntax {
        case .markdown:
            guard line.contains("<!-- runbook:"), line.hasSuffix("-->") else { return nil }
            var text = String(line.dropLast(3))
            while text.hasSuffix(" ") { text.removeLast() }
            lines[end] = text + " " + keys + " -->"
            return end + 1
        case .rst:
            // The comment's first line, then its indented continuation lines.
            var first = end
            while first > 0 && !lines[first].trimmingCharacters(in: .whitespaces).hasPrefix("..") && !Self.isBlank(lines[first]) { first -= 1 }
            guard lines[first].trimmingCharacters(in: .whitespaces).hasPrefix(".. runbook:") else { return nil }
            lines[end] += " " + keys
            return end + 1
        }
    }
}
