import DocumentTree
import Foundation
import RunbookCore

/// `.. include:: path`: another file's text read in place, relative to the
/// including file, as docutils does: `:start-line:`/`:end-line:` cut lines,
/// then `:start-after:`/`:end-before:` cut at a text; `:literal:` (or `:code:`)
/// makes it one literal block. Nodes read from another file carry its path.
extension RSTBlockParser {
    mutating func include(argument: String, options: [String: String], first: RSTLine) -> [Node] {
        let position = SourcePosition(line: first.number, column: first.offset + 1)
        func fail(_ message: String, code: String? = nil) -> [Node] {
            diagnostics.append(Diagnostic(.error, source.path, position, message, code: code))
            return []
        }
        guard !argument.isEmpty else { return fail("the include directive needs a file name") }
        if argument.hasPrefix("<") && argument.hasSuffix(">") {
            diagnostics.append(.warning(source.path, position, "standard include '\(argument)' (docutils' own files) is not read"))
            return []
        }
        if includeStack.isEmpty { includeStack = [includeCache.key(source.path)] }
        let directory = (source.path as NSString).deletingLastPathComponent
        let path = Self.normalisedPath(directory.isEmpty || argument.hasPrefix("/") ? argument : directory + "/" + argument)
        let key = includeCache.key(path)
        if let index = includeStack.firstIndex(of: key) {
            // docutils warns and leaves the circular include out; so do we.
            let cycle = (includeStack[index...] + [key]).map { ($0 as NSString).lastPathComponent }.joined(separator: " → ")
            diagnostics.append(.warning(source.path, position, "circular include left out: \(cycle)"))
            return []
        }
        let included: SourceFile
        switch loadIncluded(path: path, key: key, argument: argument) {
        case .success(let file): included = file
        case .failure(let failure): return fail(failure.message, code: failure.code)
        }
        guard var selection = Self.select(RSTReader.rawLines(of: included, in: store), options: options) else {
            for option in ["start-after", "end-before"] where options[option] != nil {
                if let text = options[option], Self.firstIndex(of: Array(text.utf8), in: Array(included.text.utf8)) == nil {
                    return fail("the text of :\(option): is not in '\(argument)': \(text)")
                }
            }
            return fail("bad :start-line:/:end-line: for '\(argument)'")
        }
        // The same normalisation as the document's own lines (tabs, form feeds, trailing white space).
        let tabs = RSTReader.hasTabsOrFeeds(included.text)
        selection = RSTReader.normalisedLines(selection, mayHaveTabs: tabs, store: store)
        let origin = included.path

        if options["literal"] != nil || options["code"] != nil {
            return [Self.literalBlock(selection, options: options, origin: origin)]
        }
        return parseIncluded(selection, of: included, key: key)
    }

    struct IncludeFailure: Error {
        var message: String
        var code: String?
    }

