import DocumentTree
import Extraction
import Foundation
import RunbookCore
import StepAST

/// RB107 ambiguous-console-block (the README's Lint section has its bad and good examples).
extension LintContext {
    static let commandWords: Set<String> = [
        "sudo", "git", "python", "python3", "pip", "systemctl", "service", "psql", "cd", "ls", "cp", "mv", "rm", "mkdir", "docker",
        "kubectl", "apt", "apt-get", "npm", "make", "curl", "wget", "export", "poetry", "supervisorctl", "chmod", "chown", "tar", "ln",
    ]

    /// In a transcript, a line with no prompt is output; one that reads like a command probably lost its prompt.
    /// In a block whose language says nothing, read by its content, the reading may be unsure.
    mutating func ambiguousConsoleBlocks() {
        unsureBlocks()
        document.root.walk { node in
            guard case .codeBlock(let language, let text, let contentLine) = node.kind, Interpreter.forLanguage(language) == .bash else { return }
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let prompts = lines.map { ConsoleTranscript.hasPrompt($0, language: language) }
            guard prompts.contains(true) else { return }
            var previousContinues = false
            for (index, line) in lines.enumerated() {
                defer { previousContinues = line.hasSuffix("\\\\") }
                guard !prompts[index], !previousContinues, let word = line.split(separator: " ").first.map(String.init),
                      Self.commandWords.contains(word) else { continue }
                report(.ambiguousConsoleBlock, SourcePosition(line: contentLine + index, column: 1),
                       "'\(line)' has no prompt, so it is read as output of the command above, not run",
                       fix: "put the prompt ('$ ') before it if it is a command, or the output in a block of its own")
            }
        }
    }

    /// An annotation as this page writes one: an HTML comment in Markdown, an RST comment.
    func annotation(_ keys: String) -> String {
        document.source.path.hasSuffix(".rst") ? "'.. runbook: \(keys)'" : "'<!-- runbook: \(keys) -->'"
    }

    /// A block read by its content as output or configuration although some of
    /// its lines look like commands: runbook shows it; the page may mean it to run.
    mutating func unsureBlocks() {
        // What extraction decided: only blocks it showed as output for want of better evidence.
        let guessed = Dictionary(procedure.steps.flatMap(\.shown).filter { $0.reason == BlockClassifier.outputByDefault }.map { ($0.line, $0) }) { a, _ in a }
        document.root.walk { node in
            guard case .codeBlock(_, let text, let contentLine) = node.kind, let shown = guessed[contentLine],
                  let line = BlockClassifier.commandLikeLines(shown.text).first else { return }
            report(.ambiguousConsoleBlock, SourcePosition(line: contentLine + line, column: 1),
                   "this block is read as output (\(shown.reason)), though this line looks like a command: it is shown, not run",
                   fix: "to run it, put \(annotation("interpreter=bash")) on the line before the block; "
                       + "or give the block a language (bash, or text for output) so that its reading is not a guess")
            _ = text
        }
    }
}
