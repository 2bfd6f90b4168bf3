/// One source line as the RST parser sees it: tabs expanded to 8 columns,
/// and `offset` columns already removed by the enclosing indented block.
/// The text is a slice of the document's own text where it can be (most
/// lines need no normalising), so neither reading nor dedenting copies it.
struct RSTLine: Equatable {
    let text: Substring
    /// 1-based source line.
    let number: Int
    /// Columns removed by dedenting, so that column = offset + index + 1.
    let offset: Int
    /// Leading spaces, or Int.max for a blank line: counted once, asked often.
    let indent: Int

    init(text: Substring, number: Int, offset: Int) {
        self.text = text
        self.number = number
        self.offset = offset
        // Spaces are ASCII: the bytes answer, without grapheme breaking.
        let bytes = text.utf8
        self.indent = bytes.withContiguousStorageIfAvailable { $0.firstIndex { $0 != 0x20 } ?? Int.max }
            ?? bytes.firstIndex { $0 != 0x20 }.map { bytes.distance(from: bytes.startIndex, to: $0) } ?? Int.max
    }

    init(text: String, number: Int, offset: Int) {
        self.init(text: text[...], number: number, offset: offset)
    }

    var isBlank: Bool { indent == Int.max }

    func dedented(by n: Int) -> RSTLine {
        if isBlank { return RSTLine(text: "", number: number, offset: offset + n) }
        if n <= indent { return RSTLine(text: Substring(text.utf8.dropFirst(n)), number: number, offset: offset + n) }
        return RSTLine(text: text.dropFirst(n), number: number, offset: offset + n)
    }

    static func expandTabs(_ line: Substring) -> String {
        guard line.utf8.contains(0x09) else { return String(line) }
        var out = ""
        for c in line {
            if c == "\t" { out += String(repeating: " ", count: 8 - out.count % 8) } else { out.append(c) }
        }
        return out
    }
}

extension Array where Element == RSTLine {
    /// Removes the common indentation of the non-blank lines.
    func dedented() -> [RSTLine] {
        let common = self.map(\.indent).min() ?? 0
        return common == Int.max ? self : map { $0.dedented(by: common) }
    }

    /// Drops blank lines at both ends.
    func trimmed() -> ArraySlice<RSTLine> {
        let start = firstIndex { !$0.isBlank } ?? endIndex
        let end = (lastIndex { !$0.isBlank } ?? -1) + 1
        return start < end ? self[start..<end] : []
    }
}

extension Collection where Element == RSTLine {
    /// The lines' text joined by newlines, copied once into a buffer of the right size.
    func joinedText() -> String {
        var text = ""
        text.reserveCapacity(reduce(0) { $0 + $1.text.utf8.count + 1 })
        for (index, line) in zip(0..., self) {
            if index > 0 { text.append("\n") }
            text.append(contentsOf: line.text)
        }
        return text
    }
}
