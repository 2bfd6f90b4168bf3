import Foundation

/// The body of a shell here-document that an SQL client reads (`sqlite3 app.db
/// <<EOF`, `psql <<EOF`, `mysql <<EOF`): the shell expands it, then the client
/// runs it as SQL. A placeholder there becomes a string literal whose text is
/// the value with the client's quoting applied by the runtime (`RB_SQL_NAME`:
/// `'` doubled; `RB_MYSQL_NAME`: `\` and `'` escaped), so a value is never SQL
/// and never a client command (`.system`, `\!`). Where no literal can stand (a
/// client's own command line, a quoted identifier, a dollar-quoted body) the
/// build stops at the command.
struct SQLClientHereDocument {
    enum Client {
        case standard, mysql

        /// The client the line starts, if any: its first command word, past `sudo` and its options.
        init?(openingLine line: String) {
            let commands = line.split(whereSeparator: { ";|&(".contains($0) })
            guard let last = commands.last else { return nil }
            var words = last.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            while let first = words.first, first == "sudo" || first == "exec" || first == "time" || first.hasPrefix("-") || first.contains("=") {
                words.removeFirst()
                // `sudo -u postgres psql`: an option's value.
                if first == "-u" || first == "-g", !words.isEmpty { words.removeFirst() }
            }
            switch words.first.map({ ($0 as NSString).lastPathComponent }) {
            case "psql", "sqlite3": self = .standard
            case "mysql", "mariadb": self = .mysql
            default: return nil
            }
        }

        var variablePrefix: String { self == .mysql ? "RB_MYSQL_" : "RB_SQL_" }
    }

    let client: Client
    let placeholders: [(text: [Character], name: String)]
    private(set) var problems: [String] = []
    /// SQL state carried across lines: inside '…', "…" or $$…$$.
    private var quote: Character?
    private var dollarQuoted = false

    init(client: Client, placeholders: [(text: [Character], name: String)]) {
        self.client = client
        self.placeholders = placeholders
    }

    /// One body line with its placeholders replaced; ESCAPING: the here-document
    /// was quoted, so the shell's expansion characters of the rest are escaped.
    mutating func line(_ line: [Character], escaping: Bool) -> [Character] {
        var out: [Character] = []
        var index = 0
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        // `.system …` (sqlite3), `\! …` (psql, mysql): the client's own commands.
        let clientCommand = quote == nil && !dollarQuoted && (trimmed.first == "." || trimmed.first == "\\")
        while index < line.count {
            if let match = placeholders.first(where: { index + $0.text.count <= line.count && line[index..<(index + $0.text.count)].elementsEqual($0.text) }) {
                out += reference(match.name, clientCommand: clientCommand)
                index += match.text.count
                continue
            }
            let c = line[index]
            if quote == nil && !dollarQuoted && c == "-" && index + 1 < line.count && line[index + 1] == "-" {
                // A comment to the end of the line: copied as it is.
                for rest in line[index...] {
                    if escaping && (rest == "\\" || rest == "$" || rest == "`") { out.append("\\") }
                    out.append(rest)
                }
                break
            }
            if let open = quote {
                if c == open { quote = nil }
                if client == .mysql && open == "'" && c == "\\" && index + 1 < line.count {
                    // MySQL's backslash escape: the next character is part of the literal.
                    if escaping { out.append("\\") }
                    out.append(c)
                    index += 1
                    if escaping && (line[index] == "\\" || line[index] == "$" || line[index] == "`") { out.append("\\") }
                    out.append(line[index])
                    index += 1
                    continue
                }
            } else if c == "$" && index + 1 < line.count && line[index + 1] == "$" {
                dollarQuoted.toggle()
                if escaping { out += ["\\", "$", "\\", "$"] } else { out += ["$", "$"] }
                index += 2
                continue
            } else if !dollarQuoted && (c == "'" || c == "\"" || (client == .mysql && c == "`")) {
                quote = c
            }
            if escaping && (c == "\\" || c == "$" || c == "`") { out.append("\\") }
            out.append(c)
            index += 1
        }
        return out
    }

    private mutating func reference(_ name: String, clientCommand: Bool) -> [Character] {
        let variable = "${\(client.variablePrefix)\(name)}"
        if clientCommand {
            problems.append("the placeholder of \(name) is in an SQL client's own command (a line starting with . or \\) in a here-document: a value there would run as a client command; use it in an SQL statement")
        } else if dollarQuoted {
            problems.append("the placeholder of \(name) is inside a dollar-quoted body in a here-document an SQL client reads, where no literal can stand")
        } else if let quote, quote != "'" {
            problems.append("the placeholder of \(name) is inside a quoted identifier in a here-document an SQL client reads: a value cannot name an object there")
        } else if quote == "'" {
            return Array(variable)
        } else {
            return Array("'\(variable)'")
        }
        return Array(variable)
    }
}
