import Foundation
import RunbookCore

/// Dumps a document tree as JSON (for tools and tests) or as indented text (for people).
/// The JSON shape is documented in the README under "runbook ast".
public enum TreeDumper {
    public static func json(_ document: Document) -> String {
        var object = jsonObject(document.root)
        object["path"] = document.source.relativePath
        object["sha256"] = document.source.sha256
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// NOTE, when given, adds a word on a node to its line (`ast` says how each code block reads).
    public static func text(_ document: Document, note: (Node) -> String? = { _ in nil }) -> String {
        var out = ""
        func dump(_ node: Node, depth: Int) {
            let r = node.range
            out += String(repeating: "  ", count: depth)
            out += "\(r.start.line):\(r.start.column)-\(r.end.line):\(r.end.column) \(summary(node.kind))"
            if let note = note(node) { out += "  -- \(note)" }
            out += "\n"
            for child in node.children { dump(child, depth: depth + 1) }
        }
        dump(document.root, depth: 0)
        return out
    }

    static func jsonObject(_ node: Node) -> [String: Any] {
        var object: [String: Any] = [
            "range": [
                "start": ["line": node.range.start.line, "column": node.range.start.column],
                "end": ["line": node.range.end.line, "column": node.range.end.column],
            ],
        ]
        switch node.kind {
        case .document: object["type"] = "document"
        case .section(let title, let level): object["type"] = "section"; object["title"] = title; object["level"] = level
        case .paragraph(let text): object["type"] = "paragraph"; object["text"] = text
        case .codeBlock(let language, let text, let line):
            object["type"] = "code_block"; object["language"] = language ?? NSNull(); object["text"] = text; object["content_line"] = line
        case .blockQuote: object["type"] = "block_quote"
        case .list(let ordered): object["type"] = "list"; object["ordered"] = ordered
        case .listItem: object["type"] = "list_item"
        case .admonition(let kind, let title): object["type"] = "admonition"; object["kind"] = kind; object["title"] = title ?? NSNull()
        case .comment(let text): object["type"] = "comment"; object["text"] = text
        case .thematicBreak: object["type"] = "thematic_break"
        case .html(let text): object["type"] = "html"; object["text"] = text
        case .table(let rows): object["type"] = "table"; object["rows"] = rows
        case .tableRow(let header): object["type"] = "table_row"; object["header"] = header
        case .directive(let name, let argument): object["type"] = "directive"; object["name"] = name; object["argument"] = argument
        }
        if let origin = node.origin { object["source"] = origin }
        if !node.children.isEmpty { object["children"] = node.children.map(jsonObject) }
        return object
    }

    public static func summary(_ kind: NodeKind) -> String {
        func quoted(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\n", with: "\\n") + "\"" }
        switch kind {
        case .document: return "document"
        case .section(let title, let level): return "section[\(level)] \(quoted(title))"
        case .paragraph(let text): return "paragraph \(quoted(text))"
        case .codeBlock(let language, let text, _): return "code_block[\(language ?? "")] \(quoted(text))"
        case .blockQuote: return "block_quote"
        case .list(let ordered): return ordered ? "list[ordered]" : "list[bullet]"
        case .listItem: return "list_item"
        case .admonition(let kind, let title): return "admonition[\(kind)]" + (title.map { " " + quoted($0) } ?? "")
        case .comment(let text): return "comment \(quoted(text))"
        case .thematicBreak: return "thematic_break"
        case .html(let text): return "html \(quoted(text))"
        case .table(let rows): return "table \(rows.count) rows"
        case .tableRow(let header): return header ? "table_row[header]" : "table_row"
        case .directive(let name, let argument): return "directive[\(name)] \(quoted(argument))"
        }
    }
}
