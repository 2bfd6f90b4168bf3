import Foundation
import RunbookCore

/// The reading passes: every decision of how a block, a choice or a step reads
/// beyond its markup is taken by one of these, which `plan` names beside the
/// decision, the README documents with an example, and a project turns off in
/// `runbook.json` (`{"passes": {"disable": ["sql-blocks"]}}`). All are on by
/// default. A block no pass reads as commands is shown, never run.
public enum ReadingPass: String, CaseIterable, Sendable {
    // How a code block reads (BlockReading.swift runs them in this order).
    /// An RST directive indented into a literal block ends it (DirectiveInLiteral.swift).
    case directiveInLiteral = "directive-in-literal"
    /// Sphinx's `.. highlight:: LANGUAGE` gives the literal blocks after it that language (HighlightDirective.swift).
    case highlightDirective = "highlight-directive"
    /// Lines that start with a prompt (`$ `, `# `, `db=#`) are a transcript (BlockClassifier.swift).
    case consolePrompts = "console-prompts"
    /// A language that names a program runs the block with it; a file format or output is shown (BlockClassifier.swift).
    case blockLanguage = "block-language"
    /// A block with no language whose every statement is SQL or a psql meta-command is given to psql (SQLBlocks.swift).
    case sqlBlocks = "sql-blocks"
    /// With no deciding language and no prompt, the lines decide: all commands run, settings are shown (BlockClassifier.swift).
    case blockContent = "block-content"
    /// A shell or Python block that is a file's content: settings, NAME=value lines, `# name.ext` first (FileExcerpts.swift).
    case fileExcerpts = "file-excerpts"
    /// In a shell block, lines after the last blank line that are not commands are what the command prints (TrailingOutput.swift).
    case trailingOutput = "trailing-output"
    /// A block of `├──`/`└──` lines is a directory tree, shown (FileExcerpts.swift).
    case directoryTrees = "directory-trees"
    /// "You should see:" before a block announces output (Announcements.swift).
    case announcedOutput = "announced-output"
    /// "For example:" after a command announces an example of it, shown (Announcements.swift).
    case announcedExample = "announced-example"
    /// "Add the following lines" before a script gives a file's content, shown (Announcements.swift).
    case announcedFileContent = "announced-file-content"
    /// The file a sentence names before a configuration block ("Edit `/etc/app.conf`:") (Announcements.swift).
    case namedFile = "named-file"
    /// A paragraph ending in ":" followed by a block quote of one-line paragraphs
    /// (RST's reading of an indented command) makes that quote a command (AnnouncedCommand.swift).
    case announcedCommand = "announced-command"
    /// One program's commands that undo each other (start, stop, …) are a list to choose from, shown (ReferenceLists.swift).
    case referenceLists = "reference-lists"
    /// A block that opens an SQL client and types into it: the typed lines go to the client (ClientSession.swift).
    case clientSessions = "client-sessions"
    /// "Run `php artisan migrate`", "Start it with `docker-compose up -d`": a sentence that
    /// tells the operator to run a command given inline runs it (InlineCommands.swift).
    case inlineCommands = "inline-commands"
    /// A definition list with code: each term with its code is a sub-step (BodyReader.swift).
    case definitionLists = "definition-lists"
    // Choices.
    /// Content tabs (mkdocs `=== "…"`, sphinx-tabs, sphinx-design) are one choice (BlockChoices.swift).
    case contentTabs = "content-tabs"
    /// Collapsed `<details>` sections in one step are a choice (BlockChoices.swift).
    case detailsBlocks = "details-blocks"
    /// "**Red Hat**" right before a block makes it that platform's (BlockChoices.swift).
    case platformLabels = "platform-labels"
    /// Two paragraphs or more in a step that only name what the next block is for
    /// ("Metabase Open Source:"), before blocks of one program, are a choice, LABEL (BlockLabels.swift).
    case blockLabels = "block-labels"
    /// Lines each naming a platform in their comment are that platform's (BlockChoices.swift).
    case linePlatforms = "line-platforms"
    /// "One of the following ways:" before a script grouped under comment headers: one way each (BlockChoices.swift).
    case commentAlternatives = "comment-alternatives"
    /// One block that unpacks a release as a `.zip` and as a `.tar.gz`: one choice, ARCHIVE (ArchiveFormats.swift).
    case archiveFormats = "archive-formats"
    /// "Alternatively, …" before a block: another way to do what the block before did (BlockChoices.swift).
    case alternativeParagraphs = "alternative-paragraphs"
    /// A shell block of two commands or more that repeats the block before it with one word
    /// changed is another way to do it: the blocks are one choice, VARIANT (RepeatedBlocks.swift).
    case repeatedBlocks = "repeated-blocks"
    /// "To restore, …": the blocks after it do that task (BlockChoices.swift).
    case taskLabels = "task-labels"
    /// Sibling sections that offer a choice (platforms, tasks, options, with and
    /// without) run only when chosen, through a parameter (AlternativeSections.swift).
    case alternativeSections = "alternative-sections"
    /// The sections under a title that names a collection ("Database Management",
    /// "Admin Commands", "Quick Reference") are tasks of their own: one choice (TaskCollections.swift).
    case taskCollections = "task-collections"
    /// Sibling sections that do opposite tasks to the same thing ("Back up Gateway entities" /
    /// "Restore Gateway entities") are two tasks: one choice, TASK (OppositeTasks.swift).
    case oppositeTasks = "opposite-tasks"
    /// Sibling sections titled each by a subcommand their blocks run (`backup-push`,
    /// `backup-fetch`) are a command reference: one choice, COMMAND (CommandSections.swift).
    case commandSections = "command-sections"
    /// Sibling sections whose titles differ only by a version are a choice, RELEASE (AlternativeSections.swift).
    case versionSections = "version-sections"
    /// "For EL7 run:" / "And for EL8 and newer:" before a block: one release's commands, RELEASE (BlockChoices.swift).
    case releaseLabels = "release-labels"
    /// Sibling sections whose titles differ by a word and whose commands are the
    /// same script with other arguments are one choice (ParallelSections.swift).
    case parallelSections = "parallel-sections"
    /// "Optional: …", "… (optional)", "(advanced)", "(Experts only)" sections run only when
    /// asked for, `WITH_<SECTION>=yes`; no by default (OptionalSections.swift).
    case optionalSections = "optional-sections"
    /// A section or a block for macOS, Windows or FreeBSD never runs: a generated script runs on Linux (OtherOSSections.swift).
    case otherOSSections = "other-os-sections"
    /// `docker run --name web` again on the same path, with no `docker rm web` between,
    /// would fail: the later one is another way to start it, shown (ContainerNames.swift).
    case containerNames = "container-names"
    /// A command that names an id the page showed its own run printing (`restic restore 79766175`
    /// after `restic snapshots` listed it) uses the author's value: shown, not run (ValuesFromOutput.swift).
    case valuesFromOutput = "values-from-output"
    /// Troubleshooting, FAQ and "Common … issues" sections are shown, not run (TroubleshootingSections.swift).
    case troubleshootingSections = "troubleshooting-sections"
    /// "Examples", "Configuration Examples" sections are shown, not run (TroubleshootingSections.swift).
    case exampleSections = "example-sections"
    // Steps, values and the terminal.
    /// Prose that only informs makes a notice, not a manual step that waits (StepDraft.swift).
    case informingProse = "informing-prose"
    /// `(2)` at the end of a table cell points at the item `(2) …` under the table:
    /// shown before that row's step, which then waits for confirmation (TableRows.swift).
    case tableFootnotes = "table-footnotes"
    /// A footnote item ending in ":" announces the bullet list right after it,
    /// which becomes part of that footnote (FootnoteLists.swift).
    case footnoteLists = "footnote-lists"
    /// `poetry shell` becomes a check that the environment exists, and the
    /// page's later commands run through `poetry run` (PoetryShell.swift).
    case poetryShell = "poetry-shell"
    /// A token the prose says to replace ("Replace GLANCE_DBPASS with a suitable
    /// password") becomes a parameter when a command uses it (ProsePlaceholders.swift).
    case prosePlaceholders = "prose-placeholders"
    /// `<username>`, `|version|`, `{hostname}` in a shell command that no parameter
    /// stands for becomes a required parameter (PlaceholderTokens.swift).
    case placeholderTokens = "placeholder-tokens"
    /// A shell command bash cannot parse as written (`bash -n`) is shown with a warning, never run (ShellSyntax.swift).
    case shellSyntax = "shell-syntax"
    /// `su - app` … `exit` runs the lines between as `app`; `sudo -u postgres psql`
    /// left open takes the `postgres=#` lines after it, across blocks (TerminalSession.swift).
    case terminalSession = "terminal-session"

