import ArgumentParser
import RunbookCore

/// `runbook`: compiles procedure docs into scripts and keeps the two in sync.
/// Exit codes: ExitCodes.
public struct RunbookCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "runbook",
        abstract: "Compile procedure docs (Markdown, reStructuredText) into safe shell scripts, check the two stay in sync, and lint the docs.",
        discussion: ExitCodes.help,
        version: RunbookVersion.current,
        subcommands: [BuildCommand.self, CheckCommand.self, LintCommand.self, ASTCommand.self, PlanCommand.self, GraphCommand.self, ProveCommand.self, ReviewCommand.self])

    public init() {}
}
