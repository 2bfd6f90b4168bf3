import Foundation
import Ccmark
import DocumentTree
import RunbookCore

/// Reads CommonMark through cmark into the format-neutral tree. This is the only
/// file that touches C: every cmark node is converted and the cmark tree freed
/// before `read` returns.
public enum MarkdownReader {
    public static func read(_ source: SourceFile) -> Document {
        // A front matter is blanked out (its lines kept, so positions hold); its title heads the page.
        let front = PageDialects.frontMatter(source)
        var text = source.text
        if let front {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            text = (Array(repeating: "", count: front.lines.count) + lines.dropFirst(front.lines.count)).joined(separator: "\n")
        }
        if source.path.hasSuffix(".mdx") { text = MDXSource.prepare(text) }
        let limits = NestingLimit()
        var flat = HTMLContainers.fold(parse(text, source: source, lineOffset: 0, columnOffset: 0, limits: limits), limits: limits)
        if let title = front?.title, !flat.contains(where: { if case .section(_, 1) = $0.kind { true } else { false } }) {
            flat.insert(Node(.section(title: title, level: 1), SourceRange(line: 1)), at: 0)
        }
        let tree = SectionNester.nest(flat)
        let end = tree.last?.range.end ?? SourcePosition(line: max(source.lineCount, 1), column: 1)
        let diagnostics = limits.position.map { [Diagnostic.error(source.path, $0, NestingLimit.message)] } ?? []
        return Document(source: source, root: Node(.document, SourceRange(start: SourcePosition(line: 1, column: 1), end: end), children: tree),
                        diagnostics: diagnostics)
    }

    /// The nodes of TEXT, which starts at line 1 + LINEOFFSET of SOURCE, LINEOFFSET columns in,
    /// DEPTH containers down (an admonition's body is parsed on its own).
    static func parse(_ text: String, source: SourceFile, lineOffset: Int, columnOffset: Int, depth: Int = 0, limits: NestingLimit) -> [Node] {
        let bytes = Array(text.utf8)
        guard let root = bytes.withUnsafeBufferPointer({ buffer in
            buffer.baseAddress.map { base in
                base.withMemoryRebound(to: CChar.self, capacity: max(buffer.count, 1)) {
                    cmark_parse_document($0, buffer.count, CMARK_OPT_SOURCEPOS)
                }
            } ?? cmark_parse_document("", 0, CMARK_OPT_SOURCEPOS)
        }) else { return [] }
        defer { cmark_node_free(root) }
        guard depth < NestingLimit.maximum else {
            limits.exceeded(at: SourcePosition(line: lineOffset + 1, column: columnOffset + 1))
            return []
        }
        return Converter(source: source, lineOffset: lineOffset, columnOffset: columnOffset, depth: depth, limits: limits).children(of: root)
    }
}

/// Converts cmark block nodes one by one; headings stay flat here and are
/// nested into sections by `SectionNester`.
struct Converter {
    let source: SourceFile
    /// Where the text cmark parsed sits in the source (an admonition's body is parsed on its own).
    var lineOffset = 0
    var columnOffset = 0
    /// How many containers (quotes, lists, items, admonitions) hold the nodes being converted.
    var depth = 0
    let limits: NestingLimit

    init(source: SourceFile, lineOffset: Int = 0, columnOffset: Int = 0, depth: Int = 0, limits: NestingLimit) {
        self.source = source
        self.lineOffset = lineOffset
        self.columnOffset = columnOffset
        self.depth = depth
        self.limits = limits
    }

    /// The children of a container one level down; none past the nesting limit (an error then).
    func nested(_ node: OpaquePointer) -> [Node] {
        guard depth < NestingLimit.maximum else {
            limits.exceeded(at: range(node).start)
            return []
        }
        var deeper = self
        deeper.depth += 1
        return deeper.children(of: node)
    }

    func children(of node: OpaquePointer) -> [Node] {
        var result: [Node] = []
        var child = cmark_node_first_child(node)
        while let current = child {
            if let converted = convert(current) { result.append(converted) }
            child = cmark_node_next(current)
        }
        return admonitions(result)
    }

    func range(_ node: OpaquePointer) -> SourceRange {
        let startLine = Int(cmark_node_get_start_line(node)) + lineOffset
        let endLine = Int(cmark_node_get_end_line(node)) + lineOffset
        return SourceRange(
            start: SourcePosition(line: max(startLine, 1), column: max(Int(cmark_node_get_start_column(node)) + columnOffset, 1)),
            end: SourcePosition(line: max(endLine, startLine, 1), column: max(Int(cmark_node_get_end_column(node)) + columnOffset, 1)))
    }

    func convert(_ node: OpaquePointer) -> Node? {
        let range = range(node)
        switch cmark_node_get_type(node) {
        case CMARK_NODE_HEADING:
            let title = PageDialects.headingText(InlineText.of(node).replacingOccurrences(of: "\n", with: " "))
            return Node(.section(title: title, level: Int(cmark_node_get_heading_level(node))), range)
        case CMARK_NODE_PARAGRAPH:
            var paragraph = Node(.paragraph(text: InlineText.of(node)), range)
            paragraph.codeSpans = InlineText.codeSpans(of: node)
            return paragraph
        case CMARK_NODE_CODE_BLOCK:
            return codeBlock(node, range)
        case CMARK_NODE_BLOCK_QUOTE:
            return AdmonitionDetector.blockQuote(nested(node), firstParagraph: cmark_node_first_child(node), range: range)
        case CMARK_NODE_LIST:
            return Node(.list(ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST), range, children: nested(node))
        case CMARK_NODE_ITEM:
            return Node(.listItem, range, children: nested(node))
        case CMARK_NODE_HTML_BLOCK:
            let html = String(cString: cmark_node_get_literal(node)).trimmingTrailingNewlines()
            if let comment = HTMLComment.inner(html) { return Node(.comment(text: comment), range) }
            return Node(.html(text: html), range)
        case CMARK_NODE_THEMATIC_BREAK:
            return Node(.thematicBreak, range)
        default:
            return nil
        }
    }

    func codeBlock(_ node: OpaquePointer, _ range: SourceRange) -> Node {
        let literal = String(cString: cmark_node_get_literal(node))
        let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
        // `shell title="/etc/app/app.env"` (Docusaurus, mkdocs-material): the content of that file.
        let language = PageDialects.titledFile(info) != nil ? PageDialects.fileContent : PageDialects.fenceLanguage(info)
        // cmark does not say whether a block was fenced; the opening line does.
        let opening = source.line(range.start.line).drop { $0 == " " || $0 == ">" || $0 == "\t" }
        // An indented block may start with a fence line (a mkdocs admonition body after
        // a blank line): then that line is its first line of text, not an opening.
        let firstLine = literal.prefix { $0 != "\n" }.drop { $0 == " " || $0 == "\t" }
        let fenced = (opening.hasPrefix("```") || opening.hasPrefix("~~~")) && firstLine != opening
        var text = literal
        if text.hasSuffix("\n") { text.removeLast() }
        return Node(.codeBlock(language: language, text: text, contentLine: range.start.line + (fenced ? 1 : 0)), range)
    }
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var s = self
        while s.hasSuffix("\n") { s.removeLast() }
        return s
    }
}
