import Foundation
import RunbookCore

/// Dumps a document tree as JSON (for tools and tests) or as indented text (for people).
/// The JSON shape is documented in the README under "runbook ast".
public enum TreeDumper {
    public static func json(_ document: Document) -> String { String(decoding: jsonBytes(document), as: UTF8.self) }

    /// The same, as UTF-8 bytes ending in a newline.
    public static func jsonBytes(_ document: Document) -> [UInt8] {
        var all: [UInt8] = []
        writeJSON(document) { all += $0 }
        return all
    }

    /// The JSON text, given to FLUSH in pieces of about 64 kB as it is made:
    /// `ast` writes a page's JSON (about eight times the page) without holding it,
    /// nor a tree of JSON values beside the document's.
    public static func writeJSON(_ document: Document, flush: ([UInt8]) -> Void) {
        var out: [UInt8] = []
        out.reserveCapacity(1 << 17)
        var extra: [(String, JSONValue)] = [("path", .string(document.source.relativePath)), ("sha256", .string(document.source.sha256))]
        write(document.root, extra: &extra, into: &out, indent: 0, flush: flush)
        out.append(0x0A)
        flush(out)
    }

    /// One node's object, keys sorted, its children written in place one by one.
    static func write(_ node: Node, extra: inout [(String, JSONValue)], into out: inout [UInt8], indent: Int, flush: ([UInt8]) -> Void) {
        guard case .object(var members) = fields(node) else { return }
        members += extra
        extra = []
        var keys = members.map(\.0)
        if !node.children.isEmpty { keys.append("children") }
        keys.sort()
        out.append(contentsOf: "{\n".utf8)
        for (index, key) in keys.enumerated() {
            JSONValue.pad(&out, indent + 2)
            JSONValue.string(key, into: &out)
            out.append(contentsOf: " : ".utf8)
            if key == "children" {
                out.append(contentsOf: "[\n".utf8)
                for (position, child) in node.children.enumerated() {
                    JSONValue.pad(&out, indent + 4)
                    var none: [(String, JSONValue)] = []
                    write(child, extra: &none, into: &out, indent: indent + 4, flush: flush)
                    if position + 1 < node.children.count { out.append(UInt8(ascii: ",")) }
                    out.append(0x0A)
                    if out.count >= 1 << 16 { flush(out); out.removeAll(keepingCapacity: true) }
                }
                JSONValue.pad(&out, indent + 2)
                out.append(UInt8(ascii: "]"))
            } else if let value = members.first(where: { $0.0 == key })?.1 {
                value.write(into: &out, indent: indent + 2)
            }
            if index + 1 < keys.count { out.append(UInt8(ascii: ",")) }
            out.append(0x0A)
        }
        JSONValue.pad(&out, indent)
        out.append(UInt8(ascii: "}"))
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
        guard case .object(var members) = fields(node) else { return .null }
        if !node.children.isEmpty { members.append(("children", .array(node.children.map(jsonValue)))) }
        return .object(members)
    }

    /// A node's own fields, its children left out.
    static func fields(_ node: Node) -> JSONValue {
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
