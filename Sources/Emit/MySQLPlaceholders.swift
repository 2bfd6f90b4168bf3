/// The mysql client has no variables, so a value cannot reach it as data the
/// way psql's `:'NAME'` does. Instead a placeholder becomes a marker,
/// `@@RUNBOOK_VALUE:NAME@@`, inside an SQL string literal (quotes added where
/// it stood bare), and the runtime puts the value there with `\`, `'` and `"`
/// escaped (rb_exec): it can end no literal. Inside a quoted identifier no
/// value can stand; in a comment the placeholder is left alone.
struct MySQLPlaceholders: PlaceholderScanning {
    let placeholders: [Placeholder]
    var input: [Character] = []
    var output: [Character] = []
    var position = 0
    private(set) var problems: [String] = []

    static let markerPrefix = "@@RUNBOOK_VALUE:"

    init(_ placeholders: [(String, String)]) {
        self.placeholders = Self.longestFirst(placeholders)
    }

    static func substitute(_ text: String, _ placeholders: [(String, String)]) -> (text: String, problems: [String]) {
        var scanner = MySQLPlaceholders(placeholders)
        scanner.input = Array(text)
        scanner.run()
        return (String(scanner.output), scanner.problems)
    }

    static func marker(_ name: String) -> [Character] { Array(markerPrefix + name + "@@") }

    private mutating func run() {
        while position < input.count {
            if let (length, name) = placeholder(at: position) {
                output += ["'"] + Self.marker(name) + ["'"]
                position += length
                continue
            }
            switch input[position] {
            case "'", "\"": literal(input[position])
            case "`": identifier()
            case "#": comment(until: "\n")
            case "-" where at(1) == "-" && (at(2) == " " || at(2) == "\t"): comment(until: "\n")
            case "/" where at(1) == "*": comment(until: "*/")
            default: copy()
            }
        }
    }

    /// A string literal: the value goes in as it is, the runtime escapes it.
    private mutating func literal(_ quote: Character) {
        copy()
        while position < input.count {
            if input[position] == "\\" { copy(2); continue }
            if input[position] == quote {
                if at(1) == quote { copy(2); continue }
                copy()
                return
            }
            if let (length, name) = placeholder(at: position) {
                output += Self.marker(name)
                position += length
                continue
            }
            copy()
        }
    }

    private mutating func identifier() {
        copy()
        while position < input.count, input[position] != "`" {
            if let (_, name) = placeholder(at: position) {
                problems.append("the placeholder of \(name) is part of a quoted identifier, where no value can stand as data")
            }
            copy()
        }
        copy()
    }

    private mutating func comment(until end: String) {
        let terminator = Array(end)
        while position < input.count {
            if input[position...].starts(with: terminator) { copy(terminator.count); return }
            copy()
        }
    }
}
