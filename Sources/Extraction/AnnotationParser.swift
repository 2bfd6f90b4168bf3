import RunbookCore

/// Parses the text of a comment into an annotation. Values are bare words or
/// quoted with "..." or '...'; inside double quotes `\"` and `\\` escape.
public enum AnnotationParser {
    public static let prefix = "runbook:"

    /// A comment that reads like an annotation with its marker mistyped
    /// (`runbok: ...`, `runbook undo=...` without the colon): the marker as written.
    public static func mistypedMarker(_ comment: String) -> String? {
        let trimmed = comment.drop { $0 == " " || $0 == "\n" || $0 == "\t" }
        guard !trimmed.hasPrefix(prefix) else { return nil }
        let word = trimmed.prefix { $0.isLetter || $0 == ":" }
        let letters = word.filter(\.isLetter).lowercased()
        guard letters.count >= 5, NearestName.editDistance(Array(letters), Array("runbook")) <= 2 else { return nil }
        // A bare "runbook" followed by prose is a sentence, not an annotation.
        if letters == "runbook" && !word.hasSuffix(":") && !trimmed.dropFirst(word.count).drop(while: { $0 == " " }).contains("=") { return nil }
        return String(word)
    }

    /// nil when the comment is not a runbook annotation at all.
    public static func parse(_ comment: String, range: SourceRange, source: SourceFile) -> Result<Annotation, Diagnostic>? {
        let trimmed = comment.drop { $0 == " " || $0 == "\n" || $0 == "\t" }
        guard trimmed.hasPrefix(prefix) else { return nil }
        var scanner = Scanner(Array(trimmed.dropFirst(prefix.count)))
        var entries: [Annotation.Entry] = []
        var locate = Locator(source: source, range: range)
        while scanner.skipBlanks() {
            let keyText = scanner.word()
            let position = locate.position(of: keyText.isEmpty ? String(scanner.peek ?? " ") : keyText)
            guard !keyText.isEmpty else {
                return .failure(.error(source.path, position, "expected an annotation key, found '\(scanner.peek!)'"))
            }
            // The key's own text: what an error about it underlines.
            let keyRange = SourceRange(start: position, end: SourcePosition(line: position.line, column: position.column + keyText.utf8.count - 1))
            guard let key = Annotation.Key(rawValue: keyText) else {
                let keys = Annotation.Key.allCases.map(\.rawValue)
                if let near = NearestName.suggestion(for: keyText, in: keys) {
                    var diagnostic = Diagnostic.error(source.path, keyRange, "unknown annotation key '\(keyText)': did you mean '\(near)'?")
                    diagnostic.fix = "known keys: \(keys.joined(separator: ", "))"
                    return .failure(diagnostic)
                }
                return .failure(.error(source.path, keyRange, "unknown annotation key '\(keyText)' (known keys: \(keys.joined(separator: ", ")))"))
            }
            var value: String?
            if scanner.consume("=") {
                switch scanner.value() {
                case .success(let text): value = text
                case .failure(let failure): return .failure(.error(source.path, position, failure.message))
                }
            } else if !key.isFlag {
                return .failure(.error(source.path, keyRange, "annotation key '\(keyText)' needs a value: \(keyText)=..."))
            }
            entries.append(Annotation.Entry(key: key, value: value, position: position))
        }
        if entries.isEmpty {
            return .failure(.error(source.path, range.start, "empty runbook annotation"))
        }
        return .success(Annotation(entries: entries, range: range))
    }
}

/// Finds where each key of a comment stands in the source, for diagnostics:
/// searches forward from just after `runbook:`, one key after another.
struct Locator {
    let source: SourceFile
    let range: SourceRange
    private var line: Int
    private var offset = 0

    init(source: SourceFile, range: SourceRange) {
        self.source = source
        self.range = range
        self.line = range.start.line
        if let (line, column) = find(AnnotationParser.prefix) { (self.line, self.offset) = (line, column + AnnotationParser.prefix.utf8.count) }
    }

    mutating func position(of word: String) -> SourcePosition {
        guard let (line, column) = find(word) else { return range.start }
        (self.line, self.offset) = (line, column + word.utf8.count)
        return SourcePosition(line: line, column: column + 1)
    }

    /// Line and 0-based byte column of the next occurrence of `word` at or after the cursor.
    private func find(_ word: String) -> (Int, Int)? {
        for number in line...max(range.end.line, line) {
            let text = source.line(number)
            let from = number == line ? min(offset, text.utf8.count) : 0
            let start = text.utf8.index(text.startIndex, offsetBy: from)
            if let hit = text[start...].range(of: word) {
                return (number, text.utf8.distance(from: text.startIndex, to: hit.lowerBound))
            }
        }
        return nil
    }
}

struct Scanner {
    private let characters: [Character]
    private var index = 0

    init(_ characters: [Character]) { self.characters = characters }

    var peek: Character? { index < characters.count ? characters[index] : nil }

    /// Skips blanks; false at the end of input.
    mutating func skipBlanks() -> Bool {
        while let c = peek, c == " " || c == "\t" || c == "\n" { index += 1 }
        return peek != nil
    }

    mutating func consume(_ c: Character) -> Bool {
        guard peek == c else { return false }
        index += 1
        return true
    }

    mutating func word() -> String {
        var word = ""
        while let c = peek, c.isLetter || c.isNumber || c == "_" || c == "-" { word.append(c); index += 1 }
        return word
    }

    mutating func value() -> Result<String, ScanError> {
        guard let quote = peek else { return .failure(ScanError(message: "missing value after '='")) }
        guard quote == "\"" || quote == "'" else {
            var text = ""
            while let c = peek, c != " " && c != "\t" && c != "\n" { text.append(c); index += 1 }
            return text.isEmpty ? .failure(ScanError(message: "missing value after '='")) : .success(text)
        }
        index += 1
        var text = ""
        while let c = peek {
            index += 1
            if c == quote { return .success(text) }
            if c == "\\" && quote == "\"", let next = peek, next == "\"" || next == "\\" {
                text.append(next)
                index += 1
            } else {
                text.append(c)
            }
        }
        return .failure(ScanError(message: "unterminated quoted value"))
    }
}

struct ScanError: Error { var message: String }
