import Foundation

/// A loaded document: its raw bytes (for hashing) and its text, normalised for
/// parsing (byte-order mark removed, CRLF and lone CR turned into LF).
public struct SourceFile: Sendable {
    /// Path as the user named it, used in diagnostics.
    public let path: String
    /// Path relative to the docs root, used in manifests and generated headers.
    public let relativePath: String
    /// The file's bytes as read (before any normalisation), for hashing.
    public let bytes: [UInt8]
    /// Of the bytes as read; computed when asked, as included files never need it.
    public var sha256: String { SHA256.hex(of: bytes) }
    public let text: String
    /// Where each line lies in the text's UTF-8 (newline excluded): found once, cheaply;
    /// a line's Substring is made only when asked for.
    public let lineRanges: [Range<Int>]

    public init(path: String, relativePath: String, bytes: [UInt8]) throws(Diagnostic) {
        self.path = path
        self.relativePath = relativePath
        self.bytes = bytes
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        guard let decoded = String(validating: body, as: UTF8.self) else {
            let (line, column) = SourceFile.firstInvalidUTF8(in: Array(body))
            throw Diagnostic.error(path, SourcePosition(line: line, column: column), "file is not valid UTF-8")
        }
        // Byte-wise searches on the buffer: Character-wise ones break graphemes,
        // and even the String's UTF-8 view is many times slower.
        let (nul, hasCR) = body.withUnsafeBufferPointer { buffer -> (Int?, Bool) in
            guard let base = buffer.baseAddress else { return (nil, false) }
            let nul = memchr(base, 0, buffer.count).map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) }
            return (nul, memchr(base, 0x0D, buffer.count) != nil)
        }
        if let nul {
            let before = body[..<(body.startIndex + nul)]
            let line = before.filter { $0 == 0x0A }.count + 1
            // Columns count characters, as everywhere else: the UTF-8 bytes after the last newline that start one.
            let lineStart = before.lastIndex(of: 0x0A).map { $0 + 1 } ?? body.startIndex
            let column = body[lineStart..<(body.startIndex + nul)].filter { $0 & 0xC0 != 0x80 }.count + 1
            throw Diagnostic.error(path, SourcePosition(line: line, column: column), "file contains a NUL character")
        }
        let text = hasCR
            ? decoded.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n") : decoded
        self.text = text
        self.lineRanges = SourceFile.lineRanges(text)
    }

    /// The lines of `text`, without their newlines (a final newline ends the last
    /// line rather than starting an empty one), as byte ranges found with memchr.
    static func lineRanges(_ text: String) -> [Range<Int>] {
        var text = text
        return text.withUTF8 { bytes in
            var ranges: [Range<Int>] = []
            guard let base = bytes.baseAddress else { return ranges }
            var start = 0
            while start < bytes.count {
                let end = memchr(base + start, 0x0A, bytes.count - start).map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? bytes.count
                ranges.append(start..<end)
                start = end + 1
            }
            return ranges
        }
    }

    /// The lines of the text, without their newlines.
    public var lines: [Substring] { lineRanges.map(substring) }

    private func substring(_ range: Range<Int>) -> Substring {
        let utf8 = text.utf8
        return Substring(utf8[utf8.index(utf8.startIndex, offsetBy: range.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: range.upperBound)])
    }

    /// Reads a file from disk; a missing or unreadable file is a diagnostic.
    public static func load(path: String, relativePath: String) throws(Diagnostic) -> SourceFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            throw Diagnostic.error(path, SourcePosition(line: 1, column: 1),
                                   exists ? "cannot read file" : "no such file")
        }
        return try SourceFile(path: path, relativePath: relativePath, bytes: Array(data))
    }

    public var lineCount: Int { lineRanges.count }

    /// The text of a 1-based line, or "" outside the file.
    public func line(_ number: Int) -> Substring {
        lineRanges.indices.contains(number - 1) ? substring(lineRanges[number - 1]) : ""
    }

    public func contains(_ range: SourceRange) -> Bool {
        range.start.line >= 1 && range.end.line <= max(lineCount, 1) && range.start <= range.end
    }

    private static func firstInvalidUTF8(in bytes: [UInt8]) -> (Int, Int) {
        var line = 1, column = 1, index = 0
        while index < bytes.count {
            let lead = bytes[index]
            let width = lead < 0x80 ? 1 : lead >> 5 == 0b110 ? 2 : lead >> 4 == 0b1110 ? 3 : lead >> 3 == 0b11110 ? 4 : 0
            if width == 0 || index + width > bytes.count
                || String(validating: bytes[index..<index + width], as: UTF8.self) == nil {
                return (line, column)
            }
            if lead == 0x0A { line += 1; column = 1 } else { column += width }
            index += width
        }
        return (line, column)
    }
}
