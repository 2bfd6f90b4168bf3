import Foundation
import RunbookCore

/// Dumps a document tree as JSON (for tools and tests) or as indented text (for people).
/// The JSON shape is documented in the README under "runbook ast".
public enum TreeDumper {
    public static func json(_ document: Document) -> String { String(decoding: jsonBytes(document), as: UTF8.self) }

    /// The same, as UTF-8 bytes ending in a newline (`ast` writes them out as they are).
    public static func jsonBytes(_ document: Document) -> [UInt8] {
        guard case .object(var members) = jsonValue(document.root) else { return [] }
        members += [("path", .string(document.source.relativePath)), ("sha256", .string(document.source.sha256))]
        // The JSON of a page is about eight times its size (ranges on every node).
        var bytes = JSONValue.object(members).bytes(capacity: 9 * document.source.text.utf8.count + 4096)
        bytes.append(0x0A)
        return bytes
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

    static func jsonValue(_ node: Node) -> JSONValue {
        func position(_ p: SourcePosition) -> JSONValue { .object([("line", .int(p.line)), ("column", .int(p.column))]) }
        var members: [(String, JSONValue)] = [("range", .object([("start", position(node.range.start)), ("end", position(node.range.end))]))]
        func add(_ key: String, _ value: JSONValue) { members.append((key, value)) }
        func text(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
        switch node.kind {
        case .document: add("type", .string("document"))
        case .section(let title, let level): add("type", .string("section")); add("title", .string(title)); add("level", .int(level))
        case .paragraph(let body): add("type", .string("paragraph")); add("text", .string(body))
        case .codeBlock(let language, let body, let line):
            add("type", .string("code_block")); add("language", text(language)); add("text", .string(body)); add("content_line", .int(line))
        case .blockQuote: add("type", .string("block_quote"))
        case .list(let ordered): add("type", .string("list")); add("ordered", .bool(ordered))
        case .listItem: add("type", .string("list_item"))
        case .admonition(let kind, let title): add("type", .string("admonition")); add("kind", .string(kind)); add("title", text(title))
        case .comment(let body): add("type", .string("comment")); add("text", .string(body))
        case .thematicBreak: add("type", .string("thematic_break"))
        case .html(let body): add("type", .string("html")); add("text", .string(body))
        case .table(let rows): add("type", .string("table")); add("rows", rowsValue(rows))
        case .tableRow(let header): add("type", .string("table_row")); add("header", .bool(header))
        case .directive(let name, let argument): add("type", .string("directive")); add("name", .string(name)); add("argument", .string(argument))
        }
        if let origin = node.origin { add("source", .string(origin)) }
        if !node.children.isEmpty { add("children", .array(node.children.map(jsonValue))) }
        return .object(members)
    }

    static func rowsValue(_ rows: [[String]]) -> JSONValue {
        .array(rows.map { .array($0.map(JSONValue.string)) })
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
