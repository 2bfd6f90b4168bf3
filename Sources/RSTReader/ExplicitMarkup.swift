import Foundation
import DocumentTree
import RunbookCore

/// `.. ` blocks: directives, comments (our `.. runbook:` annotations are
/// comments), hyperlink targets, substitution definitions, footnotes.
extension RSTBlockParser {
    static let admonitions: Set<String> = ["note", "warning", "caution", "danger", "important", "tip", "hint", "attention", "error"]
    static let codeDirectives: Set<String> = ["code", "code-block", "sourcecode"]
    /// Directives whose body is all content: no argument lines before it.
    static let contentOnly: Set<String> = admonitions.union(["todo", "toctree", "hlist", "glossary", "container", "compound"])

    mutating func explicitMarkup(_ lines: [RSTLine], _ i: inout Int) -> [Node] {
        let first = lines[i]
        let start = i
        i += 1
        let body = takeIndented(lines, from: &i)
        let whole = lines[start..<i]
        let head = first.is("..") ? "" : String(decoding: first.bytes.dropFirst(3), as: UTF8.self)

        if head.hasPrefix("|"), let bar = head.dropFirst().firstIndex(of: "|") {
            let name = String(head[head.index(after: head.startIndex)..<bar])
            return [Node(.directive(name: "substitution_definition", argument: name), range(whole))]
        }
        if head.hasPrefix("_") || head.hasPrefix("__") {
            let name = head.drop { $0 == "_" }.prefix { $0 != ":" }
            return [Node(.directive(name: "target", argument: String(name)), range(whole))]
        }
        if head.hasPrefix("["), let close = head.firstIndex(of: "]") {
            let label = String(head[head.index(after: head.startIndex)..<close])
            var content = [store.line(String(head[head.index(after: close)...]).trimmingSpaces(), number: first.number, offset: first.offset + 3)]
            content += body.dedented()
            return [Node(.directive(name: "footnote", argument: label), range(whole), children: blocks(content))]
        }
        if let (name, argument) = directiveHead(head) {
            if name == "include" { return includeDirective(argument: argument, first: first, body: body) }
            return [directive(name: name, argument: argument, first: first, body: body, whole: whole)]
        }
        // A comment: everything in the block, first line included.
        var text = [head]
        text += body.dedented().map { String($0.text) }
        while text.last == "" { text.removeLast() }
        return [Node(.comment(text: text.joined(separator: "\n")), range(whole))]
    }

    /// A list-table's content is a bullet list of rows, each a bullet list of cells.
    func listTable(_ content: [Node], _ whole: ArraySlice<RSTLine>, headerRows: Int) -> Node {
        var rows: [[String]] = []
        var rowNodes: [Node] = []
        for list in content { if case .list = list.kind {
            for row in list.children {
                guard let cellList = row.children.first(where: { if case .list = $0.kind { true } else { false } }) else { continue }
                rows.append(cellList.children.map(\.plainText))
                let cells = cellList.children.map { Node(.directive(name: "cell", argument: ""), $0.range, children: $0.children) }
                rowNodes.append(Node(.tableRow(header: rowNodes.count < headerRows), row.range, children: cells))
            }
        } }
        return Node(.table(rows: rows), range(whole), children: rowNodes)
    }

    mutating func includeDirective(argument: String, first: RSTLine, body: ArraySlice<RSTLine>) -> [Node] {
        var path = argument
        var options: [String: String] = [:]
        for line in body.dedented() where !line.isBlank {
            if let option = FieldParser.fieldName(line) { options[option.name] = option.value } else if options.isEmpty { path += line.text.trimmingSpaces() }
        }
        return include(argument: path, options: options, first: first)
    }

    /// `name:: argument` with a simple name (letters, digits, -_+:.).
    func directiveHead(_ head: String) -> (String, String)? {
        let bytes = head.utf8
        // The first "::" ends the name (a name may hold single colons: `py:function`).
        var colon = bytes.firstIndex(of: UInt8(ascii: ":"))
        while let found = colon, bytes.index(after: found) < bytes.endIndex, bytes[bytes.index(after: found)] != UInt8(ascii: ":") {
            colon = bytes[bytes.index(after: found)...].firstIndex(of: UInt8(ascii: ":"))
        }
        guard let colon, bytes.index(after: colon) < bytes.endIndex else { return nil }
        let name = Substring(bytes[..<colon])
        guard Self.isSimpleName(name) else { return nil }
        let argument = Substring(bytes[bytes.index(colon, offsetBy: 2)...])
        guard argument.isEmpty || argument.utf8.first == 0x20 else { return nil }
        return (name.lowercased(), argument.trimmingSpaces())
    }

