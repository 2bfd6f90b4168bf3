import Foundation
import Ccmark
import DocumentTree
import RunbookCore

/// Reads CommonMark through cmark into the format-neutral tree. This is the only
/// file that touches C: every cmark node is converted and the cmark tree freed
/// before `read` returns.
public enum MarkdownReader {
    public static func read(_ source: SourceFile) -> Document {
        let bytes = Array(source.text.utf8)
        guard let root = bytes.withUnsafeBufferPointer({ buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(buffer.count, 1)) {
                cmark_parse_document($0, buffer.count, CMARK_OPT_SOURCEPOS)
            }
        }) else {
            return Document(source: source, root: Node(.document, SourceRange(line: 1)))
        }
        defer { cmark_node_free(root) }
        let converter = Converter(source: source)
        let flat = converter.children(of: root)
        let tree = SectionNester.nest(flat)
        let end = tree.last?.range.end ?? SourcePosition(line: max(source.lineCount, 1), column: 1)
        return Document(source: source, root: Node(.document, SourceRange(start: SourcePosition(line: 1, column: 1), end: end), children: tree))
    }
}

/// Converts cmark block nodes one by one; headings stay flat here and are
/// nested into sections by `SectionNester`.
struct Converter {
    let source: SourceFile

    func children(of node: OpaquePointer) -> [Node] {
        var result: [Node] = []
        var child = cmark_node_first_child(node)
        while let current = child {
            if let converted = convert(current) { result.append(converted) }
            child = cmark_node_next(current)
        }
        return result
    }

    func range(_ node: OpaquePointer) -> SourceRange {
        let startLine = Int(cmark_node_get_start_line(node))
        let endLine = Int(cmark_node_get_end_line(node))
        return SourceRange(
            start: SourcePosition(line: max(startLine, 1), column: max(Int(cmark_node_get_start_column(node)), 1)),
            end: SourcePosition(line: max(endLine, startLine, 1), column: max(Int(cmark_node_get_end_column(node)), 1)))
    }

    func convert(_ node: OpaquePointer) -> Node? {
        let range = range(node)
        switch cmark_node_get_type(node) {
        case CMARK_NODE_HEADING:
            let title = InlineText.of(node).replacingOccurrences(of: "\n", with: " ")
            return Node(.section(title: title, level: Int(cmark_node_get_heading_level(node))), range)
        case CMARK_NODE_PARAGRAPH:
            return Node(.paragraph(text: InlineText.of(node)), range)
        case CMARK_NODE_CODE_BLOCK:
            return codeBlock(node, range)
        case CMARK_NODE_BLOCK_QUOTE:
            return AdmonitionDetector.blockQuote(children(of: node), firstParagraph: cmark_node_first_child(node), range: range)
        case CMARK_NODE_LIST:
            return Node(.list(ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST), range, children: children(of: node))
        case CMARK_NODE_ITEM:
            return Node(.listItem, range, children: children(of: node))
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
        let language = info.split(separator: " ").first.map(String.init)
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
