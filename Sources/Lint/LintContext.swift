import DocumentTree
import Foundation
import RunbookCore
import StepAST

/// What the rules look at: the doc's tree, the steps extracted from it, and
/// the annotations the steps read. Rules append findings.
struct LintContext {
    let document: Document
    let procedure: Procedure
    let readAnnotations: Set<Int>
    var findings: [Diagnostic] = []

    var path: String { document.source.path }

    mutating func report(_ rule: LintRule, _ position: SourcePosition, _ message: String, fix: String? = nil, subject: String? = nil) {
        var finding = Diagnostic(rule.defaultSeverity, path, position, message, code: rule.code, fix: fix)
        finding.subject = subject
        findings.append(finding)
    }

    /// The commands steps run and their undo actions, in document order, with their steps.
    var commands: [(step: Step, command: Command, isUndo: Bool)] {
        procedure.steps.filter { !$0.skipped }.flatMap { step in
            step.commands.map { (step, $0, false) } + step.undo.map { (step, $0, true) }
        }
    }

    /// Where a command's text starts in the doc: its first line, at the first non-blank column.
    func position(of command: Command) -> SourcePosition {
        let line = document.source.line(command.range.start.line)
        let column = command.range.start.column > 1 ? command.range.start.column : line.utf8.prefix { $0 == 0x20 }.count + 1
        return SourcePosition(line: command.range.start.line, column: column)
    }

    /// Where a part of a command's text stands in the doc: the line of a
    /// script block that holds it (the text keeps the block's lines), at the
    /// column where the doc's line has it.
    func position(of command: Command, at range: Range<String.Index>) -> SourcePosition {
        let lineOffset = command.text[..<range.lowerBound].filter { $0 == "\n" }.count
        let number = command.range.start.line + lineOffset
        guard lineOffset > 0, number <= command.range.end.line, number <= document.source.lineCount else { return position(of: command) }
        let line = document.source.line(number)
        guard let found = line.range(of: command.text[range]) else { return position(of: command) }
        return SourcePosition(line: number, column: line.distance(from: line.startIndex, to: found.lowerBound) + 1)
    }
}

extension String {
    /// The words of a shell command's first line, `sudo` and its options dropped.
    var commandWords: [String] {
        ShellWords.afterSudo(split(separator: "\n").first ?? "", keeping: ["-i", "-s"])
    }

    func matches(_ pattern: String) -> Bool {
        range(of: pattern, options: [.regularExpression, .caseInsensitive]) != nil
    }
}
