import RunbookCore
import StepAST

/// Reading pass `poetry-shell`. `poetry shell` (or `pipenv shell`) opens an interactive subshell, and the doc's later commands are
/// typed into it. A script cannot type into a subshell, so the command becomes
/// a check that the environment exists, which also records where it is
/// (POETRY_ENV); every later command runs in it, as after `poetry shell`: the
/// runtime puts its `bin` first on PATH (one `poetry` process for the whole
/// run, not one per command), or uses `poetry run` where the path is unknown.
extension ExtractionContext {
    mutating func applyEnvironment(to draft: inout StepDraft) {
        var active = environment
        for index in draft.commands.indices {
            if let active { draft.commands[index].environment = active }
            if passes.contains(.poetryShell), draft.commands[index].interpreter.isShell, let entered = Self.shellEnvironment(draft.commands[index].text) {
                let shown = draft.commands[index].text.trimmingCharacters(in: .whitespaces)
                draft.commands[index].text = entered.check
                draft.commands[index].environment = nil
                draft.commands[index].isCheck = true
                draft.commands[index].capture = entered.capture
                active = entered
                draft.decide(draft.commands[index].range.start.line, .poetryShell, "a check of the environment, the later commands run in it",
                             "'\(shown)' opens an interactive subshell")
                // RB102 is the lint rule on interactive commands; `runbook lint` reports this note under it.
                let start = draft.commands[index].range.start
                let indent = source.line(start.line).utf8.prefix { $0 == 0x20 }.count
                diagnostics.append(Diagnostic(.note, source.path, SourcePosition(line: start.line, column: max(start.column, indent + 1)),
                    "'\(shown)' opens an interactive subshell: the script checks the environment with '\(entered.check)' and runs the later commands in it",
                    code: DiagnosticCode.interactiveCommand.code, fix: "write the commands as '\(entered.rawValue) run COMMAND', or keep '\(shown)' and let runbook do that"))
            }
        }
        for index in draft.undo.indices { draft.undo[index].environment = active }
        environment = active
    }

    /// `poetry shell` or `pipenv shell`: the environment it enters.
    static func shellEnvironment(_ text: String) -> Environment? {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard words.count == 2, words[1] == "shell" else { return nil }
        return Environment(rawValue: String(words[0]))
    }
}

