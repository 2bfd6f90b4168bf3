import DocumentTree
import Foundation
import RunbookCore

/// Reads reStructuredText into the format-neutral tree, following the
/// reStructuredText specification (docutils' docs/ref/rst/restructuredtext.txt)
/// for the block constructs procedure docs use. Never throws: what it cannot
/// read becomes a warning and the best tree it can make.
public enum RSTReader {
    /// `substitutions`: `|name|` definitions a project gives every page (Sphinx's
    /// `rst_epilog`); the page's own definitions win.
    public static func read(_ source: SourceFile, substitutions: [String: String] = [:]) -> Document {
        // Every line points into the store: it must outlive the parse.
        let store = LineStore()
        let (flat, diagnostics) = withExtendedLifetime(store) {
            let lines = normalisedLines(rawLines(of: source, in: store), mayHaveTabs: hasTabsOrFeeds(source.text), store: store)
            var parser = RSTBlockParser(source: source, store: store)
            let given = Dictionary(substitutions.map { ($0.key.lowercased(), $0.value) }) { $1 }
            parser.inline.substitutions = given.merging(SubstitutionScanner.definitions(in: lines)) { $1 }
            return (parser.blocks(lines, topLevel: true), parser.diagnostics)
        }
        let tree = SectionNester.nest(flat)
        let end = tree.last?.range.end ?? SourcePosition(line: max(source.lineCount, 1), column: 1)
        return Document(source: source, root: Node(.document, SourceRange(start: SourcePosition(line: 1, column: 1), end: end), children: tree),
                        diagnostics: diagnostics)
    }
}

extension RSTReader {
    /// `a/./b/../c` → `a/c`, as an include's path is resolved (`..` kept at the
    /// start of a relative path); for the pipeline's fragment finder too.
    public static func normalisedPath(_ path: String) -> String { RSTBlockParser.normalisedPath(path) }

    /// The file's lines as read (a final newline ends the last line), their bytes kept in the store.
    static func rawLines(of source: SourceFile, in store: LineStore) -> [RSTLine] {
        let text = store.keep(source.text.utf8)
        return source.lineRanges.enumerated().map { RSTLine(bytes: UnsafeBufferPointer(rebasing: text[$0.element]), number: $0.offset + 1, offset: 0) }
    }

    /// Like docutils, form feeds and vertical tabs turned into spaces, tabs
    /// expanded, and trailing white space dropped, before anything else.
    /// (`mayHaveTabs`: whether the file has a tab, form feed or vertical tab anywhere.)
    static func normalisedLines(_ lines: [RSTLine], mayHaveTabs: Bool, store: LineStore) -> [RSTLine] {
        lines.map { normalised($0, mayHaveTabs: mayHaveTabs, store: store) }
    }

    /// Whether the text has a tab, vertical tab or form feed anywhere. Most files
    /// have none, and then only a line's last byte can call for normalising it.
    static func hasTabsOrFeeds(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { bytes in
            guard let base = bytes.baseAddress else { return false }
            return memchr(base, 0x09, bytes.count) != nil || memchr(base, 0x0B, bytes.count) != nil || memchr(base, 0x0C, bytes.count) != nil
        } ?? true
    }

    static func normalised(_ line: RSTLine, mayHaveTabs: Bool, store: LineStore) -> RSTLine {
        let bytes = line.bytes
        guard let last = bytes.last else { return line }
        if last > 0x20 && last < 0x80 && !(mayHaveTabs && bytes.contains { $0 == 0x09 || $0 == 0x0B || $0 == 0x0C }) { return line }
        var text = RSTLine.expandTabs(line.text)
        if text.utf8.contains(where: { $0 == 0x0B || $0 == 0x0C }) {
            text = text.replacingOccurrences(of: "\u{0C}", with: " ").replacingOccurrences(of: "\u{0B}", with: " ")
        }
        // Most lines end in a plain ASCII character: nothing to strip.
        if let last = text.utf8.last, last > 0x20, last < 0x80 { return store.line(text, number: line.number, offset: line.offset) }
        return store.line(text.trimmingTrailingWhitespace(), number: line.number, offset: line.offset)
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
