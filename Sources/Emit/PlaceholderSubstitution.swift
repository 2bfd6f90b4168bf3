import Foundation
import StepAST

/// Replaces a parameter's placeholder in a command with a reference the
/// interpreter expands as data, never as code.
enum PlaceholderSubstitution {
    static func apply(_ parameters: [Parameter], to command: Command) -> String {
        var text = command.text
        for parameter in parameters {
            guard let placeholder = parameter.placeholder, !placeholder.isEmpty else { continue }
            text = text.replacingOccurrences(of: placeholder, with: reference(parameter.name, command.interpreter))
        }
        return text
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
