import Foundation
import StepAST

/// Replaces a parameter's placeholder in a command with a reference the
/// interpreter expands as data, never as code.
enum PlaceholderSubstitution {
    static func apply(_ parameters: [Parameter], to command: Command) -> String {
        guard command.interpreter == .psql else { return replace(parameters, in: command.text, command.interpreter) }
        // In a psql meta-command (`\i <dir>/sql/uninstall.sql`) the value is part of an
        // argument: psql's unquoted `:NAME` pastes it in as text, never as a command.
        return command.text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.trimmingCharacters(in: .whitespaces).hasPrefix("\\")
                ? replace(parameters, in: String(line), nil) : replace(parameters, in: String(line), .psql)
        }.joined(separator: "\n")
    }

    private static func replace(_ parameters: [Parameter], in text: String, _ interpreter: Interpreter?) -> String {
        var text = text
        for parameter in parameters {
            guard let placeholder = parameter.placeholder, !placeholder.isEmpty else { continue }
            text = text.replacingOccurrences(of: placeholder, with: interpreter.map { reference(parameter.name, $0) } ?? ":\(parameter.name)")
        }
        return text
    }

    /// Parameters whose placeholder appears in a step's commands or undo actions.
    static func parameters(used step: Step, in procedure: Procedure) -> [String] {
        procedure.parameters.filter { parameter in
            guard let placeholder = parameter.placeholder, !placeholder.isEmpty else { return false }
            return (step.commands + step.undo).contains { $0.text.contains(placeholder) }
        }.map(\.name)
    }

    /// Parameters with no default used only by steps with a condition: preflight
    /// cannot know whether they will be needed, so the step that uses them checks.
    static func lazyParameters(_ procedure: Procedure) -> Set<String> {
        var lazy = Set<String>()
        for parameter in procedure.parameters where parameter.defaultValue == nil {
            let users = procedure.steps.filter { !$0.skipped && parameters(used: $0, in: procedure).contains(parameter.name) }
            if !users.isEmpty && users.allSatisfy({ $0.parsedCondition != nil }) { lazy.insert(parameter.name) }
        }
        return lazy
    }

    static func reference(_ name: String, _ interpreter: Interpreter) -> String {
        switch interpreter {
        case .bash, .sh: return "\"${\(name)}\""
        // psql interpolates its own variables, quoted as an SQL literal.
        case .psql: return ":'\(name)'"
        case .python: return "__import__('os').environ['\(name)']"
        }
    }
}
