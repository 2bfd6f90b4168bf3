/// runbook's exit codes, one table for every command: `--help` and the man
/// page print it, and the README carries the same rows (a test keeps them equal).
public enum ExitCodes {
    public static let rows: [(code: Int32, meaning: String)] = [
        (0, "success: nothing to report"),
        (1, "found what it looks for: drift (check), a warning or an error (lint), a world the rollback did not give back (prove)"),
        (2, "bad input or a failure: a diagnostic is printed and nothing is written (a doc with an error, an unreadable file, a file system failure)"),
        (64, "usage error: an unknown option or subcommand, a missing or malformed argument"),
    ]

    /// The table as `--help` prints it.
    static var help: String {
        "Exit codes (every command):\n" + rows.map { "  \($0.code)  \($0.meaning)" }.joined(separator: "\n")
    }
}
