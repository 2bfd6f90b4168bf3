import DocumentTree
import Extraction
import Foundation
import RunbookCore
import StepAST

/// RB108 unknown-directive-or-role (the README's Lint section has its bad and good examples).
extension LintContext {
    static let knownDirectives: Set<String> = [
        // docutils
        "attention", "caution", "danger", "error", "hint", "important", "note", "tip", "warning", "admonition", "image", "figure",
        "topic", "sidebar", "line-block", "parsed-literal", "code", "code-block", "sourcecode", "math", "rubric", "epigraph",
        "highlights", "pull-quote", "compound", "container", "table", "csv-table", "list-table", "contents", "sectnum",
        "section-numbering", "header", "footer", "target-notes", "meta", "replace", "unicode", "date", "include", "raw", "class",
        "role", "default-role", "title",
        // Sphinx
        "toctree", "versionadded", "versionchanged", "deprecated", "versionremoved", "seealso", "only", "ifconfig", "glossary",
        "hlist", "centered", "index", "tabularcolumns", "productionlist", "literalinclude", "highlight", "todo", "todolist",
        "automodule", "autoclass", "autofunction", "automethod", "autoattribute", "autodata", "py:function", "py:class",
        "py:method", "py:module", "function", "class", "method", "module", "data", "exception", "attribute", "envvar", "option",
        "program", "describe", "object", "currentmodule", "sectionauthor", "codeauthor", "moduleauthor", "graphviz", "digraph",
        // Extensions runbook reads: sphinx-tabs, sphinx-design, sphinx-prompt
        "tabs", "tab", "group-tab", "code-tab", "tab-set", "tab-item", "prompt",
    ]
    /// Names the RST reader gives constructs that are not directives.
    static let internalNames: Set<String> = ["cell", "target", "substitution_definition", "footnote", "definition_list", "field_list", "option_list"]

    static let knownRoles: Set<String> = [
        "emphasis", "literal", "code", "math", "pep-reference", "pep", "rfc-reference", "rfc", "strong", "subscript", "sub",
        "superscript", "sup", "title-reference", "title", "t", "abbreviation", "ab", "acronym", "ac", "raw",
        "ref", "doc", "term", "any", "download", "numref", "envvar", "token", "keyword", "option", "abbr", "command", "dfn",
        "file", "guilabel", "kbd", "mailheader", "makevar", "manpage", "menuselection", "mimetype", "newsgroup", "program",
        "regexp", "samp", "class", "func", "meth", "mod", "attr", "exc", "data", "obj", "const", "program",
    ]

    mutating func unknownDirectivesAndRoles() {
        guard ["rst", "rest", "txt"].contains((path as NSString).pathExtension.lowercased()) else { return }
        var defined = Set<String>()
        for line in document.source.lines where line.hasPrefix(".. role:: ") {
            defined.insert(String(line.dropFirst(10).prefix { $0 != "(" && $0 != " " }))
        }
        document.root.walk { node in
            guard case .directive(let name, _) = node.kind, node.origin == nil, !Self.internalNames.contains(name),
                  !Self.knownDirectives.contains(name), !name.contains(":") || !Self.knownDirectives.contains(String(name.split(separator: ":").last!)) else { return }
            report(.unknownDirectiveOrRole, node.range.start, "unknown directive '\(name)': neither docutils nor Sphinx has it, so runbook does not read its content",
                   fix: "check the name, or use a directive runbook reads (code-block, note, ...)")
        }
        let regex = try! NSRegularExpression(pattern: #"(?<![\w`:]):([A-Za-z][\w+.-]*(?::[\w+.-]+)?):`"#)
        var inLiteral = false
        for (index, line) in document.source.lines.enumerated() {
            // Literal blocks show markup as text: skip lines after `::` that are indented.
            let text = String(line)
            if text.hasSuffix("::") { inLiteral = true; continue }
            if inLiteral { if text.first == " " || text.isEmpty { continue } else { inLiteral = false } }
            for match in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                guard let range = Range(match.range(at: 1), in: text) else { continue }
                let role = String(text[range])
                let bare = String(role.split(separator: ":").last ?? "")
                guard !Self.knownRoles.contains(role.lowercased()), !Self.knownRoles.contains(bare.lowercased()), !defined.contains(role) else { continue }
                let column = text[..<range.lowerBound].utf8.count
                report(.unknownDirectiveOrRole, SourcePosition(line: index + 1, column: column),
                       "unknown role ':\(role):': neither docutils nor Sphinx has it", fix: "check the name, or define it with '.. role:: \(role)'")
            }
        }
    }
}
