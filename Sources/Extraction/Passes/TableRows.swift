import DocumentTree
import Foundation
import RunbookCore
import StepAST

/// A `rows` annotation makes each body row of the table after it a sub-step:
/// `{N}` in its `run`, `undo`, `when` and `title` stands for the row's N-th cell.
/// So a version table in the doc is the data the script's chain of steps comes from.
extension ExtractionContext {
    mutating func extractRows(_ table: Node, _ annotation: Annotation, parent: StepDraft, inherited: StepCondition?) {
        guard case .table(let rows) = table.kind else { return }
        guard annotation.has(.run) else {
            error(annotation.first(.rows)!.position, "'rows' needs run=: the command each row runs, with {N} for its N-th cell")
            return
        }
        var interpreter = Interpreter.bash
        if let entry = annotation.first(.interpreter) {
            guard let chosen = parseInterpreter(entry) else { return }
            interpreter = chosen
        }
        for (row, node) in zip(rows, table.children) {
            guard case .tableRow(header: false) = node.kind else { continue }
            let cells = row.map(Self.withoutFootnoteMarkers)
            var draft = StepDraft(title: title(annotation, cells), depth: parent.depth + 1, range: node.range)
            for entry in annotation.entries {
                switch entry.key {
                case .run, .undo:
                    guard let text = fill(entry, cells, inCommand: true, row: node) else { continue }
                    var command = Command(text: text, interpreter: interpreter, range: node.range)
                    if entry.key == .undo {
                        draft.undo.append(command)
                    } else {
                        if let expected = parent.expectation { command.expect = expectedOutput(expected, cells) }
                        draft.add([command])
                    }
                case .when:
                    guard let text = fill(entry, cells, inCommand: false, row: node) else { continue }
                    switch ConditionParser.parse(text) {
                    case .success(let condition): draft.condition = (When(text: text, condition: condition), entry.position)
                    case .failure(let failure): error(entry.position, "bad condition for the row at line \(node.range.start.line): \(failure.message)")
                    }
                case .rows, .title, .interpreter: break
                default:
                    error(entry.position, "'\(entry.key.rawValue)' cannot go with 'rows' (use run, undo, when, title, interpreter)")
                }
            }
            attachFootnotes(row, parent: parent, row: node, to: &draft)
            finish(draft, inherited: inherited)
        }
    }

    private func title(_ annotation: Annotation, _ cells: [String]) -> String {
        guard let template = annotation.first(.title)?.value else {
            return cells.filter { !$0.isEmpty }.joined(separator: " | ")
        }
        return Self.substitute(template, cells) ?? template
    }

    /// A cell that goes into a command must be a plain word: doc text never becomes code.
    private mutating func fill(_ entry: Annotation.Entry, _ cells: [String], inCommand: Bool, row: Node) -> String? {
        let template = entry.value ?? ""
        for reference in Self.references(template) where reference < 1 || reference > cells.count {
            error(entry.position, "{\(reference)} names no cell: the table has \(cells.count) columns")
            return nil
        }
        for reference in Self.references(template) {
            let cell = cells[reference - 1]
            if !Self.isPlainWord(cell) {
                error(row.range.start, "cell \(reference) of this row ('\(cell)') cannot go into a \(inCommand ? "command" : "condition"): only letters, digits and . _ - + / : @ are allowed")
                return nil
            }
        }
        return Self.substitute(template, cells)
    }

    /// The expected-output block with its `<placeholder>` replaced by the row's value.
    private func expectedOutput(_ expectation: (text: String, template: String?, position: SourcePosition), _ cells: [String]) -> String {
        guard let template = expectation.template, let value = Self.substitute(template, cells) else { return expectation.text }
        return expectation.text.replacingOccurrences(of: #"<[^<>\s]+>"#, with: NSRegularExpression.escapedTemplate(for: value), options: .regularExpression)
    }

    /// `(2)` at the end of a cell points at the `(2) ...` paragraph under the table:
    /// shown before the row's step, which then waits for confirmation.
    private mutating func attachFootnotes(_ row: [String], parent: StepDraft, row node: Node, to draft: inout StepDraft) {
        guard passes.contains(.tableFootnotes) else { return }
        for cell in row {
            for label in Self.footnoteMarkers(cell) {
                guard let notice = parent.footnotes[label] else {
                    warning(node.range.start, "no footnote '(\(label))' under the table for this row")
                    continue
                }
                draft.notices.append(notice)
                draft.confirm = true
                draft.decide(node.range.start.line, .tableFootnotes, "footnote (\(label)) shown, then a confirmation", "a cell of its row ends in '(\(label))'")
            }
        }
    }

    static func references(_ template: String) -> [Int] {
        matches(#"\{([0-9]+)\}"#, in: template).compactMap { Int($0) }
    }

    static func substitute(_ template: String, _ cells: [String]) -> String? {
        var result = template
        for reference in Set(references(template)) {
            guard reference >= 1, reference <= cells.count else { return nil }
            result = result.replacingOccurrences(of: "{\(reference)}", with: cells[reference - 1])
        }
        return result
    }

    static func footnoteMarkers(_ cell: String) -> [String] { matches(#"\(([0-9]+)\)"#, in: cell) }

    static func withoutFootnoteMarkers(_ cell: String) -> String {
        cell.replacingOccurrences(of: #"\s*\([0-9]+\)"#, with: "", options: .regularExpression).trimmingCharacters(in: .whitespaces)
    }

    static func isPlainWord(_ text: String) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "._-+/:@".unicodeScalars.contains($0)
        }
    }

    private static func matches(_ pattern: String, in text: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: pattern)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range(at: 1), in: text).map { String(text[$0]) }
        }
    }
}
