import RunbookCore

/// One block of a document, whatever format it was written in. Readers build
/// these; everything after the readers sees only this tree.
public struct Node: Sendable, Equatable {
    public var kind: NodeKind
    public var range: SourceRange
    public var children: [Node]
    /// The file the node was read from when it is not the document's own
    /// (RST `include`); its range is in that file.
    public var origin: String?
    /// A paragraph's code spans (Markdown's `code`, RST's ``literal``), as
    /// written: the text keeps them too, without their marks.
    public var codeSpans: [String] = []

    public init(_ kind: NodeKind, _ range: SourceRange, children: [Node] = [], origin: String? = nil) {
        self.kind = kind
        self.range = range
        self.children = children
        self.origin = origin
    }
}

/// The closed set of block kinds, so that every `switch` over them is complete.
public enum NodeKind: Sendable, Equatable {
    case document
    /// A heading and everything under it up to the next heading of the same or a higher level.
    case section(title: String, level: Int)
    /// Inline markup is reduced to plain text; soft line breaks stay as "\n".
    case paragraph(text: String)
    /// `contentLine` is the source line of the block's first content line.
    case codeBlock(language: String?, text: String, contentLine: Int)
    case blockQuote
    case list(ordered: Bool)
    case listItem
    /// note, warning, caution, tip, ...; `title` for a generic admonition.
    case admonition(kind: String, title: String?)
    /// A comment invisible in rendered output (Markdown HTML comment, RST comment).
    case comment(text: String)
    case thematicBreak
    case html(text: String)
    /// `rows` holds every row's cell text, header rows first; the children are
    /// `tableRow` nodes in the same order, each holding its cells' blocks.
    case table(rows: [[String]])
    /// One row of a table, with its own source range; `header` for header rows.
    case tableRow(header: Bool)
    /// A construct the reader keeps but runbook does not interpret.
    case directive(name: String, argument: String)
}

extension Node {
    /// Depth-first, parents before children.
    public func walk(_ visit: (Node) -> Void) {
        visit(self)
        for child in children { child.walk(visit) }
    }

    public var plainText: String {
        switch kind {
        case .paragraph(let text): return text
        case .codeBlock(_, let text, _): return text
        case .comment(let text), .html(let text): return text
        case .section(let title, _): return title
        default: return children.map(\.plainText).filter { !$0.isEmpty }.joined(separator: "\n\n")
        }
    }
}

/// A parsed document: the source it came from and the root node.
public struct Document: Sendable {
    public var source: SourceFile
    public var root: Node
    /// Warnings the reader recovered from.
    public var diagnostics: [Diagnostic]

    public init(source: SourceFile, root: Node, diagnostics: [Diagnostic] = []) {
        self.source = source
        self.root = root
        self.diagnostics = diagnostics
    }
}
