/// The prompts real pages put before what the operator types, and the program
/// that reads each: a shell, an SQL client, Python. A line that starts with
/// one is a command for that program; a continuation prompt (`->`, `db-#`,
/// `...`) adds to the command before it.
public struct Prompt: Equatable, Sendable {
    public enum Client: String, Sendable {
        case shell, psql, mysql, python
        /// `PS C:\>`: another platform's shell, never run here.
        case otherPlatform
    }

    public var client: Client
    /// The line after the prompt.
    public var command: String
    /// A continuation prompt: the line goes on the previous command.
    public var continues: Bool

    /// The prompt at the start of LINE, if any. `# ` is a root prompt only
    /// where the block is a terminal session (elsewhere it is a comment).
    public static func at(_ line: String, rootPrompt: Bool) -> Prompt? {
        if let rest = drop("PS ", from: line), rest.hasPrefix("C:") || rest.hasPrefix("c:"), let close = rest.range(of: "> ") {
            return Prompt(client: .otherPlatform, command: String(rest[close.upperBound...]), continues: false)
        }
        if let rest = drop(">>> ", from: line) ?? (line == ">>>" ? "" : nil) { return Prompt(client: .python, command: rest, continues: false) }
        if let sql = sqlPrompt(line) { return sql }
        if let shell = shellPrompt(line, rootPrompt: rootPrompt) { return Prompt(client: .shell, command: shell, continues: false) }
        return nil
    }

    private static func drop(_ prefix: String, from line: String) -> String? {
        line.hasPrefix(prefix) ? String(line.dropFirst(prefix.count)) : nil
    }

    /// `mysql> `, `MariaDB [(none)]> `, `    -> `; psql's `db=# `, `db=> `, and
    /// its continuations `db-# `, `db(# `, `db'# `.
    static func sqlPrompt(_ line: String) -> Prompt? {
        if let rest = drop("mysql> ", from: line) { return Prompt(client: .mysql, command: rest, continues: false) }
        if line.hasPrefix("MariaDB ["), let close = line.range(of: "]> ") {
            return Prompt(client: .mysql, command: String(line[close.upperBound...]), continues: false)
        }
        let trimmed = line.drop { $0 == " " }
        if trimmed.hasPrefix("-> ") { return Prompt(client: .mysql, command: String(trimmed.dropFirst(3)), continues: true) }
        // A database name, then = (a new statement) or - ( ' " (one going on), then # or >.
        let chars = Array(line)
        var i = 0
        while i < chars.count, chars[i].isLetter || chars[i].isNumber || chars[i] == "_" { i += 1 }
        guard i > 0, i + 2 < chars.count, "=-('\"".contains(chars[i]), chars[i + 1] == "#" || chars[i + 1] == ">",
              chars[i + 2] == " " else { return nil }
        return Prompt(client: .psql, command: String(chars[(i + 3)...]), continues: chars[i] != "=")
    }

    /// `$ `, `> ` (the seed's), `prompt> `, `shell> `, `# ` (root, in terminal blocks), and the
    /// same after `user@host:path`, `user@host path`, `[user@host dir]`,
    /// `host~`, or a virtualenv's `(name) `.
    static func shellPrompt(_ line: String, rootPrompt: Bool) -> String? {
        var chars = Substring(line)
        // A virtualenv's name before the prompt: `(venv) $ `, `(app-py3.10) user@host:~$ `.
        if chars.hasPrefix("("), let close = chars.firstIndex(of: ")"), chars[chars.index(after: close)...].hasPrefix(" "),
           chars[chars.index(after: chars.startIndex)..<close].allSatisfy({ !$0.isWhitespace }) {
            chars = chars[chars.index(close, offsetBy: 2)...]
        }
        // A bare `% ` is not one: curl's progress table starts with it.
        for symbol in ["$ ", "> "] where chars.hasPrefix(symbol) { return String(chars.dropFirst(2)) }
        // The words documentation puts for "your prompt here": `prompt> `, and
        // MySQL's manual's `shell> `.
        for symbol in ["prompt> ", "shell> "] where chars.hasPrefix(symbol) { return String(chars.dropFirst(symbol.count)) }
        if rootPrompt && chars.hasPrefix("# ") { return String(chars.dropFirst(2)) }
        if chars == "$" { return "" }
        // [user@host dir]$
        if chars.hasPrefix("["), let close = chars.firstIndex(of: "]"), chars[..<close].contains("@") {
            let after = chars[chars.index(after: close)...]
            if after.hasPrefix("$ ") || after.hasPrefix("# ") { return String(after.dropFirst(2)) }
            return nil
        }
        // user@host:path$, user@host path$, user@host:~ $, host~$
        let word = chars.prefix { $0.isLetter || $0.isNumber || "._-@".contains($0) }
        guard !word.isEmpty else { return nil }
        var rest = chars[word.endIndex...]
        let hasAt = word.contains("@") && !word.hasPrefix("@") && !word.hasSuffix("@")
        if rest.hasPrefix(":") || rest.hasPrefix("~") {
            rest = rest.drop { !"$#%>".contains($0) && $0 != " " }
        } else if hasAt, rest.hasPrefix(" ") {
            let path = rest.dropFirst().prefix { !"$#%>".contains($0) && $0 != " " }
            guard path.hasPrefix("/") || path.hasPrefix("~") else { return nil }
            rest = rest.dropFirst(1 + path.count)
        } else if !hasAt {
            return nil
        }
        guard hasAt || chars[word.endIndex...].hasPrefix("~") || chars[word.endIndex...].hasPrefix(":") else { return nil }
        if [" $ ", " # ", " % ", " > "].contains(where: { rest.hasPrefix($0) }) { rest = rest.dropFirst() }
        guard ["$ ", "# ", "% ", "> "].contains(where: { rest.hasPrefix($0) }) else { return nil }
        return String(rest.dropFirst(2))
    }
}
