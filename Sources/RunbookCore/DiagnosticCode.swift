/// The catalog of diagnostic codes, for every stage and every output format:
/// a stable code, a name, a one-line summary, and how serious it is unless a
/// project says otherwise. RB1xx are lint rules (the extractor reports RB102
/// too), RB2xx the drifts `check` finds, RB3xx what `prove` finds.
public enum DiagnosticCode: String, CaseIterable, Sendable {
    case placeholderNotParameter = "RB101"
    case interactiveCommand = "RB102"
    case manualStep = "RB103"
    case destructiveWithoutBackup = "RB104"
    case noUndoAfterBackup = "RB105"
    case cdDoesNotCarry = "RB106"
    case ambiguousConsoleBlock = "RB107"
    case unknownDirectiveOrRole = "RB108"
    case unattachedAnnotation = "RB109"
    case fileByHand = "RB110"
    case missingInclude = "RB111"
    case checkNotVerified = "RB112"
    case undoDeletesUncreated = "RB113"
    case driftChanged = "RB201"
    case driftMissing = "RB202"
    case driftHandEdited = "RB203"
    case driftOrphaned = "RB204"
    case driftInvalid = "RB205"
    case proveNotRestored = "RB301"
    case proveResumeDiffers = "RB302"
    case proveNoUndo = "RB303"
    case proveRunFailed = "RB304"
    case proveNotReached = "RB305"
    case proveFingerprintBlind = "RB306"

    /// The lint rules, RB1xx.
    public static var lintRules: [DiagnosticCode] { allCases.filter { $0.rawValue.hasPrefix("RB1") } }
    /// The drifts of `check`, RB2xx.
    public static var drifts: [DiagnosticCode] { allCases.filter { $0.rawValue.hasPrefix("RB2") } }

    /// The findings of `prove`, RB3xx.
    public static var proofs: [DiagnosticCode] { allCases.filter { $0.rawValue.hasPrefix("RB3") } }

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
        case .fileByHand: "file-by-hand"
        case .missingInclude: "missing-include"
        case .checkNotVerified: "check-not-verified"
        case .undoDeletesUncreated: "undo-deletes-uncreated"
        case .driftChanged: "drift-changed"
        case .driftMissing: "drift-missing"
        case .driftHandEdited: "drift-hand-edited"
        case .driftOrphaned: "drift-orphaned"
        case .driftInvalid: "drift-invalid"
        case .proveNotRestored: "prove-not-restored"
        case .proveResumeDiffers: "prove-resume-differs"
        case .proveNoUndo: "prove-no-undo"
        case .proveRunFailed: "prove-run-failed"
        case .proveNotReached: "prove-not-reached"
        case .proveFingerprintBlind: "prove-fingerprint-blind"
        }
    }

    public var summary: String {
        switch self {
        case .placeholderNotParameter: "A placeholder in a command that is not a parameter: the script would run it as written."
        case .interactiveCommand: "A command that waits for a person (an editor, a pager, a shell, a client with no command)."
        case .manualStep: "A step with prose and no command: the script shows it and waits for confirmation."
        case .destructiveWithoutBackup: "A destructive command with no backup earlier in the procedure."
        case .noUndoAfterBackup: "A state-changing step after a backup, with nothing to roll back to that backup."
        case .cdDoesNotCarry: "A 'cd', 'export' or 'source' where it cannot carry on: a sh block, an undo action."
        case .ambiguousConsoleBlock: "A console block where a line with no prompt looks like a command: it is read as output."
        case .unknownDirectiveOrRole: "A directive or role neither docutils nor Sphinx knows: its content is not read."
        case .unattachedAnnotation: "A runbook annotation where no step reads it (in a table, a list, a note): it has no effect."
        case .missingInclude: "An include whose file is not in the tree: its text is missing (build stops; ast, plan and lint go on)."
        case .checkNotVerified: "A step whose text says to check something, with no postcondition: the step counts as done whatever the check would show."
        case .undoDeletesUncreated: "An undo that deletes a path the step may not have created: a rerun where it already exists would delete it."
        case .fileByHand: "A file's content the page gives for a named file, left to the operator: write=, merge= or append= would write it with an undo."
        case .driftChanged: "A step differs between the doc and the generated script."
        case .driftMissing: "A doc has no generated script or manifest."
        case .driftHandEdited: "A generated script was edited by hand."
        case .driftOrphaned: "A generated output whose doc is gone."
        case .driftInvalid: "A manifest that fails strict reading."
        case .proveNotRestored: "After a fault at this step the rollback did not give back the world of before the run."
        case .proveResumeDiffers: "After a kill at this step, --resume did not reach the world a clean run leaves."
        case .proveNoUndo: "After a fault at this step the world keeps the changes of steps that have no undo."
        case .proveRunFailed: "A run of the proof ended as its case does not allow (rollback failed, timed out, wrong exit status)."
        case .proveNotReached: "A run with a fault at this step never got to it (its condition was false)."
        case .proveFingerprintBlind: "The clean run changed nothing the fingerprint shows, so the proof shows nothing."
        }
    }

    public var defaultSeverity: Diagnostic.Severity {
        switch self {
        case .manualStep, .checkNotVerified: .note
        case .driftChanged, .driftMissing, .driftHandEdited, .driftOrphaned, .driftInvalid: .error
        case .proveNotRestored, .proveResumeDiffers, .proveRunFailed: .error
        case .proveNotReached: .note
        default: .warning
        }
    }
}
