import ArgumentParser
import Extraction
import Foundation
import Pipeline
import Review
import RunbookCore

struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Ask about each decision the reading of a doc left open, and write each answer into the doc as an annotation.",
        discussion: """
        In page order: blocks shown but not run (answer run, show or skip), choices nothing on the host \
        settles (choice VALUE), placeholders no parameter declares (parameter NAME [description]), steps \
        that change something with no undo (undo "COMMAND", or changes-nothing), checks the page names \
        (expect "COMMAND": the step's postcondition), commands that need a terminal (run, manual or skip). \
        An empty answer, or leave, leaves the decision open. Each answer is written at once, in the doc's \
        own comment syntax, and the change to the generated script is shown; stop at any time, answers \
        already written are not asked again. With --answers, the answers come from a file, one per line \
        (# starts a comment), in the order the questions come.
        """)

    @Argument(help: "The doc to review.")
    var file: String

    @Option(help: "A file of answers, one per line, instead of the terminal.")
    var answers: String?

    func run() throws {
        let settings = try ProjectSettings.loadOrExit()
        _ = try DocumentLoader.readOrExit(file)
        let session = ReviewSession(path: file, passes: settings.passes, substitutions: settings.substitutions)
        do {
            if let answers {
                guard let data = FileHandle(forReadingAtPath: answers)?.readDataToEndOfFile(), let text = String(data: data, encoding: .utf8) else {
                    try DiagnosticPrinter.printAndExitOnError([.error(answers, SourcePosition(line: 1, column: 1), "cannot read the answers file")])
                    return
                }
                var conversation = AnswersFile(text: text)
                _ = try session.run(&conversation)
            } else {
                var conversation = TerminalConversation()
                _ = try session.run(&conversation)
            }
        } catch let diagnostic as Diagnostic {
            try DiagnosticPrinter.printAndExitOnError([diagnostic])
        }
    }
}

/// Questions on standard output, answers read from standard input: plain
/// prompts that work over SSH and in tmux.
struct TerminalConversation: ReviewConversation {
    // Written straight to the descriptor: a prompt must show before the answer is read.
    mutating func say(_ text: String) { FileHandle.standardOutput.write(Data((text + "\n").utf8)) }

    mutating func ask(_ prompt: String) -> String? {
        FileHandle.standardOutput.write(Data(prompt.utf8))
        return readLine(strippingNewline: true)
    }
}

/// Answers from a file, echoed after each prompt as if typed.
struct AnswersFile: ReviewConversation {
    var lines: [String]

    init(text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0).trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }

    mutating func say(_ text: String) { FileHandle.standardOutput.write(Data((text + "\n").utf8)) }

    mutating func ask(_ prompt: String) -> String? {
        guard !lines.isEmpty else { return nil }
        let answer = lines.removeFirst()
        say(prompt + answer)
        return answer
    }
}
