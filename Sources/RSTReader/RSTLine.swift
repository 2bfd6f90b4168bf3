/// One source line as the RST parser sees it: tabs expanded to 8 columns,
/// and `offset` columns already removed by the enclosing indented block.
struct RSTLine: Equatable {
    var text: String
    /// 1-based source line.
    var number: Int
    /// Columns removed by dedenting, so that column = offset + index + 1.
    var offset: Int

    // Spaces are ASCII: the UTF-8 view answers these without grapheme breaking.
    var isBlank: Bool { text.utf8.allSatisfy { $0 == 0x20 } }
    var indent: Int {
        let spaces = text.utf8.prefix { $0 == 0x20 }.count
        return spaces == text.utf8.count ? Int.max : spaces
    }

    func dedented(by n: Int) -> RSTLine {
        if isBlank { return RSTLine(text: "", number: number, offset: offset + n) }
        let bytes = text.utf8
        if bytes.prefix(n).allSatisfy({ $0 == 0x20 }), bytes.count >= n {
            return RSTLine(text: String(Substring(bytes.dropFirst(n))), number: number, offset: offset + n)
        }
        return RSTLine(text: String(text.dropFirst(n)), number: number, offset: offset + n)
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