    /// Letters and digits, with "-_+:." inside: ASCII names answered from the bytes.
    static func isSimpleName(_ name: Substring) -> Bool {
        func isAlphanumeric(_ byte: UInt8) -> Bool {
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
        }
        guard let first = name.utf8.first else { return false }
        if name.utf8.allSatisfy({ $0 < 0x80 }) {
            return isAlphanumeric(first) && name.utf8.allSatisfy { isAlphanumeric($0) || "-_+:.".utf8.contains($0) }
        }
        guard let f = name.first, f.isLetter || f.isNumber else { return false }
        return name.allSatisfy { $0.isLetter || $0.isNumber || "-_+:.".contains($0) }
    }

    /// A directive's argument (its first line and the lines up to the
    /// options), its options (`:name: value`), and its content after them.
    static func parts(name: String, argument: String, _ lines: [RSTLine]) -> (argument: String, options: [String: String], content: ArraySlice<RSTLine>) {
        var index = 0
        var argumentLines = argument.isEmpty ? [] : [argument]
        if !contentOnly.contains(name) {
            while index < lines.count, !lines[index].isBlank, FieldParser.fieldName(lines[index]) == nil {
                argumentLines.append(String(lines[index].text))
                index += 1
            }
        }
        var options: [String: String] = [:]
        while index < lines.count, !lines[index].isBlank, let option = FieldParser.fieldName(lines[index]) {
            options[option.name] = option.value
            index += 1
        }
        return (argumentLines.joined(separator: " "), options, Array(lines[index...]).trimmed())
    }

    /// `.. csv-table::`: its rows, the `:header:` option's first.
    mutating func csvTable(_ content: ArraySlice<RSTLine>, options: [String: String], _ whole: ArraySlice<RSTLine>) -> Node {
        let data = Array(content).dedented().map(\.text)
        let header = options["header"].map { [CSVRows.parse([$0])].flatMap { $0 } } ?? []
        let rows = (header + CSVRows.parse(data.map(String.init))).map { $0.map { inline.plain($0) } }
        let headerRows = header.count + (Int(options["header-rows"] ?? "") ?? 0)
        // CSV rows may span lines inside quotes; each row keeps the directive's range.
        let rowNodes = rows.indices.map { Node(.tableRow(header: $0 < headerRows), range(whole)) }
        return Node(.table(rows: rows), range(whole), children: rowNodes)
    }

    mutating func directive(name: String, argument: String, first: RSTLine, body: ArraySlice<RSTLine>, whole: ArraySlice<RSTLine>) -> Node {
        let lines = body.dedented()
        let (fullArgument, options, content) = Self.parts(name: name, argument: argument, lines)

        // sphinx-prompt's `.. prompt:: bash`: every line is a command typed at that prompt.
        if name == "prompt" {
            let text = Array(content).dedented().joinedText()
            let language = fullArgument.split(separator: " ").first.map(String.init)
            return Node(.codeBlock(language: language, text: text, contentLine: content.first?.number ?? first.number), range(whole))
        }
        if Self.codeDirectives.contains(name) {
            let text = Array(content).dedented().joinedText()
            return Node(.codeBlock(language: fullArgument.isEmpty ? nil : fullArgument, text: text, contentLine: content.first?.number ?? first.number),
                        range(whole))
        }
        if name == "list-table" {
            return listTable(blocks(Array(content)), whole, headerRows: Int(options["header-rows"] ?? "") ?? 0)
        }
        if name == "csv-table" { return csvTable(content, options: options, whole) }
        if name == "parsed-literal" {
            let text = Array(content).dedented().joinedText()
            return Node(.codeBlock(language: nil, text: inline.plain(text), contentLine: content.first?.number ?? first.number), range(whole))
        }
        if Self.admonitions.contains(name) {
            var blocksLines: [RSTLine] = []
            if !argument.isEmpty { blocksLines.append(store.line(argument, number: first.number, offset: first.offset + 3 + name.count + 3)) }
            blocksLines += lines
            return Node(.admonition(kind: name, title: nil), range(whole), children: blocks(blocksLines))
        }
        if name == "admonition" {
            return Node(.admonition(kind: "admonition", title: inline.plain(fullArgument)), range(whole), children: blocks(Array(content)))
        }
        return Node(.directive(name: name, argument: fullArgument), range(whole), children: blocks(Array(content)))
    }
}


/// Rows of a csv-table: comma-separated, double quotes around a field, "" for a quote.
enum CSVRows {
    static func parse(_ lines: [String]) -> [[String]] {
        var rows: [[String]] = []
        for line in lines where !line.trimmingSpaces().isEmpty {
            var fields: [String] = []
            var field = ""
            var quoted = false
            var chars = Array(line)[...]
            while let c = chars.popFirst() {
                if quoted {
                    if c == "\"" { if chars.first == "\"" { field.append("\""); chars.removeFirst() } else { quoted = false } } else { field.append(c) }
                } else if c == "\"" {
                    quoted = true
                } else if c == "," {
                    fields.append(field.trimmingSpaces())
                    field = ""
                } else {
                    field.append(c)
                }
            }
            fields.append(field.trimmingSpaces())
            rows.append(fields)
        }
        return rows
    }
}
