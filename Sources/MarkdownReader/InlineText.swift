import Ccmark

/// Plain text of a block's inline content: markup dropped, code spans kept as
/// their text, line breaks kept as "\n". Walked with cmark's iterator, not by
/// recursion: emphasis can nest as deep as the input likes.
enum InlineText {
    static func of(_ node: OpaquePointer) -> String {
        var text = ""
        guard let iterator = cmark_iter_new(node) else { return text }
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let current = cmark_iter_get_node(iterator), current != node else { continue }
            switch cmark_node_get_type(current) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                text += String(cString: cmark_node_get_literal(current))
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                text += "\n"
            default:
                break
            }
        }
        return text
    }

    /// The literal of each code span directly in the block's inline content, in order.
    static func codeSpans(of node: OpaquePointer) -> [String] {
        var spans: [String] = []
        guard let iterator = cmark_iter_new(node) else { return spans }
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let current = cmark_iter_get_node(iterator),
                  cmark_node_get_type(current) == CMARK_NODE_CODE else { continue }
            spans.append(String(cString: cmark_node_get_literal(current)))
        }
        return spans
    }
}
