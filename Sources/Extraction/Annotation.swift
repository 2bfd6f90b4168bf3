import RunbookCore

/// A `runbook:` comment: `<!-- runbook: key=value ... -->` in Markdown,
/// `.. runbook: key=value ...` in RST. Invisible in rendered docs.
public struct Annotation: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var key: Key
        /// nil for a bare flag such as `manual` or `skip`.
        public var value: String?
        public var position: SourcePosition
    }

    /// Every key runbook understands. An unknown key is an error.
    public enum Key: String, Sendable, CaseIterable {
        case id, run, undo, capture, param, when, interpreter, user, cwd, manual, skip, confirm
        /// Modifiers of `param`.
        case placeholder, pattern, `default`, description
        /// The parameter's value is a secret: kept out of the journal, the log and the dry run.
        case secret
        /// Table rows as steps (`rows`, with `title`), and expected output (`expect`).
        case rows, title, expect
        /// Lint rules silenced for the next block (or the step, right under its heading): `ignore=RB104,RB105`.
        case ignore
        /// The step's undo runs in every rollback, even after another undo failed
        /// (starting a service again): it depends on no later step's undo.
        case undoAlways = "undo-always"
        /// The step has no undo of its own: an earlier step's undo reverses it
        /// (a migration, by restoring the database dump), so a rollback counts it undone.
        case undoneBy = "undone-by"
        /// The block is a file's content: the whole file (`write=PATH`), keys to
        /// set in it (`merge=PATH`), or lines to add at its end (`append=PATH`).
        case write, merge, append
        /// A postcondition: a command that must succeed once the step's commands
        /// ran (`verify-for=SECONDS` retries it that long), or the step failed.
        case verify
        case verifyFor = "verify-for"
        /// The step is already at its target when this command succeeds
        /// (`creates=PATH`: when PATH exists): it is skipped, unchanged, with nothing to undo.
        case doneWhen = "done-when"
        case creates
        /// A check run in the preflight, before anything changes (access to a
        /// socket, a tool's version, a tag present): when it fails, nothing runs.
        case preflight
        /// The step changes nothing a rollback could put back (telling users,
        /// fetching tags): done, it does not make a rollback partial.
        case changesNothing = "changes-nothing"
        /// The next block is shown to the operator, not run (a reviewed
        /// reading: an example, a file's text, output).
        case show
        /// The section is a step of the procedure's sequence, not one of
        /// alternative sections ("Install PHP" then "Update Composer").
        case inSequence = "in-sequence"

        var isParameterModifier: Bool { [.placeholder, .pattern, .default, .description, .secret].contains(self) }
        /// Keys that may stand without a value.
        var isFlag: Bool { [.manual, .skip, .confirm, .rows, .expect, .undoAlways, .secret, .changesNothing, .show, .inSequence].contains(self) }
        /// Keys that describe the code block right after the annotation, when there is one.
        var attachesToBlock: Bool { [.interpreter, .capture, .skip, .show, .undo, .when, .write, .merge, .append].contains(self) }
    }

    public var entries: [Entry]
    public var range: SourceRange

    public func values(_ key: Key) -> [Entry] { entries.filter { $0.key == key } }
    public func first(_ key: Key) -> Entry? { entries.first { $0.key == key } }
    public func has(_ key: Key) -> Bool { first(key) != nil }
}
