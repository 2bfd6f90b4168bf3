import DocumentTree

/// Reading pass `footnote-lists`: a footnote item `(2) … a pour conséquence
/// que :` ending in ":" announces the bullet list right after it, which is read
/// as part of that footnote.
extension ExtractionContext {
    /// Appends `list` to the footnote `label` of the step's tables.
    func extendFootnote(_ label: String, with list: Node, in draft: inout StepDraft) {
        draft.footnotes[label]?.text += "\n" + Self.listText(list)
        draft.decide(list.range.start.line, .footnoteLists, "part of footnote (\(label))", "the footnote's last item ends in ':'")
    }

    /// The label of a footnote list whose last item ends in ":": it announces what follows.
    static func announcingFootnote(_ list: Node, label: String?) -> String? {
        guard let label, list.children.last.map({ itemText($0).hasSuffix(":") }) == true else { return nil }
        return label
    }
}
