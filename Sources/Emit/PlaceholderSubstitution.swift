import Foundation
import StepAST

/// Replaces a parameter's placeholder in a command with a reference its
/// interpreter expands as data, never as code, in the form the placeholder's
/// lexical context needs (`ShellPlaceholders`, `SQLPlaceholders`).
public enum PlaceholderSubstitution {
    static func apply(_ parameters: [Parameter], to command: Command) -> String {
        substitute(parameters, in: command).text
    }

    /// Placeholders that cannot be replaced where they stand: compile errors, at the command.
    public static func problems(_ parameters: [Parameter], in command: Command) -> [String] {
        substitute(parameters, in: command).problems
    }

    static func substitute(_ parameters: [Parameter], in command: Command) -> (text: String, problems: [String]) {
        let pairs = parameters.filter { appears($0, in: command) }.compactMap { parameter in parameter.placeholder.map { ($0, parameter.name) } }
        guard !pairs.isEmpty else { return (command.text, []) }
        switch command.interpreter {
        case .bash, .sh: return ShellPlaceholders.substitute(command.text, pairs)
        case .psql: return SQLPlaceholders.substitute(command.text, pairs)
        case .python: return PythonPlaceholders.substitute(command.text, pairs)
        case .mysql: return MySQLPlaceholders.substitute(command.text, pairs)
        case .file: return (FilePlaceholders.substitute(command.text, pairs), [])
        }
    }

    /// Whether the parameter's placeholder (a non-empty one) stands in the command's text.
    static func appears(_ parameter: Parameter, in command: Command) -> Bool {
        guard let placeholder = parameter.placeholder, !placeholder.isEmpty else { return false }
        return command.text.contains(placeholder)
    }

    /// Parameters whose placeholder appears in a command.
    static func names(used command: Command, in parameters: [Parameter]) -> [String] {
        parameters.filter { appears($0, in: command) }.map(\.name)
    }

    /// Parameters whose placeholder appears in a step's commands or undo actions.
    static func parameters(used step: Step, in procedure: Procedure) -> [String] {
        procedure.parameters.filter { parameter in (step.commands + step.undo).contains { appears(parameter, in: $0) } }.map(\.name)
    }

    /// Parameters with no default used only by steps with a condition: preflight
    /// cannot know whether they will be needed, so the step that uses them checks.
    static func lazyParameters(_ procedure: Procedure) -> Set<String> {
        var lazy = Set<String>()
        for parameter in procedure.parameters where parameter.defaultValue == nil {
            let users = procedure.steps.filter { !$0.skipped && parameters(used: $0, in: procedure).contains(parameter.name) }
            if !users.isEmpty && users.allSatisfy({ $0.condition != nil }) { lazy.insert(parameter.name) }
        }
        return lazy
    }
}

/// A file's content is data: a placeholder becomes the marker
/// `@@RUNBOOK_VALUE:NAME@@`, which the runtime replaces with the value as it is
/// (rb_file), so no value is ever read as shell.
enum FilePlaceholders {
    static func substitute(_ text: String, _ placeholders: [(String, String)]) -> String {
        var out = text
        for (placeholder, name) in placeholders.sorted(by: { $0.0.count > $1.0.count }) {
            out = out.replacingOccurrences(of: placeholder, with: MySQLPlaceholders.markerPrefix + name + "@@")
        }
        return out
    }
}

/// Python: a placeholder standing as an expression becomes the environment
/// variable's value; one inside a string literal is reported (closing the
/// literal around it would change what the neighbouring operators apply to).
enum PythonPlaceholders {
    static func substitute(_ text: String, _ placeholders: [(String, String)]) -> (text: String, problems: [String]) {
        var out = ""
        var problems: [String] = []
        var quote: Character?
        var index = text.startIndex
        let sorted = placeholders.sorted { $0.0.count > $1.0.count }
        while index < text.endIndex {
            let rest = text[index...]
            if let (placeholder, name) = sorted.first(where: { rest.hasPrefix($0.0) }) {
                if quote == nil {
                    out += "__import__('os').environ['\(name)']"
                } else {
                    problems.append("the placeholder of \(name) is inside a Python string literal: write it outside the quotes, as an expression")
                    out += placeholder
                }
                index = text.index(index, offsetBy: placeholder.count)
                continue
            }
            let c = text[index]
            if c == "\\", quote != nil {
                out.append(c)
                index = text.index(after: index)
                if index < text.endIndex { out.append(text[index]); index = text.index(after: index) }
                continue
            }
            if c == "#", quote == nil {
                while index < text.endIndex && text[index] != "\n" { out.append(text[index]); index = text.index(after: index) }
                continue
            }
            if c == "'" || c == "\"" {
                if quote == nil { quote = c } else if quote == c { quote = nil }
            }
            out.append(c)
            index = text.index(after: index)
        }
        return (out, problems)
    }
}
