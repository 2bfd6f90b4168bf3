import DocumentTree
import Foundation
import RunbookCore

/// Bullet and enumerated list markers, field markers.
enum ListParser {
    struct Marker: Equatable {
        /// How the marker is written, to tell where the list ends: "-", "#.", "1)", "(a)", ...
        let style: String
        let ordered: Bool
        /// Columns taken by the marker and the spaces after it.
        let width: Int
        /// The enumerator as written ("3", "iv", "#"); "" for bullets.
        let label: String
        /// "(" + ")" or "" + "." ...: what must match for items to be one list.
        let format: String
        /// "1", "a", "A", "i", "I", "#" for enumerators; the bullet itself for bullets.
        let kind: Character

        init(style: String, ordered: Bool, width: Int, label: String = "") {
            self.style = style
            self.ordered = ordered
            self.width = width
            self.label = label
            // Asked for every line that might continue the list: worked out once.
            self.format = style.filter { "().".contains($0) }
            self.kind = style.first { !"()".contains($0) } ?? "-"
        }

        /// The item's number in its sequence (kind "1", "a", "A", "i", "I"); nil for "#" and bullets.
        func ordinal(as kind: Character) -> Int? {
            switch kind {
            case "1": return Int(label)
            case "a", "A":
                guard label.count == 1, let scalar = label.lowercased().unicodeScalars.first, ("a"..."z").contains(scalar) else { return nil }
                return Int(scalar.value) - 96
            case "i", "I": return ListParser.romanValue(label.lowercased())
            default: return nil
            }
        }

        /// Whether this marker can follow `previous` in the same list.
        func follows(_ previous: Marker, listKind: Character) -> Bool {
            guard ordered == previous.ordered, format == previous.format else { return false }
            guard ordered else { return style == previous.style }
            if label == "#" || previous.label == "#" { return true }
            guard let n = ordinal(as: listKind), let p = previous.ordinal(as: listKind) else { return false }
            return n == p + 1
        }
    }

