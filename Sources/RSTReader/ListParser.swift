import DocumentTree
import Foundation
import RunbookCore

/// Bullet and enumerated list markers, field markers.
enum ListParser {
    struct Marker: Equatable {
        /// How the enumerator is punctuated: what must match for items to be one list.
        enum Format: Equatable { case bullet, period, rightParenthesis, parentheses }
        let format: Format
        /// "1", "a", "A", "i", "I" or "#" for an enumerator; the bullet itself for a bullet.
        let kind: Unicode.Scalar
        /// Columns taken by the marker and the spaces after it.
        let width: Int
        /// Bytes taken by the same: a Unicode bullet is three bytes in one column.
        let length: Int
        /// The enumerator as written ("3", "iv", "#"); "" for bullets.
        var label: String = ""

        var ordered: Bool { format != .bullet }

        /// The item's number in its sequence (kind "1", "a", "A", "i", "I"); nil for "#" and bullets.
        func ordinal(as kind: Unicode.Scalar) -> Int? {
            switch kind {
            case "1": return Int(label)
            case "a", "A":
                // Enumerators are ASCII: a letter is one byte.
                guard label.utf8.count == 1, let byte = label.utf8.first.map({ $0 | 0x20 }), (0x61...0x7A).contains(byte) else { return nil }
                return Int(byte) - 0x60
            case "i", "I": return ListParser.romanValue(label.lowercased())
            default: return nil
            }
        }

        /// Whether this marker can follow `previous` in the same list. As in docutils,
        /// once a list has an auto-numbered item (`#.`, `sawAuto`), an explicitly
        /// numbered one starts a new list.
        func follows(_ previous: Marker, listKind: Unicode.Scalar, sawAuto: Bool = false) -> Bool {
            guard format == previous.format else { return false }
            guard ordered else { return kind == previous.kind }
            if label == "#" { return true }
            if previous.label == "#" || sawAuto { return false }
            // docutils' numbers have no bound: compare digit strings when they overflow an Int.
            if listKind == "1", Int(label) == nil || Int(previous.label) == nil {
                return ListParser.decimalSuccessor(of: previous.label) == ListParser.withoutLeadingZeros(label)
            }
            guard let n = ordinal(as: listKind), let p = previous.ordinal(as: listKind) else { return false }
            return n == p + 1
        }
    }

    /// The decimal digits plus one, without leading zeros ("0099" → "100").
    static func decimalSuccessor(of digits: String) -> String {
        var result = Array(withoutLeadingZeros(digits).utf8)
        var k = result.count - 1
        while k >= 0, result[k] == UInt8(ascii: "9") { result[k] = UInt8(ascii: "0"); k -= 1 }
        if k >= 0 { result[k] += 1 } else { result.insert(UInt8(ascii: "1"), at: 0) }
        return String(decoding: result, as: UTF8.self)
    }

