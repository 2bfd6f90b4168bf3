import Foundation
import Ccmark
import DocumentTree
import RunbookCore

/// Markdown has no admonitions; two conventions stand in for them:
/// GitHub's `> [!NOTE]` and a quote opening with `**Note**` / `**Warning:**`.
enum AdmonitionDetector {
    static let kinds = ["note": "note", "tip": "tip", "important": "important", "warning": "warning", "caution": "caution",
                        "danger": "danger", "remarque": "note", "attention": "warning"]

    static func blockQuote(_ children: [Node], firstParagraph: OpaquePointer?, range: SourceRange) -> Node {
        guard let first = children.first, case .paragraph(let text) = first.kind,
              let (kind, rest) = marker(text, strongFirst: startsWithStrong(firstParagraph)) else {
            return Node(.blockQuote, range, children: children)
        }
        var body = children
        if rest.isEmpty {
            body.removeFirst()
        } else {
            body[0].kind = .paragraph(text: rest)
        }
        return Node(.admonition(kind: kind, title: nil), range, children: body)
    }

    /// The admonition kind and the paragraph text after the marker.
    static func marker(_ text: String, strongFirst: String?) -> (String, String)? {
        if text.hasPrefix("[!"), let close = text.firstIndex(of: "]") {
            let word = text[text.index(text.startIndex, offsetBy: 2)..<close].lowercased()
            guard let kind = kinds[word] else { return nil }
            return (kind, String(text[text.index(after: close)...]).trimmingCharacters(in: .whitespacesAndNewlines))
        }
        if let strong = strongFirst {
            var word = strong.lowercased().trimmingCharacters(in: .whitespacesAndNewlines)
            if word.hasSuffix(":") { word.removeLast() }
            guard let kind = kinds[word.trimmingCharacters(in: .whitespacesAndNewlines)] else { return nil }
            var rest = String(text.dropFirst(strong.count)).trimmingCharacters(in: .whitespacesAndNewlines)
            if rest.hasPrefix(":") { rest = String(rest.dropFirst()).trimmingCharacters(in: .whitespacesAndNewlines) }
            return (kind, rest)
        }
        return nil
    }

    private static func startsWithStrong(_ paragraph: OpaquePointer?) -> String? {
        guard let paragraph, cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH,
              let first = cmark_node_first_child(paragraph), cmark_node_get_type(first) == CMARK_NODE_STRONG else { return nil }
        return InlineText.of(first)
    }
}
