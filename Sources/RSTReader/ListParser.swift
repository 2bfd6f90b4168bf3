import DocumentTree
import Foundation
import RunbookCore

/// Bullet and enumerated list markers, field markers.
enum ListParser {
    struct Marker: Equatable {
        /// How the marker is written, to tell where the list ends: "-", "#.", "1)", "(a)", ...
        var style: String
        var ordered: Bool
        /// Columns taken by the marker and the spaces after it.
        var width: Int
    }

    static func marker(_ text: String) -> Marker? {
        let c = Array(text)
        guard let first = c.first else { return nil }
        if "-*+•‣⁃".contains(first) {
            if c.count == 1 { return Marker(style: String(first), ordered: false, width: 2) }
            guard c[1] == " " else { return nil }
            return Marker(style: String(first), ordered: false, width: 1 + c.dropFirst().prefix { $0 == " " }.count)
        }
        // Enumerators: 1. 1) (1) #. a. A) i. (iv)
        var i = 0
        let open = c[0] == "("
        if open { i = 1 }
        let start = i
        while i < c.count, c[i].isNumber || c[i].isLetter || c[i] == "#" { i += 1 }
        let label = String(c[start..<i])
        guard !label.isEmpty, i < c.count else { return nil }
        let isEnumerator = label == "#" || label.allSatisfy(\.isNumber) || (label.count == 1 && label.first!.isLetter)
            || label.allSatisfy({ "ivxlcdm".contains($0) }) || label.allSatisfy({ "IVXLCDM".contains($0) })
        guard isEnumerator else { return nil }
        let close = c[i]
        guard (open && close == ")") || (!open && (close == "." || close == ")")) else { return nil }
        i += 1
        guard i == c.count || c[i] == " " else { return nil }
        let spaces = c[i...].prefix { $0 == " " }.count
        let kind = label == "#" ? "#" : label.allSatisfy(\.isNumber) ? "1" : label.first!.isUppercase ? "A" : "a"
        return Marker(style: (open ? "(" : "") + kind + String(close), ordered: true, width: i + max(spaces, 1))
    }
}

enum FieldParser {
    /// `:name: value` → (name, value); nil when the line is not a field marker.
    static func fieldName(_ text: String) -> (name: String, value: String)? {
        guard text.hasPrefix(":"), text.count > 2 else { return nil }
        let rest = text.dropFirst()
        var escaped = false
        for index in rest.indices {
            let ch = rest[index]
            if escaped { escaped = false; continue }
            if ch == "\\" { escaped = true; continue }
            if ch == ":" {
                let name = String(rest[..<index])
                let after = rest[rest.index(after: index)...]
                guard !name.isEmpty, !name.hasPrefix(" "), !name.hasSuffix(" "), after.isEmpty || after.first == " " else { return nil }
                return (name, after.trimmingCharacters(in: .whitespaces))
            }
        }
        return nil
    }
}

extension RSTBlockParser {
    mutating func list(_ lines: [RSTLine], _ i: inout Int, first: ListParser.Marker) -> Node {
        var items: [Node] = []
        let start = i
        while i < lines.count, let marker = ListParser.marker(lines[i].text), marker.style == first.style {
            let head = lines[i]
            i += 1
            var body = [RSTLine(text: String(head.text.dropFirst(min(marker.width, head.text.count))), number: head.number, offset: head.offset + marker.width)]
            let rest = takeIndented(lines, from: &i)
            body += rest.map { $0.dedented(by: min($0.indent == Int.max ? 0 : $0.indent, marker.width)) }
            items.append(Node(.listItem, range(lines[(i - rest.count - 1)..<i]), children: blocks(body)))
            var j = i
            while j < lines.count, lines[j].isBlank { j += 1 }
            guard j < lines.count, lines[j].indent == 0, ListParser.marker(lines[j].text)?.style == first.style else { break }
            i = j
        }
        return Node(.list(ordered: first.ordered), range(lines[start..<i]), children: items)
    }

    mutating func fieldList(_ lines: [RSTLine], _ i: inout Int) -> Node {
        var items: [Node] = []
        let start = i
        while i < lines.count, lines[i].indent == 0, let field = FieldParser.fieldName(lines[i].text) {
            let head = lines[i]
            i += 1
            var body = field.value.isEmpty ? [] : [RSTLine(text: field.value, number: head.number, offset: head.offset)]
            body += takeIndented(lines, from: &i).dedented()
            items.append(Node(.listItem, range(lines[(i - 1)...(i - 1)]), children: [Node(.paragraph(text: inline.plain(field.name)), range([head]))] + blocks(body)))
            while i < lines.count, lines[i].isBlank, i + 1 < lines.count, FieldParser.fieldName(lines[i + 1].text) != nil { i += 1 }
        }
        return Node(.directive(name: "field_list", argument: ""), range(lines[start..<i]), children: items)
    }

    mutating func definitionList(_ lines: [RSTLine], _ i: inout Int) -> Node {
        var items: [Node] = []
        let start = i
        while i < lines.count, !lines[i].isBlank, lines[i].indent == 0, i + 1 < lines.count, !lines[i + 1].isBlank, lines[i + 1].indent > 0 {
            let term = lines[i]
            i += 1
            let definition = takeIndented(lines, from: &i).dedented()
            let termText = term.text.components(separatedBy: " : ").first ?? term.text
            items.append(Node(.listItem, range(lines[(i - definition.count - 1)..<i]),
                              children: [Node(.paragraph(text: inline.plain(termText)), range([term]))] + blocks(definition)))
            var j = i
            while j < lines.count, lines[j].isBlank { j += 1 }
            guard j + 1 < lines.count, lines[j].indent == 0, !lines[j + 1].isBlank, lines[j + 1].indent > 0,
                  !Adornment.isAdornment(lines[j].text) else { break }
            i = j
        }
        return Node(.directive(name: "definition_list", argument: ""), range(lines[start..<i]), children: items)
    }
}
