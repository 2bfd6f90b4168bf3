import DocumentTree
import Foundation
import RunbookCore

/// Grid tables (`+---+---+`) and simple tables (`===  ===`). Cells are read as
/// plain text, one string per cell; a cell spanning columns keeps one string.
enum TableParser {
    static func isGridBorder(_ text: String) -> Bool {
        let t = text.trimmingTrailingBlanks()
        return t.count >= 3 && t.hasPrefix("+") && t.hasSuffix("+") && t.allSatisfy { "+-=".contains($0) } && t.contains("-") || (t.hasPrefix("+=") && t.hasSuffix("+"))
    }

    static func isSimpleBorder(_ text: String) -> Bool {
        let t = text.trimmingTrailingBlanks()
        guard t.hasPrefix("="), t.allSatisfy({ $0 == "=" || $0 == " " }) else { return false }
        return t.split(separator: " ").count >= 2
    }

    /// Column ranges [start, end) from a border line: runs of the border character.
    static func columns(_ border: [Character], separator: Character) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start: Int?
        for (index, ch) in border.enumerated() {
            if ch == separator {
                if let s = start { result.append(s..<index) }
                start = separator == "+" ? index + 1 : nil
            } else if start == nil {
                start = index
            }
        }
        if separator != "+", let s = start { result.append(s..<border.count) }
        return result.filter { !$0.isEmpty }
    }

    static func slice(_ line: [Character], _ range: Range<Int>) -> String {
        guard range.lowerBound < line.count else { return "" }
        return String(line[range.lowerBound..<min(range.upperBound, line.count)]).trimmingCharacters(in: .whitespaces)
    }
}

extension RSTBlockParser {
    mutating func gridTable(_ lines: [RSTLine], _ i: inout Int) -> Node {
        var block: [RSTLine] = []
        while i < lines.count, !lines[i].isBlank, lines[i].text.hasPrefix("+") || lines[i].text.hasPrefix("|") {
            block.append(lines[i])
            i += 1
        }
        let border = Array(block[0].text.trimmingTrailingBlanks())
        let columns = TableParser.columns(border, separator: "+")
        var rows: [[String]] = []
        var rowNodes: [Node] = []
        // Each cell's lines, cut out of the row at its column, keep their source positions.
        var current: [[RSTLine]] = Array(repeating: [], count: columns.count)
        var rowLines: [RSTLine] = []
        func closeRow(header: Bool) {
            defer { rowLines = [] }
            guard current.contains(where: { $0.contains { !$0.isBlank } }) else { return }
            var row: [String] = []
            var cells: [Node] = []
            for cellLines in current {
                let content = Array(cellLines.dedented().trimmed())
                row.append(inline.plain(content.map { $0.text.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")))
                if !content.isEmpty { cells.append(Node(.directive(name: "cell", argument: ""), range(content[...]), children: blocks(content))) }
            }
            rows.append(row)
            rowNodes.append(Node(.tableRow(header: header), range(rowLines[...]), children: cells))
        }
        for line in block.dropFirst() {
            let chars = Array(line.text)
            if TableParser.isGridBorder(line.text) {
                // A `+===+` border closes the header: every row above it is a header row.
                let isHeaderBorder = line.text.hasPrefix("+=")
                closeRow(header: isHeaderBorder)
                if isHeaderBorder { rowNodes = rowNodes.map { Node(.tableRow(header: true), $0.range, children: $0.children) } }
                current = Array(repeating: [], count: columns.count)
                continue
            }
            rowLines.append(line)
            if chars.last != "|" { warn(line, "malformed table: the line does not end with '|'") }
            for (index, column) in columns.enumerated() {
                var text = column.lowerBound < chars.count ? String(chars[column.lowerBound..<min(column.upperBound, chars.count)]) : ""
                if text.hasSuffix("|") { text.removeLast() }
                current[index].append(RSTLine(text: text.trimmingTrailingBlanks(), number: line.number, offset: line.offset + column.lowerBound))
            }
        }
        if current.contains(where: { $0.contains { !$0.isBlank } }) {
            warn(block.last!, "malformed table: no bottom border")
            closeRow(header: false)
        }
        return Node(.table(rows: rows), range(block[...]), children: rowNodes)
    }

    mutating func simpleTable(_ lines: [RSTLine], _ i: inout Int) -> Node {
        let border = Array(lines[i].text.trimmingTrailingBlanks())
        let columns = TableParser.columns(border, separator: " ")
        var block = [lines[i]]
        var rowLines: [[RSTLine]] = []
        var borders = 1
        var headerRows = 0
        i += 1
        while i < lines.count {
            let line = lines[i]
            if TableParser.isSimpleBorder(line.text) {
                block.append(line)
                borders += 1
                i += 1
                if i == lines.count || lines[i].isBlank { break }
                // A border that does not end the table separates the header rows above it.
                if borders == 2 { headerRows = rowLines.count }
                continue
            }
            block.append(line)
            i += 1
            // `---  ----` under a row marks column spans: not a row.
            if line.text.contains("-"), line.text.allSatisfy({ $0 == "-" || $0 == " " }) { continue }
            // A line whose first column is blank (a blank line too) continues the row above.
            let firstColumnBlank = TableParser.slice(Array(line.text), columns[0]).isEmpty
            if firstColumnBlank, !rowLines.isEmpty {
                rowLines[rowLines.count - 1].append(line)
            } else if !line.isBlank {
                rowLines.append([line])
            }
        }
        if borders < 2 { warn(lines[i - 1], "malformed table: no bottom border") }
        // Each cell's lines, cut at its column (the last column runs to the end of the line), read as blocks.
        var rows: [[String]] = []
        var cellNodes: [[Node]] = []
        for row in rowLines {
            var texts: [String] = []
            var cells: [Node] = []
            for (index, column) in columns.enumerated() {
                let end = index == columns.count - 1 ? Int.max : column.upperBound
                let cellLines = row.map { line -> RSTLine in
                    let chars = Array(line.text)
                    let text = column.lowerBound < chars.count ? String(chars[column.lowerBound..<min(end, chars.count)]) : ""
                    return RSTLine(text: text.trimmingTrailingBlanks(), number: line.number, offset: line.offset + column.lowerBound)
                }
                let content = Array(cellLines.trimmed())
                texts.append(inline.plain(content.filter { !$0.isBlank }.map { $0.text.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")))
                if !content.isEmpty { cells.append(Node(.directive(name: "cell", argument: ""), range(content[...]), children: blocks(content.dedented()))) }
            }
            rows.append(texts)
            cellNodes.append(cells)
        }
        let rowNodes = rowLines.enumerated().map { index, lines in
            Node(.tableRow(header: index < headerRows), range(lines[...]), children: cellNodes[index])
        }
        return Node(.table(rows: rows), range(block[...]), children: rowNodes)
    }
}
