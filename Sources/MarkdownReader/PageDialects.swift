import DocumentTree
import RunbookCore

/// What documentation generators add to CommonMark, read as their readers see
/// it: a YAML front matter's title (Hugo, Docusaurus, Jekyll), heading ids
/// (`## Setup {#setup}`), and admonitions: mkdocs' `!!! note` and `??? tip`
/// (an indented body, which CommonMark reads as a code block), Docusaurus'
/// `:::note … :::`, Hugo's `{{< hint … >}} … {{< /hint >}}` and MyST's
/// ```` ```{note} ```` fences.
enum PageDialects {
    /// The front matter's line range and its `title:`, if the page opens with one.
    static func frontMatter(_ source: SourceFile) -> (lines: ClosedRange<Int>, title: String?)? {
        guard source.lineCount >= 2, source.line(1) == "---" else { return nil }
        var title: String?
        for number in 2...source.lineCount {
            let line = source.line(number)
            if line == "---" || line == "..." { return (1...number, title) }
            if line.hasPrefix("title:") {
                var value = line.dropFirst(6).trimmingCharacters(in: .whitespaces)
                if value.count >= 2, let q = value.first, q == "\"" || q == "'", value.last == q { value = String(value.dropFirst().dropLast()) }
                title = value
            }
        }
        return nil
    }

    /// The language a fenced block gets when its title names a file: a file's content, not commands.
    public static let fileContent = "file-content"

    /// The file a fence's `title="…"` names (a path, or a name with an extension), if any.
    static func titledFile(_ info: String) -> String? {
        guard let start = info.range(of: "title=") else { return nil }
        var value = info[start.upperBound...]
        if let quote = value.first, quote == "\"" || quote == "'" {
            value = value.dropFirst().prefix { $0 != quote }
        } else {
            value = value.prefix { $0 != " " }
        }
        let name = String(value)
        guard !name.isEmpty, !name.contains(" ") else { return nil }
        let extensionLike = name.range(of: #"\.[A-Za-z0-9]{1,10}$"#, options: .regularExpression) != nil
        return name.contains("/") || extensionLike ? name : nil
    }

    /// A fence's language: its info string's first word, or the first class of
    /// an attribute list (`{.bash data-prompt="$"}`, `{ .text .no-copy }`, as
    /// pandoc and mkdocs' attr_list write it). MyST's `{note}` is a directive, kept as written.
    static func fenceLanguage(_ info: String) -> String? {
        let trimmed = info.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("{"), let close = trimmed.firstIndex(of: "}"),
           let language = trimmed[trimmed.index(after: trimmed.startIndex)..<close].split(separator: " ").first(where: { $0.hasPrefix(".") && $0.count > 1 }) {
            return String(language.dropFirst())
        }
        return trimmed.split(separator: " ").first.map(String.init)
    }

    /// `Setup {#setup}` → `Setup`.
    static func headingText(_ text: String) -> String {
        guard text.hasSuffix("}"), let open = text.range(of: " {#", options: .backwards) ?? text.range(of: " {:", options: .backwards) else { return text }
        return String(text[..<open.lowerBound])
    }

    static let kinds: [String: String] = [
        "note": "note", "info": "note", "abstract": "note", "summary": "note", "tldr": "note", "example": "note", "quote": "note",
        "tip": "tip", "hint": "tip", "success": "tip", "check": "tip", "done": "tip", "question": "note", "help": "note", "faq": "note",
        "important": "important", "warning": "warning", "caution": "caution", "attention": "warning", "failure": "danger",
        "fail": "danger", "missing": "danger", "danger": "danger", "error": "danger", "bug": "danger", "seealso": "note",
    ]

    static func kind(_ word: Substring) -> String { kinds[word.lowercased()] ?? "note" }

    /// `!!! warning "Title"`, `???+ note`: kind and title.
    static func mkdocsMarker(_ line: Substring) -> (kind: String, title: String?)? {
        let trimmed = line.drop { $0 == " " }
        guard let marker = ["!!! ", "???+ ", "??? "].first(where: { trimmed.hasPrefix($0) }) else { return nil }
        let rest = trimmed.dropFirst(marker.count).trimmingCharacters(in: .whitespaces)
        let word = rest.prefix { !$0.isWhitespace }
        guard !word.isEmpty else { return nil }
        var title: String?
        if let open = rest.firstIndex(of: "\""), let close = rest.lastIndex(of: "\""), open < close {
            title = String(rest[rest.index(after: open)..<close])
        }
        return (kind(word), title)
    }

    /// mkdocs-material's content tab: `=== "Ubuntu"` (`===+` selects it).
    static func contentTab(_ line: Substring) -> String? {
        let trimmed = line.drop { $0 == " " }
        guard let marker = ["===+ ", "=== "].first(where: { trimmed.hasPrefix($0) }) else { return nil }
        let rest = trimmed.dropFirst(marker.count).trimmingCharacters(in: .whitespaces)
        guard rest.count >= 2, rest.first == "\"", rest.last == "\"" else { return nil }
        return String(rest.dropFirst().dropLast())
    }

    /// `:::note Title` (Docusaurus) or `{{< hint style="warning" >}}` (Hugo): kind and title.
    static func fencedMarker(_ text: String) -> (kind: String, title: String?, closer: String)? {
        let first = text.prefix { $0 != "\n" }.trimmingCharacters(in: .whitespaces)
        if first.hasPrefix(":::"), first.count > 3 {
            let rest = first.dropFirst(3)
            let word = rest.prefix { !$0.isWhitespace }
            let title = rest.dropFirst(word.count).trimmingCharacters(in: .whitespaces)
            return (kind(word), title.isEmpty ? nil : title, ":::")
        }
        if first.hasPrefix("{{<"), first.contains("hint") || first.contains("notice") || first.contains("alert") || first.contains("callout") {
            var style = "note"
            if let range = first.range(of: "style=\""), let end = first[range.upperBound...].firstIndex(of: "\"") {
                style = String(first[range.upperBound..<end])
            } else if let word = first.split(separator: " ").dropFirst(2).first, !word.hasPrefix(">") {
                style = String(word)
            }
            return (kind(Substring(style)), nil, "{{<")
        }
        return nil
    }
}
