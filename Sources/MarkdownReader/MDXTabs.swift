import DocumentTree
import Foundation
import RunbookCore

/// Docusaurus' tabs in MDX: `<Tabs>`, then `<TabItem value="apt" label="Debian">`
/// … `</TabItem>` around ordinary Markdown. cmark reads each tag line as an
/// HTML block beside the Markdown between them; the nodes between an opening
/// and a closing `TabItem` become one `tab` node, titled by its label (else its
/// value), as mkdocs' `=== "Debian"` tabs are, so one pass reads both.
enum MDXTabs {
    static func fold(_ nodes: [Node]) -> [Node] {
        guard nodes.contains(where: { if case .html(let text) = $0.kind { text.contains("<TabItem") } else { false } }) else { return nodes }
        var result: [Node] = []
        var open: (title: String, start: SourceRange, body: [Node])?
        func close(at end: SourceRange) {
            guard let tab = open else { return }
            result.append(Node(.directive(name: "tab", argument: tab.title), SourceRange(start: tab.start.start, end: end.end), children: tab.body))
            open = nil
        }
        for node in nodes {
            guard case .html(let text) = node.kind, text.contains("TabItem") || text.contains("<Tabs") || text.contains("</Tabs>") else {
                if open != nil { open!.body.append(node) } else { result.append(node) }
                continue
            }
            for tag in tags(in: text) {
                if tag.hasPrefix("</TabItem") { close(at: node.range) }
                else if tag.hasPrefix("<TabItem") {
                    close(at: node.range)
                    open = (title(of: tag), node.range, [])
                }
            }
        }
        if let tab = open { close(at: tab.body.last?.range ?? tab.start) }
        return result
    }

    /// The `<TabItem …>`, `</TabItem>`, `<Tabs …>` and `</Tabs>` tags of an HTML block, in order.
    static func tags(in text: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: #"</?Tab(s|Item)\b[^>]*>"#)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { Range($0.range, in: text).map { String(text[$0]) } }
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
}