    /// The included file, read once per build (the cache): only a regular file that exists and reads.
    mutating func loadIncluded(path: String, key: String, argument: String) -> Result<SourceFile, IncludeFailure> {
        if let cached = includeCache.files[key] { return .success(cached) }
        // Only regular files: a FIFO or a device (/dev/stdin) would block the reader.
        if let type = (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType, type != .typeRegular {
            return .failure(IncludeFailure(message: "cannot include '\(argument)': not a regular file"))
        }
        // A file missing from the tree (a site-local include) is RB111: the
        // build's error, a warning for ast, plan and lint, which go on as Sphinx does.
        guard FileManager.default.fileExists(atPath: path) else {
            return .failure(IncludeFailure(message: "cannot include '\(argument)': no such file", code: DiagnosticCode.missingInclude.code))
        }
        do {
            let included = try SourceFile.load(path: path, relativePath: path)
            includeCache.files[key] = included
            return .success(included)
        } catch {
            return .failure(IncludeFailure(message: "cannot include '\(argument)': \(error.message)"))
        }
    }

    /// `:literal:` and `:code:`: the cut text as one literal block.
    static func literalBlock(_ selection: [RSTLine], options: [String: String], origin: String) -> Node {
        let language = options["code"].flatMap { $0.isEmpty ? nil : $0 }
        // The text exactly as cut, as docutils keeps it (a newline after the start marker included).
        // (`:code:` gives its lines to the code directive, which joins them.)
        var text = selection.joinedText()
        if options["code"] != nil {
            text = text.trimmingCharacters(in: .newlines)
        } else if options["end-before"] == nil && !text.isEmpty {
            text += "\n"
        }
        let range = SourceRange(start: SourcePosition(line: selection.first?.number ?? 1, column: 1),
                                end: SourcePosition(line: selection.last?.number ?? 1, column: max(selection.last?.length ?? 1, 1)))
        var block = Node(.codeBlock(language: language, text: text, contentLine: selection.first?.number ?? 1), range)
        block.markOrigin(origin)
        return block
    }

    /// The included lines read as RST by a child parser that shares this one's
    /// section styles, substitutions and include cache; its nodes marked with their file.
    mutating func parseIncluded(_ selection: [RSTLine], of included: SourceFile, key: String) -> [Node] {
        var child = RSTBlockParser(source: included, store: store)
        child.depth = depth
        child.includeCache = includeCache
        child.includeStack = includeStack + [key]
        child.sectionStyles = sectionStyles
        child.inline = inline
        for (name, value) in SubstitutionScanner.definitions(in: selection) { child.inline.substitutions[name] = value }
        let nodes = child.blocks(selection, topLevel: parsingTopLevel)
        sectionStyles = child.sectionStyles
        inline.substitutions = child.inline.substitutions
        diagnostics += child.diagnostics
        var marked = nodes
        for index in marked.indices { marked[index].markOrigin(included.path) }
        return marked
    }

    /// "." and ".." resolved in the text of the path, as docutils' `os.path.normpath`
    /// does (Foundation's `standardizingPath` also asks the file system, at great cost).
    static func normalisedPath(_ path: String) -> String {
        // Split on the "/" bytes: Character-wise splitting costs more than the rest of an include.
        let bytes = Array(path.utf8)
        let absolute = bytes.first == UInt8(ascii: "/")
        let dot: [UInt8] = [0x2E], dotDot: [UInt8] = [0x2E, 0x2E]
        var parts: [ArraySlice<UInt8>] = []
        for part in bytes.split(separator: UInt8(ascii: "/")) where !part.elementsEqual(dot) {
            if part.elementsEqual(dotDot), let last = parts.last, !last.elementsEqual(dotDot) {
                parts.removeLast()
            } else if !part.elementsEqual(dotDot) || !absolute {
                parts.append(part)
            }
        }
        let joined = String(decoding: Array(parts.joined(separator: [UInt8(ascii: "/")])), as: UTF8.self)
        return absolute ? "/" + joined : joined.isEmpty ? "." : joined
    }

    /// The included lines, each with its own line number, or nil when an option's cut fails.
    static func select(_ all: [RSTLine], options: [String: String]) -> [RSTLine]? {
        var lines = all
        if let start = options["start-line"] {
            guard let n = Int(start) else { return nil }
            lines = Array(lines.dropFirst(n))
        }
        if let end = options["end-line"] {
            guard let n = Int(end) else { return nil }
            lines = Array(lines.prefix(max(0, n - (all.count - lines.count))))
        }
        if let after = options["start-after"] {
            guard let cut = cut(lines, at: after, keepAfter: true) else { return nil }
            lines = cut
        }
        if let before = options["end-before"] {
            guard let cut = cut(lines, at: before, keepAfter: false) else { return nil }
            lines = cut
        }
        return lines
    }

    /// Lines after (or before) the first occurrence of `marker`, which may fall mid-line;
    /// each kept line keeps its number and column. The marker is found in the bytes,
    /// as Python's `str.find` finds it in code points: no Unicode equivalence.
    static func cut(_ lines: [RSTLine], at marker: String, keepAfter: Bool) -> [RSTLine]? {
        let needle = Array(marker.utf8)
        guard !needle.isEmpty else { return nil }
        var joined: [UInt8] = []
        var starts: [Int] = []
        for line in lines {
            if !starts.isEmpty { joined.append(0x0A) }
            starts.append(joined.count)
            joined.append(contentsOf: line.bytes)
        }
        guard let found = firstIndex(of: needle, in: joined) else { return nil }
        // The cut falls in line k, `column` bytes from its start (valid UTF-8 matches on scalar boundaries).
        let at = keepAfter ? found + needle.count : found
        let k = starts.lastIndex { $0 <= at } ?? 0
        let column = min(at - starts[k], lines[k].length)
        if keepAfter {
            let columns = lines[k].columns(upTo: column)
            return [lines[k].dropping(bytes: column, columns: columns)] + lines[(k + 1)...]
        }
        return lines[..<k] + [lines[k].slice(0..<column, columns: 0)]
    }

    /// Where `needle` first occurs in `haystack`.
    static func firstIndex(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        let first = needle[0]
        for start in 0...(haystack.count - needle.count) where haystack[start] == first {
            var matched = 1
            while matched < needle.count, haystack[start + matched] == needle[matched] { matched += 1 }
            if matched == needle.count { return start }
        }
        return nil
    }
}

/// Files already read for `include` in this document: one read each, however often included.
final class IncludeCache {
    var files: [String: SourceFile] = [:]
    private var keys: [String: String] = [:]

    /// The file's identity: its path with symbolic links resolved, once per path.
    func key(_ path: String) -> String {
        if let key = keys[path] { return key }
        // realpath(3) rather than Foundation's resolvingSymlinksInPath, which costs
        // a readlink and several String conversions per path component.
        let key: String
        if let resolved = realpath(path, nil) {
            key = String(cString: resolved)
            free(resolved)
        } else {
            key = RSTBlockParser.normalisedPath(path)
        }
        keys[path] = key
        return key
    }
}

extension Node {
    /// This node and those under it, marked as read from another file (unless already marked).
    /// In place: the tree of an included file is uniquely owned, so no array is copied.
    mutating func markOrigin(_ origin: String) {
        if self.origin == nil { self.origin = origin }
        for index in children.indices { children[index].markOrigin(origin) }
    }
}
