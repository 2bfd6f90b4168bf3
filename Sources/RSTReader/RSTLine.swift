/// One source line as the RST parser sees it: tabs expanded to 8 columns,
/// and `offset` columns already removed by the enclosing indented block.
struct RSTLine: Equatable {
    var text: String
    /// 1-based source line.
    var number: Int
    /// Columns removed by dedenting, so that column = offset + index + 1.
    var offset: Int

    var isBlank: Bool { text.allSatisfy { $0 == " " } }
    var indent: Int { isBlank ? Int.max : text.prefix { $0 == " " }.count }

    func dedented(by n: Int) -> RSTLine {
        RSTLine(text: isBlank ? "" : String(text.dropFirst(n)), number: number, offset: offset + n)
    }

    static func expandTabs(_ line: Substring) -> String {
        guard line.contains("\t") else { return String(line) }
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
