/// Puts parameter references in place of placeholders in shell text, each in the
/// form its lexical context needs, so that the value is always one word of data:
/// `"${NAME}"` bare, `${NAME}` inside double quotes or an expanding here-document,
/// `'"${NAME}"'` inside single quotes (the quote closed and reopened). A quoted
/// here-document (`<<'EOF'`) that holds a placeholder becomes an expanding one,
/// its `\`, `$` and backquotes escaped, so the rest of its text stays literal.
/// A here-document fed to an SQL client (`psql`, `sqlite3`, `mysql`) is SQL:
/// its placeholders become SQL string literals (`SQLClientHereDocument`).
struct ShellPlaceholders: PlaceholderScanning {

    private enum Context: Equatable {
        case unquoted(parenDepth: Int)
        /// `$(( … ))` or `(( … ))`: `<<` there is a shift, not a here-document.
        case arithmetic(parenDepth: Int)
        case double
        case single
        case ansi
        case backquote
    }

    private struct PendingHereDocument {
        var delimiter: String
        var stripTabs: Bool
        var quoted: Bool
        /// Where the delimiter word stands in the output, to unquote it.
        var outputRange: Range<Int>
        /// The SQL client its body goes to, if the line that opens it starts one.
        var client: SQLClientHereDocument.Client?
    }

    let placeholders: [Placeholder]
    var input: [Character] = []
    var output: [Character] = []
    var position = 0
    private var stack: [Context] = [.unquoted(parenDepth: 0)]
    private var pending: [PendingHereDocument] = []
    /// `case` statements open at each level of the stack: their patterns' `)` closes nothing.
    private var openCases: [Int: Int] = [:]
    /// Placeholders that cannot stand where they are (in a client's own command line).
    private(set) var problems: [String] = []

    init(_ placeholders: [(String, String)]) {
        self.placeholders = Self.longestFirst(placeholders)
    }

    static func substitute(_ text: String, _ placeholders: [(String, String)]) -> (text: String, problems: [String]) {
        var scanner = ShellPlaceholders(placeholders)
        let text = scanner.run(text)
        return (text, scanner.problems)
    }

    private mutating func run(_ text: String) -> String {
        input = Array(text)
        while position < input.count {
            if input[position] == "\n" && !pending.isEmpty && !inQuotes {
                output.append("\n")
                position += 1
                readHereDocuments()
                continue
            }
            if let (length, name) = placeholder(at: position) {
                output += reference(name, in: stack.last!)
                position += length
                continue
            }
            step()
        }
        return String(output)
    }

    private var inQuotes: Bool {
        switch stack.last! {
        case .single, .double, .ansi: return true
        default: return false
        }
    }


    private func reference(_ name: String, in context: Context) -> [Character] {
        switch context {
        case .unquoted, .backquote, .arithmetic: return Array("\"${\(name)}\"")
        case .double: return Array("${\(name)}")
        case .single: return Array("'\"${\(name)}\"'")
        case .ansi: return Array("'\"${\(name)}\"$'")
        }
    }


    /// One character (or escape pair) of ordinary text, updating the context.
    private mutating func step() {
        let c = input[position]
        switch stack.last! {
        case .single:
            if c == "'" { stack.removeLast() }
            copy()
        case .ansi:
            if c == "\\" { copy(2); return }
            if c == "'" { stack.removeLast() }
            copy()
        case .double:
            if c == "\\" { copy(2); return }
            if c == "\"" { stack.removeLast(); copy(); return }
            if c == "$" && at(1) == "(" && at(2) == "(" { stack.append(.arithmetic(parenDepth: 0)); copy(3); return }
            if c == "$" && at(1) == "(" { stack.append(.unquoted(parenDepth: 0)); copy(2); return }
            if c == "`" { stack.append(.backquote) }
            copy()
        case .backquote:
            if c == "\\" { copy(2); return }
            if c == "`" { stack.removeLast(); copy(); return }
            unquoted(c, depth: nil)
        case .unquoted(let depth):
            if c == "\\" { copy(2); return }
            unquoted(c, depth: depth)
        case .arithmetic(let depth):
            if c == "(" {
                stack[stack.count - 1] = .arithmetic(parenDepth: depth + 1)
            } else if c == ")" && depth > 0 {
                stack[stack.count - 1] = .arithmetic(parenDepth: depth - 1)
            } else if c == ")" && at(1) == ")" {
                stack.removeLast()
                copy(2)
                return
            }
            copy()
        }
    }

