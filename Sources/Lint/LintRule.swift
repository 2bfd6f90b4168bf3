import RunbookCore

/// Every lint rule: a stable code, a one-line name, and how serious it is unless configured.
public enum LintRule: String, CaseIterable, Sendable {
    case placeholderNotParameter = "RB101"
    case interactiveCommand = "RB102"
    case manualStep = "RB103"
    case destructiveWithoutBackup = "RB104"
    case noUndoAfterBackup = "RB105"
    case cdDoesNotCarry = "RB106"
    case ambiguousConsoleBlock = "RB107"
    case unknownDirectiveOrRole = "RB108"
    case unattachedAnnotation = "RB109"

    public var code: String { rawValue }

    public var name: String {
        switch self {
        case .placeholderNotParameter: "placeholder-not-parameter"
        case .interactiveCommand: "interactive-command"
        case .manualStep: "manual-step"
        case .destructiveWithoutBackup: "destructive-without-backup"
        case .noUndoAfterBackup: "no-undo-after-backup"
        case .cdDoesNotCarry: "cd-does-not-carry"
        case .ambiguousConsoleBlock: "ambiguous-console-block"
        case .unknownDirectiveOrRole: "unknown-directive-or-role"
        case .unattachedAnnotation: "unattached-annotation"
        }
    }

    public var summary: String {
        switch self {
        case .placeholderNotParameter: "A placeholder in a command that is not a parameter: the script would run it as written."
        case .interactiveCommand: "A command that waits for a person (an editor, a pager, a shell, a client with no command)."
        case .manualStep: "A step with prose and no command: the script shows it and waits for confirmation."
        case .destructiveWithoutBackup: "A destructive command with no backup earlier in the procedure."
        case .noUndoAfterBackup: "A state-changing step after a backup, with nothing to roll back to that backup."
        case .cdDoesNotCarry: "A 'cd' alone: each command runs in its own shell, so the next one does not see it."
        case .ambiguousConsoleBlock: "A console block where a line with no prompt looks like a command: it is read as output."
        case .unknownDirectiveOrRole: "A directive or role neither docutils nor Sphinx knows: its content is not read."
        case .unattachedAnnotation: "A runbook annotation where no step reads it (in a table, a list, a note): it has no effect."
        }
    }

    public var defaultSeverity: Diagnostic.Severity {
        switch self {
        case .manualStep: .note
        default: .warning
        }
    }
}
