import DocumentTree

/// Reading convention `announced-command`: "… la commande :" followed by an
/// indented line, which RST reads as a block quote, announces a command.
extension ExtractionContext {
    /// A block quote of plain lines right after a paragraph ending in ":" → a code block.
    static func announcedCommand(_ node: Node, after previous: Node?) -> Node? {
        guard case .blockQuote = node.kind, case .paragraph(let intro)? = previous?.kind,
              intro.trimmingCharacters(in: .whitespaces).hasSuffix(":"),
              !node.children.isEmpty,
              node.children.allSatisfy({ if case .paragraph(let text) = $0.kind { !text.contains("\n") } else { false } }) else { return nil }
        let text = node.children.map(\.plainText).joined(separator: "\n")
        return Node(.codeBlock(language: nil, text: text, contentLine: node.range.start.line), node.range)
    }
}
