import DocumentTree
import StepAST

/// Reading convention `table-footnotes`: the items `(2) …` of an enumerated list
/// are footnotes, which a table cell ending in `(2)` points at (TableRows.swift
/// shows them before the row's step and asks for confirmation).
extension ExtractionContext {
    /// Items of an enumerated list written `(2) text` are the footnotes a table's cells refer to with `(2)`.
    /// Returns the label of the list's last item when it is one.
    func collectFootnotes(_ list: Node, into draft: inout StepDraft) -> String? {
        var last: String?
        for item in list.children {
            last = nil
            let line = source.line(item.range.start.line)
            let bytes = Array(line.utf8.dropFirst(item.range.start.column - 1))
            guard let marker = Self.parenthesisedNumber(bytes) else { continue }
            draft.footnotes[marker] = Notice(kind: "note", text: Self.itemText(item), range: item.range)
            last = marker
        }
        return last
    }

    /// "(12) rest" → "12", from the bytes at an item's start.
    static func parenthesisedNumber(_ bytes: [UInt8]) -> String? {
        guard bytes.first == UInt8(ascii: "(") else { return nil }
        let digits = bytes.dropFirst().prefix { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
        guard !digits.isEmpty, bytes.count > digits.count + 1, bytes[digits.count + 1] == UInt8(ascii: ")") else { return nil }
        return String(decoding: digits, as: UTF8.self)
    }
}
