import RunbookCore
import StepAST

/// What a build produced from one procedure doc, beside its script. Its schema
/// is these types; `ManifestReader` decodes it strictly and validates it.
public struct Manifest: Codable, Equatable, Sendable {
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int
    public var generator: Generator
    public var procedure: ProcedureInfo
    public var sources: [SourceEntry]
    public var script: ScriptEntry
    public var parameters: [ParameterEntry]
    public var steps: [StepEntry]

    public struct Generator: Codable, Equatable, Sendable {
        public var name: String
        public var version: String
    }

    public struct ProcedureInfo: Codable, Equatable, Sendable {
        public var name: String
        public var title: String
    }

    public struct SourceEntry: Codable, Equatable, Sendable {
        /// Relative to the docs root.
        public var path: String
        public var sha256: String
        public var lines: Int
    }

    public struct ScriptEntry: Codable, Equatable, Sendable {
        /// Relative to the output directory.
        public var path: String
        public var sha256: String
    }

    public struct ParameterEntry: Codable, Equatable, Sendable {
        public var name: String
        public var description: String
        public var placeholder: String?
        public var `default`: String?
        public var pattern: String?
        /// `platform`: when not given, the value is the host's, if it is one of the allowed ones.
        public var host: HostFact?
    }

    public struct StepEntry: Codable, Equatable, Sendable {
        public var id: String
        public var title: String
        public var depth: Int
        public var kind: String
        public var source: String
        public var range: SourceRange
        public var commands: [CommandEntry]
        public var undo: [CommandEntry]
        public var notices: [NoticeEntry]
        public var condition: String?
        public var user: String?
        public var cwd: String?
        public var skipped: Bool
        /// Waits for the operator's confirmation before it runs (absent: false).
        public var confirm: Bool?
        /// Its undo runs in every rollback, even after another undo failed (absent: false).
        public var undoAlways: Bool?
        /// The earlier step whose undo reverses this one.
        public var undoneBy: String?
        /// The postcondition (verify=) and how long it is retried, in seconds.
        public var verify: CommandEntry?
        public var verifyFor: Int?
        /// When this succeeds, the step is already at its target (done-when=, creates=).
        public var doneWhen: CommandEntry?
        /// Checks run before anything changes (preflight=).
        public var preflight: [CommandEntry]?
        /// Its author says it changes nothing a rollback could put back (absent: false).
        public var changesNothing: Bool?
    }

    public struct CommandEntry: Codable, Equatable, Sendable {
        public var interpreter: String
        public var text: String
        public var line: Int
        public var capture: String?
        /// Text the command's output must contain.
        public var expect: String?
        /// `poetry`: runs through `poetry run`.
        public var environment: String?
        /// The `when` of the block the command came from.
        public var condition: String?
        /// With interpreter `file`: the file the text goes to, and how (`merge /etc/app.conf`).
        public var file: String?
        /// Where the page types it, when it is not the script's own shell
        /// ("as app (login shell), in ~app/live"; "typed into 'psql -d app' (line 40)").
        public var terminal: String?
        /// True when it runs at the operator's terminal (an editor, a password prompt).
        public var needsTerminal: Bool?
    }

    public struct NoticeEntry: Codable, Equatable, Sendable {
        public var kind: String
        public var text: String
        public var line: Int
    }
}
