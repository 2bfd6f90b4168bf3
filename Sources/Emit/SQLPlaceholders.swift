/// Puts psql variable references in place of placeholders in SQL given to psql,
/// each as its lexical context needs, so that the value is always data:
/// `:'NAME'` (an SQL literal psql quotes) where a value stands alone or is a whole
/// string literal, `('abc' || :'NAME' || 'def')` inside a longer literal,
/// `:"NAME"` for a whole quoted identifier. In a psql meta-command line
/// (`\i <dir>/x.sql`) the value is pasted into the argument as text with `:NAME`,
/// which psql does not rescan. Contexts psql cannot interpolate into (a
/// dollar-quoted body, part of an identifier) are reported, not guessed at.
struct SQLPlaceholders: PlaceholderScanning {

    let placeholders: [Placeholder]
    var input: [Character] = []
    var output: [Character] = []
    var position = 0
    private(set) var problems: [String] = []

    init(_ placeholders: [(String, String)]) {
        self.placeholders = Self.longestFirst(placeholders)
    }

    static func substitute(_ text: String, _ placeholders: [(String, String)]) -> (text: String, problems: [String]) {
        var scanner = SQLPlaceholders(placeholders)
        let text = scanner.run(text)
        return (text, scanner.problems)
    }

    private mutating func run(_ text: String) -> String {
        input = Array(text)
        var statementStart = true
        while position < input.count {
            let c = input[position]
            if statementStart, c == "\\" {
                metaCommandLine()
                continue
            }
            if c == "\n" { statementStart = true; copy(); continue }
            if c == " " || c == "\t" { copy(); continue }
            statementStart = false
            if let (length, name) = placeholder(at: position) {
                output += Array(":'\(name)'")
                position += length
                continue
            }
            switch c {
            case "'": stringLiteral(prefix: [])
            case _ where (c == "E" || c == "e") && at(1) == "'" && !(position > 0 && (input[position - 1].isLetter || input[position - 1] == "_")):
                copy()
                stringLiteral(prefix: [c])
            case "\"": quotedIdentifier()
            case "-" where at(1) == "-": lineComment()
            case "/" where at(1) == "*": blockComment()
            case "$": dollarQuoteOrCopy()
            case ":" where at(1) == "'" || at(1) == "\"":
                // A psql variable reference the doc wrote itself: copied whole.
                let quote = at(1)!
                copy(2)
                while let d = at(0), d != quote { copy() }
                copy()
            case ";": copy(); statementStart = true
            default: copy()
            }
        }
        return String(output)
    }



    /// `'...'` (with `''` inside), after any `E` prefix already copied.
    private mutating func stringLiteral(prefix: [Character]) {
        let literalStart = output.count - prefix.count
        let escapes = !prefix.isEmpty
        copy()  // opening quote
        var parts = 0
        var whole: String?
        let contentStart = position
        while position < input.count {
            let c = input[position]
            if escapes && c == "\\" { copy(2); continue }
            if c == "'" {
                if at(1) == "'" { copy(2); continue }
                break
            }
            if let (length, name) = placeholder(at: position) {
                if position == contentStart && at(length) == "'" && at(length + 1) != "'" { whole = name }
                output += Array("' || :'\(name)' || ") + prefix + ["'"]
                position += length
                parts += 1
                continue
            }
            copy()
        }
        copy()  // closing quote
        if let whole, parts == 1 {
            output.replaceSubrange(literalStart..<output.count, with: Array(":'\(whole)'"))
        } else if parts > 0 {
            // Parentheses keep the concatenation one operand wherever the literal stood.
            output.insert("(", at: literalStart)
            output.append(")")
        }
    }

    private mutating func quotedIdentifier() {
        let start = output.count
        copy()
        var found: [String] = []
        let contentStart = position
        while position < input.count {
            if input[position] == "\"" {
                if at(1) == "\"" { copy(2); continue }
                break
            }
            if let (length, name) = placeholder(at: position) {
                found.append(name)
                if position == contentStart && at(length) == "\"" {
                    position += length + 1
                    output.replaceSubrange(start..<output.count, with: Array(":\"\(name)\""))
                    return
                }
            }
            copy()
        }
        copy()
        for name in found { problems.append("the placeholder of \(name) is part of a quoted identifier: psql can only stand a whole identifier for it") }
    }

    private mutating func lineComment() {
        while position < input.count && input[position] != "\n" { copy() }
    }

    private mutating func blockComment() {
        var depth = 0
        while position < input.count {
            if input[position] == "/" && at(1) == "*" { depth += 1; copy(2); continue }
            if input[position] == "*" && at(1) == "/" { depth -= 1; copy(2); if depth == 0 { return }; continue }
            copy()
        }
    }

    /// `$tag$ ... $tag$`: psql interpolates nothing inside.
    private mutating func dollarQuoteOrCopy() {
        var end = position + 1
        while end < input.count, input[end].isLetter || input[end].isNumber || input[end] == "_" { end += 1 }
        guard end < input.count, input[end] == "$", !(position > 0 && (input[position - 1].isLetter || input[position - 1].isNumber)) else {
            copy()
            return
        }
        let tag = Array(input[position...end])
        copy(tag.count)
        while position < input.count {
            if input[position] == "$" && position + tag.count <= input.count && input[position..<(position + tag.count)].elementsEqual(tag) {
                copy(tag.count)
                return
            }
            if let (_, name) = placeholder(at: position) {
                problems.append("the placeholder of \(name) is inside a dollar-quoted body, where psql substitutes nothing")
            }
            copy()
        }
    }

    /// A backslash command to the end of its line. Its arguments take `:NAME`,
    /// the value as text; inside a quoted argument the quote is closed around it.
    private mutating func metaCommandLine() {
        var quoted = false
        while position < input.count && input[position] != "\n" {
            let c = input[position]
            if let (length, name) = placeholder(at: position) {
                output += quoted ? Array("':\(name)'") : Array(":\(name)")
                position += length
                continue
            }
            if c == "'" { quoted.toggle() }
            if quoted && c == "\\" { copy(2); continue }
            copy()
        }
    }
}
