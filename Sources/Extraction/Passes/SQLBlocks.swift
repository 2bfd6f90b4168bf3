import Foundation
import StepAST

/// Reading convention `sql-blocks`: a block with no language whose every
/// statement starts with an SQL keyword or is a psql meta-command is for psql.
extension Interpreter {
    static let sqlKeywords: Set<String> = [
        "ABORT", "ALTER", "ANALYZE", "BEGIN", "CALL", "CHECKPOINT", "CLUSTER", "COMMENT", "COMMIT", "COPY", "CREATE",
        "DEALLOCATE", "DELETE", "DISCARD", "DO", "DROP", "END", "EXPLAIN", "GRANT", "INSERT", "LOCK", "MERGE", "NOTIFY",
        "REASSIGN", "REFRESH", "REINDEX", "RELEASE", "RESET", "REVOKE", "ROLLBACK", "SAVEPOINT", "SECURITY", "SELECT",
        "SET", "SHOW", "START", "TABLE", "TRUNCATE", "UPDATE", "VACUUM", "VALUES", "WITH",
    ]

    /// True when every statement of a block starts with an SQL keyword or is a
    /// psql meta-command (`\i file`): such a block, with no language, is for psql.
    static func looksLikeSQL(_ text: String) -> Bool {
        var expectingStatement = true
        var sawStatement = false
        for raw in text.split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("--") { continue }
            if expectingStatement {
                let word = line.prefix { $0.isLetter }.uppercased()
                guard line.hasPrefix("\\") || sqlKeywords.contains(word) else { return false }
                sawStatement = true
            }
            expectingStatement = line.hasSuffix(";") || line.hasPrefix("\\")
        }
        return sawStatement && expectingStatement
    }
}
