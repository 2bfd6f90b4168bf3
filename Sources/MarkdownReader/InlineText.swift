import Ccmark

/// Plain text of a block's inline content: markup dropped, code spans kept as
/// their text, line breaks kept as "\n".
enum InlineText {
    static func of(_ node: OpaquePointer) -> String {
        var text = ""
        append(node, to: &text)
        return text
    }

    private static func append(_ node: OpaquePointer, to text: inout String) {
        var child = cmark_node_first_child(node)
        while let current = child {
            switch cmark_node_get_type(current) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                text += String(cString: cmark_node_get_literal(current))
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                text += "\n"
            case CMARK_NODE_HTML_INLINE:
                break
            default:
                append(current, to: &text)
            }
            child = cmark_node_next(current)
        }
    }
}
