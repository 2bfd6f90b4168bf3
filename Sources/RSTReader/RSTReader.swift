import DocumentTree
import Foundation
import RunbookCore

/// Reads reStructuredText into the format-neutral tree, following the
/// reStructuredText specification (docutils' docs/ref/rst/restructuredtext.txt)
/// for the block constructs procedure docs use. Never throws: what it cannot
/// read becomes a warning and the best tree it can make.
public enum RSTReader {
    public static func read(_ source: SourceFile) -> Document {
        // Like docutils, turn form feeds and vertical tabs into spaces, expand tabs,
        // and drop trailing white space before anything else.
        let lines = normalisedLines(of: source)
        var parser = RSTBlockParser(source: source)
        parser.inline.substitutions = SubstitutionScanner.definitions(in: lines)
        let flat = parser.blocks(lines, topLevel: true)
        let tree = SectionNester.nest(flat)
        let end = tree.last?.range.end ?? SourcePosition(line: max(source.lineCount, 1), column: 1)
        return Document(source: source, root: Node(.document, SourceRange(start: SourcePosition(line: 1, column: 1), end: end), children: tree),
                        diagnostics: parser.diagnostics)
    }
}

extension RSTReader {
    /// The file's lines as the parser reads them.
    static func normalisedLines(of source: SourceFile) -> [RSTLine] {
        let tabs = hasTabsOrFeeds(source.text)
        return source.lines.enumerated().map { RSTLine(text: normalised($0.element, mayHaveTabs: tabs), number: $0.offset + 1, offset: 0) }
    }

    /// Whether the text has a tab, vertical tab or form feed anywhere. Most files
    /// have none, and then only a line's last byte can call for normalising it.
    static func hasTabsOrFeeds(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { bytes in
            guard let base = bytes.baseAddress else { return false }
            return [0x09, 0x0B, 0x0C].contains { memchr(base, $0, bytes.count) != nil }
        } ?? true
    }

    static func normalised(_ line: Substring, mayHaveTabs: Bool = true) -> Substring {
        // Most lines have no tab, form feed or vertical tab, and end in a visible ASCII character.
        let clean = line.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard let last = bytes.last else { return true }
            guard last > 0x20 && last < 0x80 else { return false }
            guard mayHaveTabs, let base = bytes.baseAddress else { return true }
            return memchr(base, 0x09, bytes.count) == nil && memchr(base, 0x0B, bytes.count) == nil && memchr(base, 0x0C, bytes.count) == nil
        }
        if clean == true { return line }
        var text = RSTLine.expandTabs(line)
        if text.utf8.contains(where: { $0 == 0x0B || $0 == 0x0C }) {
            text = text.replacingOccurrences(of: "\u{0C}", with: " ").replacingOccurrences(of: "\u{0B}", with: " ")
        }
        // Most lines end in a plain ASCII character: nothing to strip.
        if let last = text.utf8.last, last > 0x20, last < 0x80 { return text[...] }
        return text.trimmingTrailingWhitespace()[...]
    }
}

extension String {
    /// Trailing white space as Python's `rstrip()` sees it, Unicode spaces
    /// included: docutils strips every line so before parsing.
    func trimmingTrailingWhitespace() -> String {
        var s = self
        while let last = s.last, last.isWhitespace { s.removeLast() }
        return s
    }
}

/// `.. |name| replace:: text` definitions, collected first because a
/// substitution may be used before it is defined.
enum SubstitutionScanner {
    static func definitions(in lines: [RSTLine]) -> [String: String] {
        var result: [String: String] = [:]
        for line in lines where line.starts(with: ".. |") {
            let rest = line.text.dropFirst(4)
            guard let bar = rest.firstIndex(of: "|") else { continue }
            let name = rest[..<bar].lowercased()
            let after = rest[rest.index(after: bar)...].drop { $0 == " " }
            // An image stands for its alternate text: the substitution's name as defined.
            if after.hasPrefix("image::") { result[name] = String(rest[..<bar]); continue }
            guard after.hasPrefix("replace::") else { continue }
            result[name] = after.dropFirst("replace::".count).trimmingSpaces()
        }
        return result
    }
}
