import DocumentTree
import Foundation
import RunbookCore

/// Markdown a page wraps in HTML tags, which cmark reads as HTML blocks beside
/// the Markdown between them: Docusaurus' MDX tabs (`<Tabs>`, `<TabItem
/// value="apt" label="Debian">` … `</TabItem>`) and collapsed sections
/// (`<details><summary>Title</summary>` … `</details>`). The nodes between an
/// opening and its closing tag become one node: a `tab` titled by the label
/// (else the value), as mkdocs' `=== "Debian"` tabs are, or a `details`
/// titled by its summary.
enum HTMLContainers {
    static func fold(_ nodes: [Node], limits: NestingLimit) -> [Node] {
        guard nodes.contains(where: { if case .html(let text) = $0.kind { text.contains("<TabItem") || text.contains("<details") } else { false } })
        else { return nodes }
        var result: [Node] = []
        // Open containers, innermost last: (directive name, title, where it starts, its body).
        var open: [(name: String, title: String, start: SourceRange, body: [Node])] = []
        func append(_ node: Node) {
            if open.isEmpty { result.append(node) } else { open[open.count - 1].body.append(node) }
        }
        func close(_ name: String, at end: SourceRange) {
            guard let index = open.lastIndex(where: { $0.name == name }) else { return }
            while open.count > index {
                let container = open.removeLast()
                append(Node(.directive(name: container.name, argument: container.title), SourceRange(start: container.start.start, end: end.end),
                            children: container.body))
            }
        }
        for node in nodes {
            guard case .html(let text) = node.kind, !tags(in: text).isEmpty else {
                append(node)
                continue
            }
            for tag in tags(in: text) {
                switch tag.name {
                case "/TabItem": close("tab", at: node.range)
                case "TabItem" where open.count >= NestingLimit.maximum, "details" where open.count >= NestingLimit.maximum:
                    limits.exceeded(at: node.range.start)
                case "TabItem":
                    close("tab", at: node.range)
                    open.append(("tab", title(of: tag.text), node.range, []))
                case "details": open.append(("details", summary(in: text), node.range, []))
                case "/details": close("details", at: node.range)
                default: break
                }
            }
        }
        while let container = open.last { close(container.name, at: container.body.last?.range ?? container.start) }
        return result
    }

    /// The container tags of an HTML block, in order.
    static func tags(in text: String) -> [(name: String, text: String)] {
        let regex = try! NSRegularExpression(pattern: #"<(/?)(TabItem|Tabs|details)\b[^>]*>"#)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
            guard let whole = Range(match.range, in: text), let slash = Range(match.range(at: 1), in: text),
                  let name = Range(match.range(at: 2), in: text) else { return nil }
            return (String(text[slash]) + String(text[name]), String(text[whole]))
        }
    }

    /// `label="Debian"`, else `value="apt"`.
    static func title(of tag: String) -> String {
        for attribute in ["label", "value"] {
            let regex = try! NSRegularExpression(pattern: attribute + #"\s*=\s*["']([^"']*)["']"#)
            if let match = regex.firstMatch(in: tag, range: NSRange(tag.startIndex..., in: tag)), let range = Range(match.range(at: 1), in: tag) {
                return String(tag[range])
            }
        }
        return "tab"
    }

    /// The text of `<summary>…</summary>`, its tags dropped.
    static func summary(in text: String) -> String {
        guard let open = text.range(of: "<summary"), let close = text.range(of: "</summary>", range: open.upperBound..<text.endIndex),
              let start = text[open.upperBound...].firstIndex(of: ">"), start < close.lowerBound else { return "details" }
        let inner = String(text[text.index(after: start)..<close.lowerBound])
        return inner.replacingOccurrences(of: #"<[^>]*>"#, with: "", options: .regularExpression).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// MDX (Docusaurus) is Markdown with JSX, read as MDX reads it: `import` and
/// `export` lines are code, not text, and there is no indented code block, so
/// Markdown indented inside a component (`<TabItem>` … `</TabItem>`) is plain
/// Markdown. Lines are blanked or dedented in place, so positions hold.
enum MDXSource {
    static func prepare(_ text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var fence: String?
        var depth = 0, regionStart: Int?
        for index in lines.indices {
            let trimmed = lines[index].trimmingCharacters(in: .whitespaces)
            if let open = fence {
                if trimmed.hasPrefix(open) { fence = nil }
                continue
            }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") { fence = String(trimmed.prefix(3)) }
            if depth == 0, lines[index].hasPrefix("import ") || lines[index].hasPrefix("export ") { lines[index] = "" }
            if trimmed.hasPrefix("<TabItem") || trimmed.hasPrefix("<Tabs") {
                if depth == 0 { regionStart = index + 1 }
                depth += 1
            } else if trimmed.hasPrefix("</TabItem") || trimmed.hasPrefix("</Tabs") {
                depth = max(depth - 1, 0)
                if depth == 0, let start = regionStart { dedent(&lines, start..<index); regionStart = nil }
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Removes the indentation the non-blank lines of RANGE share (tags included).
    static func dedent(_ lines: inout [String], _ range: Range<Int>) {
        let indents = lines[range].filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.map { $0.prefix { $0 == " " }.count }
        guard let common = indents.min(), common > 0 else { return }
        for index in range where !lines[index].trimmingCharacters(in: .whitespaces).isEmpty { lines[index].removeFirst(common) }
    }
}
