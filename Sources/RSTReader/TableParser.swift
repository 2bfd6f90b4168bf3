import DocumentTree
import Foundation
import RunbookCore

/// Grid tables (`+---+---+`) and simple tables (`===  ===`). Cells are read as
/// plain text, one string per cell; a cell spanning columns keeps one string.
enum TableParser {
    /// `+---+---+` or `+===+===+` (ASCII only): the first or a header border.
    static func isGridBorder(_ line: RSTLine) -> Bool {
        guard line.firstByte == UInt8(ascii: "+") else { return false }
        let t = line.bytes[..<line.trimmedLength]
        guard t.count >= 2, t.last == UInt8(ascii: "+") else { return false }
        if t[1] == UInt8(ascii: "=") { return true }
        return t.count >= 3 && t.contains(UInt8(ascii: "-"))
            && t.allSatisfy { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "=") }
    }

    /// Two or more runs of `=` apart, and nothing else.
    static func isSimpleBorder(_ line: RSTLine) -> Bool {
        guard line.firstByte == UInt8(ascii: "=") else { return false }
        var runs = 0
        var previous: UInt8 = 0x20
        for byte in line.bytes {
            if byte == UInt8(ascii: "=") {
                if previous == 0x20 { runs += 1 }
            } else if byte != 0x20 {
                return false
            }
            previous = byte
        }
        return runs >= 2
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

    /// The columns `range` of a line (characters; the range may run past the end),
    /// as a line starting that many columns further right.
    static func cut(_ line: RSTLine, _ range: Range<Int>) -> RSTLine {
        // Most table lines are ASCII, where a column is a byte.
        if line.bytes.allSatisfy({ $0 < 0x80 }) { return line.slice(range, columns: range.lowerBound) }
        let text = line.text
        let lower = text.index(text.startIndex, offsetBy: range.lowerBound, limitedBy: text.endIndex) ?? text.endIndex
        let upper = text.index(lower, offsetBy: range.count, limitedBy: text.endIndex) ?? text.endIndex
        let bytes = text.utf8
        return line.slice(bytes.distance(from: bytes.startIndex, to: lower)..<bytes.distance(from: bytes.startIndex, to: upper), columns: range.lowerBound)
    }
}

extension RSTBlockParser {
    mutating func gridTable(_ lines: [RSTLine], _ i: inout Int) -> Node {
        var block: [RSTLine] = []
        while i < lines.count, !lines[i].isBlank, lines[i].starts(with: "+") || lines[i].starts(with: "|") {
            block.append(lines[i])
            i += 1
        }
        let grid = block.map(GridScanner.row)
        guard let cells = GridScanner(grid).cells() else {
            warn(block[0], "malformed table: its cells do not close")
            return Node(.table(rows: []), range(block[...]))
        }
        // Rows are the cells sharing a top border; a `+===+` border ends the header rows.
        let headerEnd = grid.firstIndex { $0.count > 1 && $0[0] == UInt8(ascii: "+") && $0[1] == UInt8(ascii: "=") }
        var rows: [[String]] = []
        var rowNodes: [Node] = []
        for top in Set(cells.map(\.top)).sorted() {
            let rowCells = cells.filter { $0.top == top }.sorted { $0.left < $1.left }
            var texts: [String] = []
            var nodes: [Node] = []
            for cell in rowCells {
                let cellLines = block[(cell.top + 1)..<cell.bottom].map { line -> RSTLine in
                    TableParser.cut(line, (cell.left + 1)..<cell.right).trimmingTrailingBlanks()
                }
                let content = Array(cellLines.dedented().trimmed())
                texts.append(inline.plain(content.map { $0.text.trimmingSpaces() }.joined(separator: " ")))
                if !content.isEmpty { nodes.append(Node(.directive(name: "cell", argument: ""), range(content[...]), children: blocks(content))) }
            }
            let bottom = rowCells.map(\.bottom).max() ?? top + 1
            rows.append(texts)
            rowNodes.append(Node(.tableRow(header: headerEnd.map { bottom <= $0 } ?? false), range(block[(top + 1)..<max(bottom, top + 2)]), children: nodes))
        }
        return Node(.table(rows: rows), range(block[...]), children: rowNodes)
    }

    /// Each cell's lines, cut at its column (the last column runs to the end
    /// of the line), read as blocks: the rows' texts and their cells' nodes.
    mutating func simpleTableCells(_ rowLines: [[RSTLine]], columns: [Range<Int>]) -> (rows: [[String]], cells: [[Node]]) {
        var rows: [[String]] = []
        var cellNodes: [[Node]] = []
        for row in rowLines {
            var texts: [String] = []
            var cells: [Node] = []
            for (index, column) in columns.enumerated() {
                let end = index == columns.count - 1 ? Int.max : column.upperBound
                let cellLines = row.map { line -> RSTLine in
                    TableParser.cut(line, column.lowerBound..<end).trimmingTrailingBlanks()
                }
                let content = Array(cellLines.trimmed())
                texts.append(inline.plain(content.filter { !$0.isBlank }.map { $0.text.trimmingSpaces() }.joined(separator: " ")))
                if !content.isEmpty { cells.append(Node(.directive(name: "cell", argument: ""), range(content[...]), children: blocks(content.dedented()))) }
            }
            rows.append(texts)
            cellNodes.append(cells)
        }
        return (rows, cellNodes)
    }

