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
    mutating func ambiguousConsoleBlocks() {
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
}