    static func romanValue(_ text: String) -> Int? {
        let values: [Character: Int] = ["i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000]
        var total = 0
        var previous = 0
        for ch in text.reversed() {
            guard let value = values[ch] else { return nil }
            total += value < previous ? -value : value
            previous = max(previous, value)
        }
        return total > 0 ? total : nil
    }

    static func marker(_ text: Substring) -> Marker? {
        // Most lines start with a word and no enumerator: answer from the first bytes.
        guard let byte = text.utf8.first else { return nil }
        // Bullets: "-", "*", "+" (one byte) and "•", "‣", "⁃" (three), alone or followed
        // by spaces, all of which the marker takes (docutils: `bullet( +|$)`).
        let bulletLength = byte == 0x2D || byte == 0x2A || byte == 0x2B ? 1
            : byte >= 0x80 && (text.hasPrefix("•") || text.hasPrefix("‣") || text.hasPrefix("⁃")) ? 3 : 0
        if bulletLength > 0 {
            let style = String(Substring(text.utf8.prefix(bulletLength)))
            let rest = text.utf8.dropFirst(bulletLength)
            guard let next = rest.first else { return Marker(style: style, ordered: false, width: 2) }
            guard next == 0x20 else { return nil }
            return Marker(style: style, ordered: false, width: 1 + rest.prefix { $0 == 0x20 }.count)
        }
        if byte >= 0x80 { return nil }
        if byte != 0x28 && byte != 0x23 {
            // An enumerator without "(": ASCII letters or digits, then "." or ")".
            let label = text.utf8.prefix { (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }
            guard !label.isEmpty, let close = text.utf8.dropFirst(label.count).first, close == 0x2E || close == 0x29 else { return nil }
        }
        let c = Array(text.prefix(16))
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
        let spaces = text.dropFirst(i).prefix { $0 == " " }.count
        let roman = (label.count > 1 || label == "i" || label == "I") && label.allSatisfy({ "ivxlcdmIVXLCDM".contains($0) })
        let kind = label == "#" ? "#" : label.allSatisfy(\.isNumber) ? "1" : roman ? (label.first!.isUppercase ? "I" : "i")
            : label.first!.isUppercase ? "A" : "a"
        return Marker(style: (open ? "(" : "") + kind + String(close), ordered: true, width: i + max(spaces, 1), label: label)
    }
}

enum FieldParser {
    /// `:name: value` → (name, value); nil when the line is not a field marker.
    static func fieldName(_ text: Substring) -> (name: String, value: String)? {
        // (In bytes: a field needs at least ":x:", three characters.)
        guard text.utf8.first == UInt8(ascii: ":"), text.utf8.count > 2 else { return nil }
        // The name runs to the next colon not escaped by a backslash; all ASCII, so bytes do.
        let bytes = text.utf8
        var index = bytes.index(after: bytes.startIndex)
        var escaped = false
        while index < bytes.endIndex {
            let byte = bytes[index]
            if escaped {
                escaped = false
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
            } else if byte == UInt8(ascii: ":") {
                let name = Substring(bytes[bytes.index(after: bytes.startIndex)..<index])
                let after = Substring(bytes[bytes.index(after: index)...])
                guard let first = name.utf8.first, first != 0x20, name.utf8.last != 0x20, after.utf8.first ?? 0x20 == 0x20 else { return nil }
                return (String(name), after.trimmingSpaces())
            }
            bytes.formIndex(after: &index)
        }
        return nil
    }
}

extension RSTBlockParser {
    mutating func list(_ lines: [RSTLine], _ i: inout Int, first: ListParser.Marker) -> Node? {
        // docutils: an enumerator starts an item only when the next line is blank,
        // indented, or the next item; otherwise the line is text.
        if first.ordered, !Self.isEnumeratedItem(lines, i, first, listKind: first.kind) { return nil }
        var items: [Node] = []
        let start = i
        var previous = first
        let listKind = first.kind
        while i < lines.count, let marker = ListParser.marker(lines[i].text), items.isEmpty || marker.follows(previous, listKind: listKind) {
            let head = lines[i]
            previous = marker
            i += 1
            var body = [RSTLine(text: head.text.dropFirst(marker.width), number: head.number, offset: head.offset + marker.width)]
            let rest = takeIndented(lines, from: &i)
            body += rest.map { $0.dedented(by: min($0.indent == Int.max ? 0 : $0.indent, marker.width)) }
            items.append(Node(.listItem, range(lines[(i - rest.count - 1)..<i]), children: blocks(body)))
            if i < lines.count, !lines[i].isBlank, ListParser.marker(lines[i].text).map({ $0.follows(previous, listKind: listKind) }) != true {
                warn(lines[i], "\(first.ordered ? "enumerated" : "bullet") list ends without a blank line; unexpected unindent")
            }
            var j = i
            while j < lines.count, lines[j].isBlank { j += 1 }
            guard j < lines.count, lines[j].indent == 0, let next = ListParser.marker(lines[j].text), next.follows(previous, listKind: listKind),
                  !next.ordered || Self.isEnumeratedItem(lines, j, next, listKind: listKind) else { break }
            i = j
        }
        return Node(.list(ordered: first.ordered), range(lines[start..<i]), children: items)
    }

    static func isEnumeratedItem(_ lines: [RSTLine], _ i: Int, _ marker: ListParser.Marker, listKind: Character) -> Bool {
        guard i + 1 < lines.count else { return true }
        let next = lines[i + 1]
        if next.isBlank || next.indent > 0 { return true }
        guard let following = ListParser.marker(next.text) else { return false }
        return following.follows(marker, listKind: listKind)
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

    /// A line that docutils reads as the start of another construct before it
    /// could be a term: it ends the definition list.
    static func startsOtherConstruct(_ text: Substring) -> Bool {
        text.equalsASCII("..") || text.hasASCIIPrefix(".. ") || text.equalsASCII("__") || text.hasASCIIPrefix("__ ") || ListParser.marker(text) != nil
            || (text.hasASCIIPrefix(":") && FieldParser.fieldName(text) != nil) || text.equalsASCII("|") || text.hasASCIIPrefix("| ")
            || text.hasASCIIPrefix(">>>") || TableParser.isGridBorder(text) || TableParser.isSimpleBorder(text)
    }

    mutating func definitionList(_ lines: [RSTLine], _ i: inout Int) -> Node {
        var items: [Node] = []
        let start = i
        while i < lines.count, !lines[i].isBlank, lines[i].indent == 0, i + 1 < lines.count, !lines[i + 1].isBlank, lines[i + 1].indent > 0 {
            let term = lines[i]
            i += 1
            let definition = takeIndented(lines, from: &i).dedented()
            let termText = term.text.firstRange(of: " : ").map { String(term.text[..<$0.lowerBound]) } ?? String(term.text)
            items.append(Node(.listItem, range(lines[(i - definition.count - 1)..<i]),
                              children: [Node(.paragraph(text: inline.plain(termText)), range([term]))] + blocks(definition)))
            if i < lines.count, !lines[i].isBlank, !(i + 1 < lines.count && !lines[i + 1].isBlank && lines[i + 1].indent > 0) {
                warn(lines[i], "definition list ends without a blank line; unexpected unindent")
            }
            var j = i
            while j < lines.count, lines[j].isBlank { j += 1 }
            guard j + 1 < lines.count, lines[j].indent == 0, !lines[j + 1].isBlank, lines[j + 1].indent > 0,
                  !Adornment.isAdornment(lines[j].text), !Self.startsOtherConstruct(lines[j].text) else { break }
            i = j
        }
        return Node(.directive(name: "definition_list", argument: ""), range(lines[start..<i]), children: items)
    }
}

/// Option lists: `-a`, `-f FILE`, `--long=VALUE`, `/V`, joined by ", ", then two
/// spaces (or a line end) and the description.
enum OptionListParser {
    /// The column where the description starts, or nil when the line is not an option list item.
    static func descriptionColumn(_ text: Substring) -> Int? {
        let c = Array(text)
        var i = 0
        func word(_ allowed: (Character) -> Bool) -> Int {
            let start = i
            while i < c.count, allowed(c[i]) { i += 1 }
            return i - start
        }
        func argument() {
            guard i < c.count else { return }
            if c[i] == "<", let close = c[i...].firstIndex(of: ">") { i = close + 1; return }
            guard c[i].isLetter else { return }
            _ = word { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
        }
        while true {
            if i + 1 < c.count, c[i] == "-", c[i + 1] == "-" {
                i += 2
                guard i < c.count, c[i].isLetter || c[i].isNumber else { return nil }
                _ = word { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
                if i + 1 < c.count, c[i] == "=" || (c[i] == " " && c[i + 1] != " "), c[i + 1].isLetter || c[i + 1] == "<" { i += 1; argument() }
            } else if i + 1 < c.count, c[i] == "-" || c[i] == "/", c[i + 1].isLetter || c[i + 1].isNumber {
                let dos = c[i] == "/"
                i += 2
                if dos { _ = word { $0.isLetter || $0.isNumber } }
                if i + 1 < c.count, c[i] == " ", c[i + 1] != " ", c[i + 1].isLetter || c[i + 1] == "<" { i += 1; argument() }
                else if i < c.count, c[i].isLetter || c[i] == "<", !dos { argument() }
            } else {
                return nil
            }
            if i + 1 < c.count, c[i] == ",", c[i + 1] == " " { i += 2; continue }
            break
        }
        if i == c.count { return i }
        guard i + 1 < c.count, c[i] == " ", c[i + 1] == " " else { return nil }
        while i < c.count, c[i] == " " { i += 1 }
        return i
    }
}

extension RSTBlockParser {
    mutating func optionList(_ lines: [RSTLine], _ i: inout Int) -> Node? {
        guard OptionListParser.descriptionColumn(lines[i].text) != nil else { return nil }
        var items: [Node] = []
        let start = i
        while i < lines.count, lines[i].indent == 0, let column = OptionListParser.descriptionColumn(lines[i].text) {
            let head = lines[i]
            let itemStart = i
            // A marker alone on its line needs its description indented below.
            if column == head.text.count, !(i + 1 < lines.count && !lines[i + 1].isBlank && lines[i + 1].indent > 0) { break }
            i += 1
            var body = head.text.dropFirst(column).isEmpty ? [] : [head.dedented(by: column)]
            body += takeIndented(lines, from: &i).dedented()
            items.append(Node(.listItem, range(lines[itemStart..<i]), children: blocks(body)))
            var j = i
            while j < lines.count, lines[j].isBlank { j += 1 }
            guard j < lines.count, lines[j].indent == 0, OptionListParser.descriptionColumn(lines[j].text) != nil else { break }
            i = j
        }
        if items.isEmpty { i = start; return nil }
        return Node(.directive(name: "option_list", argument: ""), range(lines[start..<i]), children: items)
    }
}
