import DocumentTree
import RunbookCore

/// The admonitions of documentation generators (see `PageDialects`), found
/// among the nodes cmark gave for one container and turned into admonition
/// nodes whose bodies are parsed as Markdown: code in them is shown with the
/// notice, not run.
extension Converter {
    func admonitions(_ nodes: [Node]) -> [Node] {
        var result: [Node] = []
        var index = 0
        while index < nodes.count {
            let node = nodes[index]
            index += 1
            switch node.kind {
            case .paragraph(let text):
                if let title = PageDialects.contentTab(Substring(text.prefix { $0 != "\n" })) {
                    // A content tab's body is indented like an admonition's; a set of them offers a choice.
                    let (body, lastLine) = mkdocs(node, kind: "tab", title: title)
                    result.append(Node(.directive(name: "tab", argument: title), body.range, children: body.children))
                    while index < nodes.count, nodes[index].range.start.line <= lastLine { index += 1 }
                } else if let (kind, title) = PageDialects.mkdocsMarker(Substring(text.prefix { $0 != "\n" })) {
                    let (admonition, lastLine) = mkdocs(node, kind: kind, title: title)
                    result.append(admonition)
                    while index < nodes.count, nodes[index].range.start.line <= lastLine { index += 1 }
                } else if let marker = PageDialects.fencedMarker(text) {
                    result.append(fenced(node, text: text, marker: marker, nodes: nodes, index: &index))
                } else {
                    result.append(node)
                }
            case .codeBlock(let language?, let text, let contentLine) where language.hasPrefix("{") && language.hasSuffix("}"):
                // MyST: ```{note} ... ``` holds Markdown; other directives ({code-block}, {eval-rst}) are not notices.
                let name = language.dropFirst().dropLast().lowercased()
                if let directive = myst(String(name), node, text: text, contentLine: contentLine) { result.append(directive); continue }
                guard PageDialects.kinds[name] != nil || name == "admonition" else { result.append(node); continue }
                let body = MarkdownReader.parse(text, source: source, lineOffset: contentLine - 1, columnOffset: 0, depth: depth + 1, limits: limits)
                result.append(Node(.admonition(kind: PageDialects.kind(Substring(name)), title: nil), node.range, children: body))
            default:
                result.append(node)
            }
        }
        return result
    }

    /// A fenced admonition (Docusaurus' `:::note` … `:::` and the like):
    /// its first paragraph's own lines, then the nodes up to the
    /// paragraph that ends with its closer. INDEX moves past them.
    private func fenced(_ node: Node, text: String, marker: (kind: String, title: String?, closer: String), nodes: [Node], index: inout Int) -> Node {
        var body: [Node] = []
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst()
        var closed = false
        var own = Array(lines)
        if let last = own.last, isCloser(last, marker.closer) { own.removeLast(); closed = true }
        if !own.isEmpty { body.append(Node(.paragraph(text: own.joined(separator: "\n")), node.range)) }
        var end = node.range
        while !closed, index < nodes.count {
            let next = nodes[index]
            index += 1
            end = next.range
            if case .paragraph(let inner) = next.kind {
                var innerLines = inner.split(separator: "\n", omittingEmptySubsequences: false)
                if let last = innerLines.last, isCloser(last, marker.closer) {
                    innerLines.removeLast()
                    if !innerLines.isEmpty { body.append(Node(.paragraph(text: innerLines.joined(separator: "\n")), next.range)) }
                    closed = true
                    continue
                }
            }
            body.append(next)
        }
        return Node(.admonition(kind: marker.kind, title: marker.title), SourceRange(start: node.range.start, end: end.end), children: body)
    }

    /// MyST directives whose body is Markdown or code: tab sets and their tabs
    /// (sphinx-tabs' `{tabs}`/`{group-tab}`, sphinx-design's `{tab-set}`/`{tab-item}`)
    /// and `{code-block} LANGUAGE` (its `:option:` lines dropped).
    private func myst(_ name: String, _ node: Node, text: String, contentLine: Int) -> Node? {
        let opening = source.line(node.range.start.line).drop { " \t>`~".contains($0) }
        let argument = opening.drop { $0 != "}" }.dropFirst().trimmingCharacters(in: .whitespaces)
        switch name {
        case "tabs", "tab-set", "tab", "tab-item", "group-tab", "code-tab":
            let body = MarkdownReader.parse(text, source: source, lineOffset: contentLine - 1, columnOffset: 0, depth: depth + 1, limits: limits)
            return Node(.directive(name: name, argument: argument), node.range, children: body)
        case "code-block", "code", "sourcecode":
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            var first = contentLine
            while let line = lines.first, line.hasPrefix(":") {
                lines.removeFirst()
                first += 1
            }
            while lines.first?.isEmpty == true { lines.removeFirst(); first += 1 }
            let language = argument.split(separator: " ").first.map(String.init)
            return Node(.codeBlock(language: language, text: lines.joined(separator: "\n"), contentLine: first), node.range)
        default:
            return nil
        }
    }

    private func isCloser(_ line: Substring, _ closer: String) -> Bool {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        return closer == ":::" ? trimmed == ":::" : trimmed.hasPrefix("{{<") && trimmed.contains("/")
    }

    /// An mkdocs admonition: the lines after the marker indented four more
    /// columns than it (and blank lines among them) are its body.
    private func mkdocs(_ marker: Node, kind: String, title: String?) -> (Node, Int) {
        let markerLine = marker.range.start.line
        let indent = source.line(markerLine).prefix { $0 == " " }.count + 4
        var last = markerLine
        var number = markerLine + 1
        while number <= source.lineCount {
            let line = source.line(number)
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) { number += 1; continue }
            guard line.prefix(while: { $0 == " " }).count >= indent else { break }
            last = number
            number += 1
        }
        guard last > markerLine else {
            return (Node(.admonition(kind: kind, title: title), marker.range), markerLine)
        }
        let body = (markerLine + 1...last).map { String(source.line($0).dropFirst(min(indent, source.line($0).prefix { $0 == " " }.count))) }
        let children = MarkdownReader.parse(body.joined(separator: "\n"), source: source, lineOffset: markerLine, columnOffset: indent, depth: depth + 1, limits: limits)
        let range = SourceRange(start: marker.range.start, end: SourcePosition(line: last, column: max(source.line(last).count, 1)))
        return (Node(.admonition(kind: kind, title: title), range, children: children), last)
    }
}
