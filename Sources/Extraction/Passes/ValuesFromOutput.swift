import Foundation
import RunbookCore
import StepAST

/// Pass values-from-output: a command that names an identifier the page showed
/// before, in what a command printed (`restic snapshots` listing snapshot
/// `79766175`, then `restic restore 79766175 …`; `kopia ls -l` listing object
/// `8c9e27bed2f577b31b07b07da4bdfffb`, then `kopia show 8c9e27…`), uses the
/// author's value: the operator's run prints another one. It is shown with the
/// value it needs, never run with the author's.
///
/// An identifier is a word of 8 characters or more, mostly hexadecimal digits
/// and with a digit in it (snapshot, object, container and commit ids), or a UUID; "before" means
/// on an earlier line of the page that is no command's (an output line of a
/// transcript, an output block, a sentence). A commit the page pins
/// (`git checkout 3f2a9c1d…` with the id nowhere else) still runs.
enum ValuesFromOutput {
    static func apply(to steps: inout [Step], source: SourceFile) {
        let lines = source.text.split(separator: "\n", omittingEmptySubsequences: false)
        var commandLines = Set<Int>()
        for step in steps {
            for command in step.commands { commandLines.formUnion(command.range.start.line...max(command.range.start.line, command.range.end.line)) }
        }
        // Each id's first line of the page that is no command's, read once.
        var shownFirst: [String: Int] = [:]
        for (offset, text) in lines.enumerated() where !commandLines.contains(offset + 1) {
            for value in identifiers(in: String(text)) where shownFirst[value] == nil { shownFirst[value] = offset + 1 }
        }
        for index in steps.indices where !steps[index].skipped {
            var found: [Int: (value: String, line: Int)] = [:]
            for (position, command) in steps[index].commands.enumerated() where command.interpreter.isShell {
                // A command of an included file stands on lines of that file, not this page's.
                guard command.range.start.line <= lines.count + 1 else { continue }
                for value in identifiers(in: command.text) {
                    if let line = shownFirst[value], line < command.range.start.line {
                        found[position] = (value, line)
                        break
                    }
                }
            }
            let moved = steps[index].showInsteadOfRunning(
                at: found.keys.sorted(),
                because: { position in
                    let (value, line) = found[position]!
                    return "it uses '\(value)', a value line \(line) shows the page's own run printing: the operator's differs"
                },
                pass: ReadingPass.valuesFromOutput.rawValue)
            if moved > 0, steps[index].commands.isEmpty, steps[index].kind == .command { steps[index].kind = .notice }
        }
    }

    /// The identifier-shaped words of TEXT, in order.
    static func identifiers(in text: String) -> [String] {
        let uuid = /[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/
        var found = text.matches(of: uuid).map { String($0.output).lowercased() }
        // Words between separators (a path's or a version's parts are no ids: `/`, `.`, `-`, `_` keep them whole).
        let words = text.split { !($0.isASCII && ($0.isLetter || $0.isNumber || "_.-/".contains($0))) }
        for word in words.map(String.init) where (8...64).contains(word.count) && word.allSatisfy({ $0.isNumber || $0.isLowercase }) {
            // Mostly hexadecimal, as ids are (kopia's `kb9a8420…` is a letter and 32 hex digits).
            let hex = word.filter(\.isHexDigit).count
            if word.contains(where: \.isNumber), hex * 100 >= word.count * 85, !found.contains(word) { found.append(word) }
        }
        return found
    }
}
