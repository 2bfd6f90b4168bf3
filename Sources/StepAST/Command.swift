import Foundation
import RunbookCore

/// The program a command's text is given to.
public enum Interpreter: String, Sendable, Codable, CaseIterable {
    case sh, bash, psql, mysql, python
    /// Not a program: the text is written to a file (`Command.file`).
    case file

    /// Maps a code block's language (or an `interpreter=` value) to an interpreter;
    /// nil for languages that are not commands (output, config files, ...).
    public static func forLanguage(_ language: String?) -> Interpreter? {
        switch language?.lowercased() ?? "" {
        case "", "bash", "shell", "console", "shell-session", "shellsession", "zsh", "terminal": return .bash
        case "sh": return .sh
        case "sql", "psql", "postgresql", "postgres", "pgsql", "plpgsql": return .psql
        case "mysql", "mariadb": return .mysql
        case "python", "py", "python3", "pycon": return .python
        default: return nil
        }
    }
}

/// A project environment commands run in, instead of an interactive subshell.
public enum Environment: String, Sendable, Codable, CaseIterable {
    case poetry, pipenv

    /// The command that prints the environment's folder, run in place of `poetry shell`.
    public var check: String {
        switch self {
        case .poetry: "poetry env info --path"
        case .pipenv: "pipenv --venv"
        }
    }

    /// The value the folder is kept as, for the runtime (rb_exec).
    public var capture: String {
        switch self {
        case .poetry: "POETRY_ENV"
        case .pipenv: "PIPENV_ENV"
        }
    }
}

public struct Command: Sendable, Equatable {
    /// What the interpreter is given: prompts stripped, continuation lines joined.
    public var text: String
    /// `.file` exactly when `file` is set: both come from `init(writing:)`.
    public private(set) var interpreter: Interpreter
    public var range: SourceRange
    /// Name of a value this command's standard output is captured into.
    public var capture: String?
    /// Text the command's output must contain, or the step fails.
    public var expect: String?
    /// Where the command runs: nil, or `poetry` (through `poetry run`, after the doc's `poetry shell`).
    public var environment: Environment?
    /// A `when` on the block the command came from: one of several alternatives in a step.
    public var condition: When?
    /// A check runbook put in place of an interactive command: it changes nothing.
    public var isCheck = false
    /// The terminal the page types this command into (TerminalSession).
    public var terminal = TerminalState()
    /// A line that switches the terminal (a login, a client) instead of running.
    public var sessionAction: SessionAction?
    /// With interpreter `file`: the file the text goes to, and how.
    public private(set) var file: FileChange?

    /// A command run by INTERPRETER (a program: for a file, `init(writing:)`).
    public init(text: String, interpreter: Interpreter, range: SourceRange, capture: String? = nil, expect: String? = nil) {
        precondition(interpreter != .file, "a file is written with Command(writing:text:range:)")
        self.text = text
        self.interpreter = interpreter
        self.range = range
        self.capture = capture
        self.expect = expect
    }

    /// TEXT written to a file (write=, merge=, append=): no program runs it,
    /// so it has no output to keep or expect.
    public init(writing change: FileChange, text: String, range: SourceRange) {
        self.text = text
        self.interpreter = .file
        self.range = range
        self.file = change
    }
}

public struct Notice: Sendable, Equatable {
    /// note, warning, caution, danger, important, tip, ...
    public var kind: String
    public var text: String
    public var range: SourceRange

    public init(kind: String, text: String, range: SourceRange) {
        self.kind = kind
        self.text = text
        self.range = range
    }

    public var isWarning: Bool { ["warning", "caution", "danger", "attention", "error", "important"].contains(kind) }
}

/// A value the operator supplies, standing in the docs as a placeholder.
public struct Parameter: Sendable, Equatable {
    public var name: String
    public var description: String
    public var placeholder: String?
    public var defaultValue: String?
    /// An extended regular expression the whole value must match.
    public var pattern: String?
    /// Marked `secret`: its value never reaches the journal, the log or the dry run.
    public var secret = false
    /// A fact of the host the run takes the value from when none is given
    /// (`platform`: /etc/os-release), among the allowed values.
    public var hostFact: HostFact?
    /// A page's choice between alternatives (sections, tabs, labelled blocks): its allowed values.
    public var choices: [String]?
    public var range: SourceRange

    public init(name: String, description: String = "", placeholder: String? = nil, defaultValue: String? = nil,
                pattern: String? = nil, range: SourceRange) {
        self.name = name
        self.description = description
        self.placeholder = placeholder
        self.defaultValue = defaultValue
        self.pattern = pattern
        self.range = range
    }
}

/// What a script can learn of the host it runs on, to decide a choice.
public enum HostFact: String, Sendable, Codable {
    /// The operating system's family, from /etc/os-release (ID, then ID_LIKE) or uname.
    case platform
}

extension Parameter {
    /// A value is a secret when its parameter says so, or when its name says
    /// PASS, PASSWORD, SECRET, TOKEN or KEY (`GLANCE_DBPASS`, `API_KEY`): those
    /// values are kept out of the journal, the log and the dry run.
    public static func namesASecret(_ name: String) -> Bool {
        name.uppercased().split(separator: "_").contains { part in
            part.hasPrefix("PASS") || part.hasSuffix("PASS") || part.hasSuffix("PASSWORD")
                || ["SECRET", "TOKEN", "KEY", "APIKEY", "CREDENTIAL", "CREDENTIALS", "PASSPHRASE"].contains(part)
        }
    }
}
