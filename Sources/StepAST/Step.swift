import RunbookCore

public struct Step: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// Has commands to run.
        case command
        /// Asks a person to do something and confirm.
        case manual
        /// Only informs: notes, or a heading over sub-steps.
        case notice
    }

    /// Stable: derived from the title (or given with `id=`), unique in the procedure.
    public var id: String
    public var title: String
    /// 1 for a top-level step, 2 for its sub-steps, and so on.
    public var depth: Int
    public var kind: Kind
    public var range: SourceRange
    /// Prose of the step itself, shown for manual steps.
    public var prose: String
    public var notices: [Notice]
    public var commands: [Command]
    public var undo: [Command]
    /// A `when` condition, as written and parsed.
    public var condition: When?
    public var user: String?
    public var workingDirectory: String?
    public var skipped: Bool
    /// Show the step's notes (and prose) and wait for the operator's confirmation before it runs.
    public var confirm = false
    /// Its undo runs in every rollback, even after another undo failed (`undo-always`).
    public var undoAlways = false
    /// The id of an earlier step whose undo also reverses this one (`undone-by`).
    public var undoneBy: String?
    /// A command that must succeed once the step's commands ran (`verify=`),
    /// retried for `verifyFor` seconds; when it fails, the step failed.
    public var verify: Command?
    public var verifyFor: Int?
    /// A command that succeeds when the step is already at its target
    /// (`done-when=`, `creates=`): the step is skipped, unchanged.
    public var doneWhen: Command?
    /// Checks run before anything changes (`preflight=`): the step's user,
    /// folder and parameters, no captured value yet. One failing stops the run.
    public var preflight: [Command] = []
    /// The author says the step changes nothing a rollback could put back (`changes-nothing`).
    public var declaredChangesNothing = false
    /// The author says the section is a step of the sequence, not one of alternative sections (`in-sequence`).
    public var inSequence = false
    /// The author says a person does the step (`manual`).
    public var declaredManual = false
    /// Code blocks that do not run (configuration, output), with why: shown to the operator.
    public var shown: [ShownBlock] = []
    /// How each of its blocks and choices was read, and by which reading pass: for `plan`.
    public var decisions: [ReadingDecision] = []

    /// The step has an undo of its own: undo actions the doc gives, or files it
    /// writes (write=, merge=, append=), which a rollback puts back as they were.
    /// The one definition: the script's undo function, the graph, lint, prove
    /// and `undone-by` all ask this.
    public var hasOwnUndo: Bool { !undo.isEmpty || commands.contains { $0.interpreter == .file } }

    /// A rollback reverses it: by its own undo, or by an earlier step's (`undone-by`).
    public var isReversible: Bool { hasOwnUndo || undoneBy != nil }

    /// True when the step can have changed nothing: it only shows notes, each
    /// of its commands only looks (`Command.onlyLooks`), or its author says so (`changes-nothing`). A rollback need not undo such a step.
    public var changesNothing: Bool {
        declaredChangesNothing || kind == .notice || (kind == .command && commands.allSatisfy(\.onlyLooks))
    }

    public init(id: String, title: String, depth: Int, kind: Kind, range: SourceRange, prose: String = "",
                notices: [Notice] = [], commands: [Command] = [], undo: [Command] = [], condition: When? = nil,
                user: String? = nil, workingDirectory: String? = nil, skipped: Bool = false) {
        self.id = id
        self.title = title
        self.depth = depth
        self.kind = kind
        self.range = range
        self.prose = prose
        self.notices = notices
        self.commands = commands
        self.undo = undo
        self.condition = condition
        self.user = user
        self.workingDirectory = workingDirectory
        self.skipped = skipped
    }
}

extension Step {
    /// Moves the commands PICKED chooses to the blocks shown and not run, each
    /// with its REASON, and a reading decision of PASS for each when one is given.
    /// Returns how many were moved.
    @discardableResult
    public mutating func showInsteadOfRunning(where picked: (Command) -> Bool, because reason: (Command) -> String, pass: String? = nil) -> Int {
        let all = commands
        return showInsteadOfRunning(at: all.indices.filter { picked(all[$0]) }, because: { reason(all[$0]) }, pass: pass)
    }

    /// The same for the commands at INDICES, each shown with REASON(index).
    @discardableResult
    public mutating func showInsteadOfRunning(at indices: [Int], because reason: (Int) -> String, pass: String? = nil) -> Int {
        for index in indices {
            let command = commands[index]
            shown.append(ShownBlock(kind: .reference, reason: reason(index), text: command.text, line: command.range.start.line))
            if let pass {
                decisions.append(ReadingDecision(line: command.range.start.line, pass: pass, outcome: "shown as reference", reason: reason(index)))
            }
        }
        let moved = Set(indices)
        commands = commands.indices.filter { !moved.contains($0) }.map { commands[$0] }
        return moved.count
    }
}

/// A code block the step shows and does not run, and why runbook read it so.
public struct ShownBlock: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// A file's content: shown at its step, with the file the sentence before names.
        case configuration
        /// What a command prints.
        case output
        /// Text to read or choose from: an example, a list of commands, another system's.
        case reference
        /// Commands the reading would run but the page does not type (a script's text).
        case transcript, script
    }

    public var kind: Kind
    public var reason: String
    public var text: String
    public var line: Int
    /// The file the sentence before a configuration block names ("Edit `/etc/app.conf`:").
    public var file: String?

    public init(kind: Kind, reason: String, text: String, line: Int, file: String? = nil) {
        self.kind = kind
        self.reason = reason
        self.text = text
        self.line = line
        self.file = file
    }
}

/// One reading decision: what runbook made of a block or a section, the
/// reading pass that decided (its name in `runbook.json`; `annotation` when
/// the author's annotation did, `default` when no pass read a block as
/// commands, so it is shown), and why.
public struct ReadingDecision: Sendable, Equatable {
    public var line: Int
    public var pass: String
    /// "runs with bash", "shown as output", "choice PLATFORM=debian", ...
    public var outcome: String
    public var reason: String

    public init(line: Int, pass: String, outcome: String, reason: String) {
        self.line = line
        self.pass = pass
        self.outcome = outcome
        self.reason = reason
    }
}