    static func withoutLeadingZeros(_ digits: String) -> String {
        let trimmed = digits.drop { $0 == "0" }
        return trimmed.isEmpty ? "0" : String(trimmed)
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

    /// The bullet or enumerator the line starts with, followed by spaces or the
    /// line's end (docutils: `bullet( +|$)`, `enumerator( +|$)`), read from bytes.
    static func marker(_ line: RSTLine) -> Marker? {
        // Most lines start with a word and no enumerator: the first byte answers.
        switch line.firstByte {
        case UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "+"): return bullet(line.bytes, length: 1)
        case 0xE2: return bullet(line.bytes, length: 3)
        case UInt8(ascii: "("), UInt8(ascii: "#"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"):
            return enumerator(line.bytes)
        default: return nil
        }
    }

    /// "-", "*", "+" (one byte) or "•", "‣", "⁃" (three); the marker takes every space after it.
    private static func bullet(_ b: UnsafeBufferPointer<UInt8>, length: Int) -> Marker? {
        guard b.count >= length else { return nil }
        let kind: Unicode.Scalar
        if length == 1 {
            kind = Unicode.Scalar(b[0])
        } else {
            // E2 80 A2 •, E2 80 A3 ‣, E2 81 83 ⁃
            switch (b[1], b[2]) {
            case (0x80, 0xA2): kind = "•"
            case (0x80, 0xA3): kind = "‣"
            case (0x81, 0x83): kind = "⁃"
            default: return nil
            }
        }
        guard b.count > length else { return Marker(format: .bullet, kind: kind, width: 2, length: length + 1) }
        var end = length
        while end < b.count, b[end] == 0x20 { end += 1 }
        guard end > length else { return nil }
        return Marker(format: .bullet, kind: kind, width: 1 + end - length, length: end)
    }

    /// Enumerators, all ASCII as in docutils: 1. 1) (1) #. a. A) i. (iv)
    private static func enumerator(_ b: UnsafeBufferPointer<UInt8>) -> Marker? {
        func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
        func isUpper(_ c: UInt8) -> Bool { c >= 0x41 && c <= 0x5A }
        func isLower(_ c: UInt8) -> Bool { c >= 0x61 && c <= 0x7A }
        func isRoman(_ c: UInt8, upper: Bool) -> Bool {
            guard isUpper(c) == upper else { return false }
            switch c | 0x20 {
            case UInt8(ascii: "i"), UInt8(ascii: "v"), UInt8(ascii: "x"), UInt8(ascii: "l"),
                 UInt8(ascii: "c"), UInt8(ascii: "d"), UInt8(ascii: "m"): return true
            default: return false
            }
        }
        let open = b[0] == UInt8(ascii: "(")
        var i = open ? 1 : 0
        let start = i
        while i < b.count, isDigit(b[i]) || isUpper(b[i]) || isLower(b[i]) || b[i] == UInt8(ascii: "#") { i += 1 }
        guard i > start, i < b.count else { return nil }
        let label = b[start..<i]
        let first = label[start]
        let numeric = label.allSatisfy(isDigit)
        let auto = label.count == 1 && first == UInt8(ascii: "#")
        let roman = label.allSatisfy { isRoman($0, upper: false) } || label.allSatisfy { isRoman($0, upper: true) }
        guard auto || numeric || roman || (label.count == 1 && (isUpper(first) || isLower(first))) else { return nil }
        let format: Marker.Format
        switch b[i] {
        case UInt8(ascii: ")"): format = open ? .parentheses : .rightParenthesis
        case UInt8(ascii: "."): guard !open else { return nil }; format = .period
        default: return nil
        }
        i += 1
        var end = i
        while end < b.count, b[end] == 0x20 { end += 1 }
        guard end > i || i == b.count else { return nil }
        // A single i or I is roman; any other single letter is alphabetic.
        let kind: Unicode.Scalar = auto ? "#" : numeric ? "1"
            : roman && (label.count > 1 || first | 0x20 == UInt8(ascii: "i")) ? (isUpper(first) ? "I" : "i")
            : isUpper(first) ? "A" : "a"
        let width = i + max(end - i, 1)
        return Marker(format: format, kind: kind, width: width, length: width, label: String(decoding: label, as: UTF8.self))
    }
}

enum FieldParser {
    /// `:name: value` → (name, value); nil when the line is not a field marker.
    static func fieldName(_ line: RSTLine) -> (name: String, value: String)? {
        // (A field needs at least ":x:", three bytes.)
        let b = line.bytes
        guard b.count > 2, b[0] == UInt8(ascii: ":") else { return nil }
        // The name runs to the next colon not escaped by a backslash; all ASCII, so bytes do.
        var k = 1
        var escaped = false
        while k < b.count {
            let byte = b[k]
            if escaped {
                escaped = false
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
            } else if byte == UInt8(ascii: ":") {
                let name = b[1..<k], after = b[(k + 1)...]
                guard let first = name.first, first != 0x20, name.last != 0x20, after.first ?? 0x20 == 0x20 else { return nil }
                return (String(decoding: name, as: UTF8.self), Substring(String(decoding: after, as: UTF8.self)).trimmingSpaces())
            }
            k += 1
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
        var sawAuto = false
        let listKind = first.kind
        while i < lines.count, let marker = ListParser.marker(lines[i]), items.isEmpty || marker.follows(previous, listKind: listKind, sawAuto: sawAuto) {
            let head = lines[i]
            previous = marker
            sawAuto = sawAuto || marker.label == "#"
            i += 1
            // The marker is ASCII but for a Unicode bullet: `length` bytes, `width` columns.
            var body = [head.dropping(bytes: marker.length, columns: marker.width)]
            let rest = takeIndented(lines, from: &i)
            body += rest.map { $0.dedented(by: min($0.indent == Int.max ? 0 : $0.indent, marker.width)) }
            items.append(Node(.listItem, range(lines[(i - rest.count - 1)..<i]), children: blocks(body)))
            if i < lines.count, !lines[i].isBlank, ListParser.marker(lines[i]).map({ $0.follows(previous, listKind: listKind, sawAuto: sawAuto) }) != true {
                warn(lines[i], "\(first.ordered ? "enumerated" : "bullet") list ends without a blank line; unexpected unindent")
            }
            var j = i
            while j < lines.count, lines[j].isBlank { j += 1 }
            guard j < lines.count, lines[j].indent == 0, let next = ListParser.marker(lines[j]), next.follows(previous, listKind: listKind, sawAuto: sawAuto),
                  !next.ordered || Self.isEnumeratedItem(lines, j, next, listKind: listKind) else { break }
            i = j
        }
        return Node(.list(ordered: first.ordered), range(lines[start..<i]), children: items)
    }

    static func isEnumeratedItem(_ lines: [RSTLine], _ i: Int, _ marker: ListParser.Marker, listKind: Unicode.Scalar) -> Bool {
        guard i + 1 < lines.count else { return true }
        let next = lines[i + 1]
        if next.isBlank || next.indent > 0 { return true }
        guard let following = ListParser.marker(next) else { return false }
        return following.follows(marker, listKind: listKind)
    }

    mutating func fieldList(_ lines: [RSTLine], _ i: inout Int) -> Node {
        var items: [Node] = []
        let start = i
        while i < lines.count, lines[i].indent == 0, let field = FieldParser.fieldName(lines[i]) {
            let head = lines[i]
            i += 1
            var body = field.value.isEmpty ? [] : [store.line(field.value, number: head.number, offset: head.offset)]
            body += takeIndented(lines, from: &i).dedented()
            items.append(Node(.listItem, range(lines[(i - 1)...(i - 1)]), children: [Node(.paragraph(text: inline.plain(field.name)), range([head]))] + blocks(body)))
            while i < lines.count, lines[i].isBlank, i + 1 < lines.count, FieldParser.fieldName(lines[i + 1]) != nil { i += 1 }
        }
        return Node(.directive(name: "field_list", argument: ""), range(lines[start..<i]), children: items)
    }

    /// A line that docutils reads as the start of another construct before it
    /// could be a term: it ends the definition list.
    static func startsOtherConstruct(_ line: RSTLine) -> Bool {
        line.is("..") || line.starts(with: ".. ") || line.is("__") || line.starts(with: "__ ") || ListParser.marker(line) != nil
            || (line.starts(with: ":") && FieldParser.fieldName(line) != nil) || line.is("|") || line.starts(with: "| ")
            || line.starts(with: ">>>") || TableParser.isGridBorder(line) || TableParser.isSimpleBorder(line)
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
                  !Adornment.isAdornment(lines[j]), !Self.startsOtherConstruct(lines[j]) else { break }
            i = j
        }
        return Node(.directive(name: "definition_list", argument: ""), range(lines[start..<i]), children: items)
    }
}

/// Option lists: `-a`, `-f FILE`, `--long=VALUE`, `/V`, joined by ", ", then two
/// spaces (or a line end) and the description.
enum OptionListParser {
    /// The byte where the description starts, or nil when the line is not an option
    /// list item. Option names and arguments are ASCII, as docutils' patterns have them.
    static func descriptionColumn(_ c: UnsafeBufferPointer<UInt8>) -> Int? {
        func isAlpha(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) }
        func isAlphanumeric(_ byte: UInt8) -> Bool { isAlpha(byte) || (0x30...0x39).contains(byte) }
        func isNamePart(_ byte: UInt8) -> Bool { isAlphanumeric(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") }
        let space = UInt8(ascii: " "), dash = UInt8(ascii: "-"), slash = UInt8(ascii: "/"), open = UInt8(ascii: "<")
        var i = 0
        func skip(_ allowed: (UInt8) -> Bool) {
            while i < c.count, allowed(c[i]) { i += 1 }
        }
        func argument() {
            guard i < c.count else { return }
            if c[i] == open, let close = c[i...].firstIndex(of: UInt8(ascii: ">")) { i = close + 1; return }
            guard isAlpha(c[i]) else { return }
            skip(isNamePart)
        }
        while true {
            if i + 1 < c.count, c[i] == dash, c[i + 1] == dash {
                i += 2
                guard i < c.count, isAlphanumeric(c[i]) else { return nil }
                skip(isNamePart)
                if i + 1 < c.count, c[i] == UInt8(ascii: "=") || (c[i] == space && c[i + 1] != space), isAlpha(c[i + 1]) || c[i + 1] == open { i += 1; argument() }
            } else if i + 1 < c.count, c[i] == dash || c[i] == slash, isAlphanumeric(c[i + 1]) {
                let dos = c[i] == slash
                i += 2
                if dos { skip(isAlphanumeric) }
                if i + 1 < c.count, c[i] == space, c[i + 1] != space, isAlpha(c[i + 1]) || c[i + 1] == open { i += 1; argument() }
                else if i < c.count, isAlpha(c[i]) || c[i] == open, !dos { argument() }
            } else {
                return nil
            }
            if i + 1 < c.count, c[i] == UInt8(ascii: ","), c[i + 1] == space { i += 2; continue }
            break
        }
        if i == c.count { return i }
        guard i + 1 < c.count, c[i] == space, c[i + 1] == space else { return nil }
        while i < c.count, c[i] == space { i += 1 }
        return i
    }
}

extension RSTBlockParser {
    mutating func optionList(_ lines: [RSTLine], _ i: inout Int) -> Node? {
        guard OptionListParser.descriptionColumn(lines[i].bytes) != nil else { return nil }
        var items: [Node] = []
        let start = i
        while i < lines.count, lines[i].indent == 0, let column = OptionListParser.descriptionColumn(lines[i].bytes) {
            let head = lines[i]
            let itemStart = i
            // A marker alone on its line needs its description indented below.
            if column == head.length, !(i + 1 < lines.count && !lines[i + 1].isBlank && lines[i + 1].indent > 0) { break }
            i += 1
            // (`column` is in bytes; an argument in <...> may hold wider characters.)
            let columns = head.columns(upTo: column)
            var body = column == head.length ? [] : [head.dropping(bytes: column, columns: columns)]
            body += takeIndented(lines, from: &i).dedented()
            items.append(Node(.listItem, range(lines[itemStart..<i]), children: blocks(body)))
            var j = i
            while j < lines.count, lines[j].isBlank { j += 1 }
            guard j < lines.count, lines[j].indent == 0, OptionListParser.descriptionColumn(lines[j].bytes) != nil else { break }
            i = j
        }
        if items.isEmpty { i = start; return nil }
        return Node(.directive(name: "option_list", argument: ""), range(lines[start..<i]), children: items)
    }
}