    private mutating func unquoted(_ c: Character, depth: Int?) {
        switch c {
        case "'": stack.append(.single); copy()
        case "\"": stack.append(.double); copy()
        case "`": stack.append(.backquote); copy()
        case "$" where at(1) == "'": stack.append(.ansi); copy(2)
        case "$" where at(1) == "(" && at(2) == "(": stack.append(.arithmetic(parenDepth: 0)); copy(3)
        case "$" where at(1) == "(": stack.append(.unquoted(parenDepth: 0)); copy(2)
        case "(" where at(1) == "(" && atWordStart: stack.append(.arithmetic(parenDepth: 0)); copy(2)
        case "(":
            if let depth { stack[stack.count - 1] = .unquoted(parenDepth: depth + 1) }
            copy()
        case ")":
            if let depth {
                if depth > 0 {
                    stack[stack.count - 1] = .unquoted(parenDepth: depth - 1)
                } else if openCases[stack.count - 1, default: 0] > 0 {
                    // A `case` pattern's end, not the end of `$( … )`.
                } else if stack.count > 1 {
                    stack.removeLast()
                }
            }
            copy()
        case "c" where atWordStart && word(is: "case"):
            openCases[stack.count - 1, default: 0] += 1
            copy(4)
        case "e" where atWordStart && word(is: "esac"):
            openCases[stack.count - 1] = max(openCases[stack.count - 1, default: 0] - 1, 0)
            copy(4)
        case "#" where atWordStart:
            // A comment: quotes in it open nothing.
            while position < input.count && input[position] != "\n" { copy() }
        case "<" where at(1) == "<" && at(2) != "<":
            hereDocumentOperator()
        default: copy()
        }
    }

    /// The input at the scan's position is the whole word `keyword`.
    private func word(is keyword: String) -> Bool {
        let letters = Array(keyword)
        guard position + letters.count <= input.count, input[position..<(position + letters.count)].elementsEqual(letters) else { return false }
        guard let next = at(letters.count) else { return true }
        return " \t\n;&|()".contains(next)
    }

    private var atWordStart: Bool {
        guard position > 0 else { return true }
        return " \t\n;&|()<>".contains(input[position - 1])
    }

    /// `<<WORD`, `<<-WORD`, `<<'WORD'`, `<<"WORD"`, `<<\WORD`: the body starts at the next line.
    private mutating func hereDocumentOperator() {
        copy(2)
        var stripTabs = false
        if at(0) == "-" { stripTabs = true; copy() }
        while let c = at(0), c == " " || c == "\t" { copy() }
        let start = output.count
        var delimiter = ""
        var quoted = false
        while let c = at(0), !" \t\n;&|<>()".contains(c) {
            if c == "'" || c == "\"" {
                quoted = true
                copy()
                while let d = at(0), d != c { delimiter.append(d); copy() }
                copy()
            } else if c == "\\" {
                quoted = true
                copy()
                if let d = at(0) { delimiter.append(d); copy() }
            } else {
                delimiter.append(c)
                copy()
            }
        }
        guard !delimiter.isEmpty else { return }
        pending.append(PendingHereDocument(delimiter: delimiter, stripTabs: stripTabs, quoted: quoted, outputRange: start..<output.count,
                                           client: SQLClientHereDocument.Client(openingLine: currentLine(upTo: start))))
    }

    /// The output's current line up to `end`: the command a here-document opened there goes to.
    private func currentLine(upTo end: Int) -> String {
        var begin = end
        while begin > 0 && output[begin - 1] != "\n" { begin -= 1 }
        return String(output[begin..<end])
    }

    /// The bodies of the here-documents opened on the line just ended, in order.
    private mutating func readHereDocuments() {
        // Opener ranges shift as earlier delimiters are unquoted.
        var shift = 0
        let documents = pending
        pending = []
        for document in documents {
            var lines: [[Character]] = []
            var terminator: [Character]?
            while position < input.count {
                var end = position
                while end < input.count && input[end] != "\n" { end += 1 }
                let line = Array(input[position..<end])
                position = min(end + 1, input.count)
                let compared = document.stripTabs ? Array(line.drop { $0 == "\t" }) : line
                if String(compared) == document.delimiter { terminator = line; break }
                lines.append(line)
            }
            let holdsPlaceholder = lines.contains { line in
                line.indices.contains { index in
                    placeholders.contains { index + $0.text.count <= line.count && line[index..<(index + $0.text.count)].elementsEqual($0.text) }
                }
            }
            if document.quoted && holdsPlaceholder {
                let range = (document.outputRange.lowerBound + shift)..<(document.outputRange.upperBound + shift)
                output.replaceSubrange(range, with: Array(document.delimiter))
                shift += document.delimiter.count - range.count
            }
            let expands = !document.quoted || holdsPlaceholder
            var sql = document.client.map { SQLClientHereDocument(client: $0, placeholders: placeholders) }
            for line in lines {
                if expands, sql != nil {
                    output += sql!.line(line, escaping: document.quoted)
                } else {
                    output += body(line, escaping: document.quoted && holdsPlaceholder, expands: expands)
                }
                output.append("\n")
            }
            problems += sql?.problems ?? []
            if let terminator {
                output += terminator
                if position <= input.count && position > 0 && input[position - 1] == "\n" { output.append("\n") }
            }
        }
    }

    /// A here-document line: placeholders become `${NAME}` where the body expands;
    /// a formerly quoted body has its expansion characters escaped.
    private func body(_ line: [Character], escaping: Bool, expands: Bool) -> [Character] {
        var out: [Character] = []
        var index = 0
        while index < line.count {
            if expands, let match = placeholders.first(where: { index + $0.text.count <= line.count && line[index..<(index + $0.text.count)].elementsEqual($0.text) }) {
                out += Array("${\(match.name)}")
                index += match.text.count
                continue
            }
            let c = line[index]
            if escaping && (c == "\\" || c == "$" || c == "`") { out.append("\\") }
            out.append(c)
            index += 1
        }
        return out
    }
}
