import DocumentTree

/// Pass `highlight-directive`: Sphinx's `.. highlight:: console` sets the
/// language of the literal blocks after it (`::`, a `code-block` with no
/// language) up to the next `highlight`, as Sphinx renders them; `none` and
/// `text` say the blocks are not a program's. Blocks with a language keep theirs.
enum HighlightDirective {
    /// The tree with those blocks' languages, and the lines of the blocks it gave one.
    static func apply(_ root: Node) -> (Node, [Int: String]) {
        var language: String?
        var given: [Int: String] = [:]
        return (rewrite(root, &language, &given), given)
    }

    private static func rewrite(_ node: Node, _ language: inout String?, _ given: inout [Int: String]) -> Node {
        var node = node
        switch node.kind {
        case .directive(let name, let argument) where name.lowercased() == "highlight":
            language = argument.split(separator: " ").first.map(String.init)
        case .codeBlock(nil, let text, let line):
            if let language {
                node.kind = .codeBlock(language: language, text: text, contentLine: line)
                given[line] = language
            }
        default:
            break
        }
        node.children = node.children.map { rewrite($0, &language, &given) }
        return node
    }
}
