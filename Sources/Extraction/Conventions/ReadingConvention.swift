import Foundation
import RunbookCore

/// The conventions by which runbook reads what a page means beyond its markup,
/// each with a name, a file of its own under Conventions/, a line in the README
/// and a switch: a project turns one off in `runbook.json`
/// (`{"conventions": {"disable": ["sql-blocks"]}}`). All are on by default.
public enum ReadingConvention: String, CaseIterable, Sendable {
    /// `(2)` at the end of a table cell points at the item `(2) …` under the table:
    /// shown before that row's step, which then waits for confirmation (TableRows.swift).
    case tableFootnotes = "table-footnotes"
    /// A footnote item ending in ":" announces the bullet list right after it,
    /// which becomes part of that footnote (FootnoteLists.swift).
    case footnoteLists = "footnote-lists"
    /// A paragraph ending in ":" followed by a block quote of one-line paragraphs
    /// (RST's reading of an indented command) makes that quote a command (AnnouncedCommand.swift).
    case announcedCommand = "announced-command"
    /// `poetry shell` becomes a check that the environment exists, and the
    /// page's later commands run through `poetry run` (PoetryShell.swift).
    case poetryShell = "poetry-shell"
    /// A block with no language whose every statement is SQL or a psql
    /// meta-command is given to psql (SQLBlocks.swift).
    case sqlBlocks = "sql-blocks"
    /// Sibling sections that offer a choice (platforms, tasks, options, with and
    /// without) run only when chosen, through a parameter (AlternativeSections.swift).
    case alternativeSections = "alternative-sections"
    /// A token the prose says to replace ("Replace GLANCE_DBPASS with a suitable
    /// password") becomes a parameter when a command uses it (ProsePlaceholders.swift).
    case prosePlaceholders = "prose-placeholders"
    /// `su - app` … `exit` runs the lines between as `app`; `sudo -u postgres psql`
    /// left open takes the `postgres=#` lines after it, across blocks (TerminalSession.swift).
    case terminalSession = "terminal-session"

    /// What a project file's `conventions` section names, read strictly.
    public static func disabled(in object: Any?, path: String) throws(Diagnostic) -> Set<ReadingConvention> {
        let at = SourcePosition(line: 1, column: 1)
        guard let object else { return [] }
        guard let section = object as? [String: Any] else { throw .error(path, at, "'conventions' must be an object") }
        var disabled = Set<ReadingConvention>()
        for (key, value) in section {
            guard key == "disable" else { throw .error(path, at, "unknown key '\(key)' in 'conventions' (known: disable)") }
            guard let names = value as? [String] else { throw .error(path, at, "'conventions.disable' must be a list of names") }
            for name in names {
                guard let convention = ReadingConvention(rawValue: name) else {
                    let known = allCases.map(\.rawValue).joined(separator: ", ")
                    throw .error(path, at, "unknown reading convention '\(name)' (known: \(known))")
                }
                disabled.insert(convention)
            }
        }
        return disabled
    }
}

/// The project file, `runbook.json` in the current folder, read strictly (an
/// unknown key or a value of the wrong kind is an error):
/// - `docs`, `out`: the docs root and the output folder, when `--docs` and `--out` are not given;
/// - `procedures`: globs, relative to the docs root, of the pages that are
///   procedures (`*` within a folder, `**` across folders); others are left out;
/// - `substitutions`: what RST's `|name|` stands for, as conf.py's `rst_epilog` defines it for Sphinx;
/// - `conventions`: the reading conventions turned off.
public struct ProjectSettings: Sendable, Equatable {
    public var conventions: Set<ReadingConvention> = Set(ReadingConvention.allCases)
    public var docs: String?
    public var out: String?
    public var procedures: [String]?
    public var substitutions: [String: String] = [:]

    public init() {}

    public static let fileName = "runbook.json"
    static let keys = ["conventions", "docs", "out", "procedures", "substitutions"]

    /// The settings of `path`, or the defaults when there is no such file.
    public static func load(path: String = fileName) throws(Diagnostic) -> ProjectSettings {
        var settings = ProjectSettings()
        guard let data = FileManager.default.contents(atPath: path) else { return settings }
        let at = SourcePosition(line: 1, column: 1)
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { throw .error(path, at, "not a JSON object") }
        for key in object.keys where !keys.contains(key) {
            throw .error(path, at, "unknown key '\(key)'" + NearestName.hint(for: key, in: keys) + " (known: \(keys.joined(separator: ", ")))")
        }
        settings.conventions.subtract(try ReadingConvention.disabled(in: object["conventions"], path: path))
        for key in ["docs", "out"] where object[key] != nil {
            guard let value = object[key] as? String, !value.isEmpty else { throw .error(path, at, "'\(key)' must be a folder's path") }
            if key == "docs" { settings.docs = value } else { settings.out = value }
        }
        if let value = object["procedures"] {
            guard let globs = value as? [String], !globs.isEmpty, globs.allSatisfy({ !$0.isEmpty }) else {
                throw .error(path, at, "'procedures' must be a list of globs, such as [\"install/*.rst\"]")
            }
            settings.procedures = globs
        }
        if let value = object["substitutions"] {
            guard let table = value as? [String: String] else {
                throw .error(path, at, "'substitutions' must map names to text, such as {\"project\": \"NetBox\"}")
            }
            settings.substitutions = table
        }
        return settings
    }
}
