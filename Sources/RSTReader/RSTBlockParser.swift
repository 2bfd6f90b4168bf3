import DocumentTree
import Foundation
import RunbookCore

/// The block-level state machine: one method per construct, tried in the
/// order docutils tries them (`states.py`: `Body.patterns`).
struct RSTBlockParser {
    let source: SourceFile
    /// Owns the bytes of every line read, the included files' too.
    let store: LineStore
    var inline = InlineMarkup()
    var diagnostics: [Diagnostic] = []
    /// Section adornment styles in order of first appearance: index + 1 is the level.
    var sectionStyles: [String] = []
    /// Files being read, the document first, so that an include cycle is found.
    /// Filled at the first `include`: resolving a path costs system calls.
    var includeStack: [String] = []
    /// Whether the lines being read are the document's top level, where sections may stand.
    var parsingTopLevel = false
    var includeCache = IncludeCache()
    /// How many containers hold the lines being read; past NestingLimit.maximum, no deeper.
    var depth = 0
    var tooDeep: SourcePosition?

    init(source: SourceFile, store: LineStore) {
        self.source = source
        self.store = store
    }

    mutating func warn(_ line: RSTLine, _ message: String) {
        diagnostics.append(.warning(source.path, SourcePosition(line: line.number, column: line.offset + 1), message))
    }

    func range(_ lines: ArraySlice<RSTLine>) -> SourceRange {
        guard let first = lines.first(where: { !$0.isBlank }), let last = lines.last(where: { !$0.isBlank }) else {
            let line = lines.first?.number ?? 1
            return SourceRange(line: line)
        }
        return SourceRange(start: SourcePosition(line: first.number, column: first.offset + first.indent + 1),
                           end: SourcePosition(line: last.number, column: last.offset + max(last.length, 1)))
    }

    /// Parses a run of lines (already dedented to their block) into nodes.
    /// Sections are allowed at the top level only, as in docutils.
    mutating func blocks(_ lines: [RSTLine], topLevel: Bool = false) -> [Node] {
        guard depth <= NestingLimit.maximum else {
            if tooDeep == nil, let first = lines.first(where: { !$0.isBlank }) {
                tooDeep = SourcePosition(line: first.number, column: first.offset + 1)
                diagnostics.append(.error(source.path, tooDeep!, NestingLimit.message))
            }
            return []
        }
        depth += 1
        defer { depth -= 1 }
        let outer = parsingTopLevel
        parsingTopLevel = topLevel
        defer { parsingTopLevel = outer }
        var nodes: [Node] = []
        var i = 0
        while i < lines.count {
            if lines[i].isBlank { i += 1; continue }
            let before = i
            construct(lines, &i, topLevel: topLevel, into: &nodes)
            if i == before { i += 1 }
        }
        return nodes
    }

    /// Tries each construct at line i; appends what it reads and advances i past it.
    mutating func construct(_ lines: [RSTLine], _ i: inout Int, topLevel: Bool, into nodes: inout [Node]) {
        let line = lines[i]
        if line.indent > 0 {
            let block = takeIndented(lines, from: &i)
            if i < lines.count, !lines[i].isBlank {
                warn(lines[i], "block quote ends without a blank line; unexpected unindent")
            }
            return nodes.append(Node(.blockQuote, range(block), children: blocks(block.dedented())))
        }
        if let section = sectionTitle(lines, &i) {
            if !topLevel { warn(line, "unexpected section title") }
            return nodes.append(section)
        }
        if Adornment.isAdornment(line), line.length >= 4, i + 1 == lines.count || lines[i + 1].isBlank {
            i += 1
            return nodes.append(Node(.thematicBreak, range(lines[(i - 1)..<i])))
        }
        if line.is("..") || line.starts(with: ".. ") { return nodes += explicitMarkup(lines, &i) }
        if line.is("__") || line.starts(with: "__ ") {
            // The short form of an anonymous hyperlink target.
            let start = i
            i += 1
            _ = takeIndented(lines, from: &i)
            return nodes.append(Node(.directive(name: "target", argument: ""), range(lines[start..<i])))
        }
        if TableParser.isGridBorder(line) { return nodes.append(gridTable(lines, &i)) }
        if TableParser.isSimpleBorder(line) { return nodes.append(simpleTable(lines, &i)) }
        if let marker = ListParser.marker(line), let list = self.list(lines, &i, first: marker) { return nodes.append(list) }
        if line.starts(with: ":"), FieldParser.fieldName(line) != nil { return nodes.append(fieldList(lines, &i)) }
        if line.starts(with: "-") || line.starts(with: "/"), let options = optionList(lines, &i) { return nodes.append(options) }
        if line.is("|") || line.starts(with: "| ") { return nodes.append(lineBlock(lines, &i)) }
        if line.starts(with: ">>>") { return nodes.append(doctest(lines, &i)) }
        if i + 1 < lines.count, !lines[i + 1].isBlank, lines[i + 1].indent > 0 { return nodes.append(definitionList(lines, &i)) }
        paragraph(lines, &i, into: &nodes)
    }