    mutating func simpleTable(_ lines: [RSTLine], _ i: inout Int) -> Node {
        let border = Array(lines[i].trimmingTrailingBlanks().text)
        let columns = TableParser.columns(border, separator: " ")
        var block = [lines[i]]
        var rowLines: [[RSTLine]] = []
        var borders = 1
        var headerRows = 0
        i += 1
        while i < lines.count {
            let line = lines[i]
            if TableParser.isSimpleBorder(line) {
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
            if line.firstByte == UInt8(ascii: "-") || line.firstByte == 0x20,
               line.bytes.contains(UInt8(ascii: "-")), line.bytes.allSatisfy({ $0 == UInt8(ascii: "-") || $0 == 0x20 }) { continue }
            // A line whose first column is blank (a blank line too) continues the row above.
            let firstColumnBlank = TableParser.cut(line, columns[0]).text.unicodeScalars.allSatisfy(\.isSpace)
            if firstColumnBlank, !rowLines.isEmpty {
                rowLines[rowLines.count - 1].append(line)
            } else if !line.isBlank {
                rowLines.append([line])
            }
        }
        if borders < 2 { warn(lines[i - 1], "malformed table: no bottom border") }
        let (rows, cellNodes) = simpleTableCells(rowLines, columns: columns)
        let rowNodes = rowLines.enumerated().map { index, lines in
            Node(.tableRow(header: index < headerRows), range(lines[...]), children: cellNodes[index])
        }
        return Node(.table(rows: rows), range(block[...]), children: rowNodes)
    }
}

/// Finds a grid table's cells the way docutils does: from each corner, along
/// the top border to a corner whose right border goes down to a corner whose
/// bottom border comes back to the left border. So cells may span rows and columns.
struct GridScanner {
    struct Cell: Hashable {
        var top: Int, left: Int, bottom: Int, right: Int
    }

    /// One byte per character: the borders are ASCII, and any other character is
    /// only something that is not a border (0xFF), so columns stay characters.
    let grid: [[UInt8]]
    let width: Int

    init(_ grid: [[UInt8]]) {
        self.grid = grid
        self.width = grid.map(\.count).max() ?? 0
    }

    static func row(_ line: RSTLine) -> [UInt8] {
        line.bytes.allSatisfy { $0 < 0x80 } ? Array(line.bytes) : line.text.map { $0.asciiValue ?? 0xFF }
    }

    func at(_ row: Int, _ column: Int) -> UInt8 {
        row < grid.count && column < grid[row].count ? grid[row][column] : UInt8(ascii: " ")
    }

    func cells() -> [Cell]? {
        guard grid.count >= 2, at(0, 0) == UInt8(ascii: "+") else { return nil }
        var corners = [(0, 0)]
        var seen = Set<Int>()
        var found: [Cell] = []
        while let (top, left) = corners.popLast() {
            guard seen.insert(top * width + left).inserted else { continue }
            // A corner inside another cell's border (a span) starts no cell.
            guard let cell = scan(top, left) else { continue }
            found.append(cell)
            if cell.right < width - 1 { corners.append((cell.top, cell.right)) }
            if cell.bottom < grid.count - 1 { corners.append((cell.bottom, cell.left)) }
        }
        // Complete when the cells cover every column from the top border to the bottom one.
        var deepest = [Int](repeating: -1, count: max(width - 1, 0))
        for cell in found {
            for column in cell.left..<min(cell.right, deepest.count) { deepest[column] = max(deepest[column], cell.bottom) }
        }
        let complete = deepest.allSatisfy { $0 == grid.count - 1 }
        return found.isEmpty || !complete ? nil : found.sorted { ($0.top, $0.left) < ($1.top, $1.left) }
    }

    func scan(_ top: Int, _ left: Int) -> Cell? {
        var right = left + 1
        while right < width {
            let ch = at(top, right)
            if ch == UInt8(ascii: "+"), let bottom = down(top, left, right) { return Cell(top: top, left: left, bottom: bottom, right: right) }
            guard ch == UInt8(ascii: "+") || ch == UInt8(ascii: "-") || ch == UInt8(ascii: "=") else { return nil }
            right += 1
        }
        return nil
    }

    func down(_ top: Int, _ left: Int, _ right: Int) -> Int? {
        var bottom = top + 1
        while bottom < grid.count {
            let ch = at(bottom, right)
            if ch == UInt8(ascii: "+"), closes(top, left, bottom, right) { return bottom }
            guard ch == UInt8(ascii: "+") || ch == UInt8(ascii: "|") else { return nil }
            bottom += 1
        }
        return nil
    }

    /// The bottom border runs back to a corner on the left border, which runs up to the top.
    func closes(_ top: Int, _ left: Int, _ bottom: Int, _ right: Int) -> Bool {
        guard at(bottom, left) == UInt8(ascii: "+") else { return false }
        for column in (left + 1)..<right {
            let ch = at(bottom, column)
            guard ch == UInt8(ascii: "-") || ch == UInt8(ascii: "=") || ch == UInt8(ascii: "+") else { return false }
        }
        for row in (top + 1)..<bottom {
            let ch = at(row, left)
            guard ch == UInt8(ascii: "|") || ch == UInt8(ascii: "+") else { return false }
        }
        return true
    }
}