    /// What a project file's `passes` (or, its older name, `conventions`) section names, read strictly.
    public static func disabled(in object: Any?, path: String, key: String = "passes") throws(Diagnostic) -> Set<ReadingPass> {
        let at = SourcePosition(line: 1, column: 1)
        guard let object else { return [] }
        guard let section = object as? [String: Any] else { throw .error(path, at, "'\(key)' must be an object") }
        var disabled = Set<ReadingPass>()
        for (name, value) in section {
            guard name == "disable" else { throw .error(path, at, "unknown key '\(name)' in '\(key)' (known: disable)") }
            guard let names = value as? [String] else { throw .error(path, at, "'\(key).disable' must be a list of names") }
            for name in names {
                guard let pass = ReadingPass(rawValue: name) else {
                    let known = allCases.map(\.rawValue).joined(separator: ", ")
                    throw .error(path, at, "unknown reading pass '\(name)'" + NearestName.hint(for: name, in: allCases.map(\.rawValue)) + " (known: \(known))")
                }
                disabled.insert(pass)
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
/// - `passes` (older name: `conventions`): the reading passes turned off.
public struct ProjectSettings: Sendable, Equatable {
    public var passes: Set<ReadingPass> = Set(ReadingPass.allCases)
    public var docs: String?
    public var out: String?
    public var procedures: [String]?
    public var substitutions: [String: String] = [:]

    public init() {}

    public static let fileName = "runbook.json"
    static let keys = ["conventions", "docs", "out", "passes", "procedures", "substitutions"]

    /// The settings of `path`, or the defaults when there is no such file.
    public static func load(path: String = fileName) throws(Diagnostic) -> ProjectSettings {
        var settings = ProjectSettings()
        guard let data = FileManager.default.contents(atPath: path) else { return settings }
        let at = SourcePosition(line: 1, column: 1)
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { throw .error(path, at, "not a JSON object") }
        for key in object.keys where !keys.contains(key) {
            throw .error(path, at, "unknown key '\(key)'" + NearestName.hint(for: key, in: keys) + " (known: \(keys.joined(separator: ", ")))")
        }
        settings.passes.subtract(try ReadingPass.disabled(in: object["passes"], path: path))
        settings.passes.subtract(try ReadingPass.disabled(in: object["conventions"], path: path, key: "conventions"))
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