    /// Lines from i that are blank or indented, with trailing blank lines left out:
    /// a slice of `lines`, not a copy.
    func takeIndented(_ lines: [RSTLine], from i: inout Int) -> ArraySlice<RSTLine> {
        let start = i
        while i < lines.count, lines[i].isBlank || lines[i].indent > 0 { i += 1 }
        while i > start, lines[i - 1].isBlank { i -= 1 }
        return lines[start..<i]
    }

    mutating func paragraph(_ lines: [RSTLine], _ i: inout Int, into nodes: inout [Node]) {
        let start = i
        i += 1
        while i < lines.count, !lines[i].isBlank, lines[i].indent == 0 { i += 1 }
        let text = lines[start..<i]
        let joined = text.joinedText()
        var body = joined
        // "::" ends the paragraph and starts a literal block: alone, after a space, or as ":" after text.
        let bytes = joined.utf8
        let literal = bytes.count >= 2 && bytes.last == UInt8(ascii: ":") && bytes[bytes.index(bytes.endIndex, offsetBy: -2)] == UInt8(ascii: ":")
        if literal {
            let spaced = bytes.count == 2 || bytes[bytes.index(bytes.endIndex, offsetBy: -3)] == 0x20
            body = String(Substring(bytes.dropLast(spaced ? 3 : 1)))
        }
        if !body.isEmpty {
            var paragraph = Node(.paragraph(text: inline.plain(body)), range(text))
            paragraph.codeSpans = InlineMarkup.literals(in: body)
            nodes.append(paragraph)
        }
        if let (kind, line) = inline.firstUnterminated(joined) {
            warn(text[start + line], "inline \(kind) start-string without end-string")
        }
        if literal, let block = literalBlock(lines, &i, after: text.last!) { return nodes.append(block) }
        // docutils: an indented line right after a paragraph, with no blank line between.
        if i < lines.count, !lines[i].isBlank, lines[i].indent > 0 { warn(lines[i], "unexpected indentation") }
    }

    /// The literal block after a paragraph ending in `::`: indented, or quoted
    /// (unindented lines that all start with the same punctuation character).
    mutating func literalBlock(_ lines: [RSTLine], _ i: inout Int, after marker: RSTLine) -> Node? {
        var j = i
        while j < lines.count, lines[j].isBlank { j += 1 }
        guard j > i || j == lines.count, j < lines.count else {
            warn(marker, "literal block expected; none found")
            return nil
        }
        if lines[j].indent > 0 {
            i = j
            let block = takeIndented(lines, from: &i).dedented()
            return Node(.codeBlock(language: nil, text: block.joinedText(), contentLine: block[0].number),
                        range(lines[j..<i]))
        }
        if let quote = lines[j].text.first, quote.isPunctuation || quote.isSymbol {
            var block: [RSTLine] = []
            i = j
            while i < lines.count, !lines[i].isBlank, lines[i].text.first == quote {
                block.append(lines[i])
                i += 1
            }
            return Node(.codeBlock(language: nil, text: block.joinedText(), contentLine: block[0].number), range(block[...]))
        }
        warn(marker, "literal block expected; none found")
        return nil
    }

    mutating func doctest(_ lines: [RSTLine], _ i: inout Int) -> Node {
        var block: [RSTLine] = []
        while i < lines.count, !lines[i].isBlank {
            block.append(lines[i])
            i += 1
        }
        return Node(.codeBlock(language: "doctest", text: block.joinedText(), contentLine: block[0].number), range(block[...]))
    }

    mutating func lineBlock(_ lines: [RSTLine], _ i: inout Int) -> Node {
        var block: [RSTLine] = []
        while i < lines.count, !lines[i].isBlank, lines[i].is("|") || lines[i].starts(with: "| ") || lines[i].indent > 0 {
            block.append(lines[i])
            i += 1
        }
        let text = block.map { $0.starts(with: "|") ? String($0.text.dropFirst(2)) : $0.text.trimmingSpaces() }
        return Node(.paragraph(text: inline.plain(text.joined(separator: "\n"))), range(block[...]))
    }
}
