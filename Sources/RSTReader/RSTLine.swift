/// One source line as the RST parser sees it: tabs expanded to 8 columns,
/// and `offset` columns already removed by the enclosing indented block.
///
/// A line is its UTF-8 bytes in memory owned by the read's `LineStore`, with
/// no reference of its own: the parser copies, slices and dedents lines all
/// the time, and a line holding a String would pay a retain and a release for
/// each. Lines never leave the reader (nodes hold Strings), so the store, kept
/// by the parser for the whole read, outlives them all.
struct RSTLine {
    let bytes: UnsafeBufferPointer<UInt8>
    /// 1-based source line.
    let number: Int
    /// Columns removed by dedenting, so that column = offset + index + 1.
    let offset: Int
    /// Leading spaces, or Int.max for a blank line: counted once, asked often.
    let indent: Int

    init(bytes: UnsafeBufferPointer<UInt8>, number: Int, offset: Int) {
        self.bytes = bytes
        self.number = number
        self.offset = offset
        var indent = 0
        while indent < bytes.count, bytes[indent] == 0x20 { indent += 1 }
        self.indent = indent == bytes.count ? Int.max : indent
    }

    var isBlank: Bool { indent == Int.max }
    /// The length in UTF-8 bytes.
    var length: Int { bytes.count }
    /// The first byte, or 0 for an empty line: most constructs are told apart by it.
    var firstByte: UInt8 { bytes.first ?? 0 }

    /// The text, as a new String: for the rules that need characters, not bytes.
    var text: Substring { Substring(String(decoding: bytes, as: UTF8.self)) }

    /// The line from byte `start` on (a character boundary), `columns` further right.
    func dropping(bytes start: Int, columns: Int) -> RSTLine {
        RSTLine(bytes: UnsafeBufferPointer(rebasing: bytes[min(start, bytes.count)...]), number: number, offset: offset + columns)
    }

    /// The bytes `range` of the line, as a line that starts `columns` further right.
    func slice(_ range: Range<Int>, columns: Int) -> RSTLine {
        let lower = min(range.lowerBound, bytes.count), upper = min(max(range.upperBound, lower), bytes.count)
        return RSTLine(bytes: UnsafeBufferPointer(rebasing: bytes[lower..<upper]), number: number, offset: offset + columns)
    }

    /// How many characters the first `end` bytes hold (`end` on a character boundary).
    func columns(upTo end: Int) -> Int {
        String(decoding: bytes[..<end], as: UTF8.self).count
    }

    /// The length in bytes without the spaces and tabs at the end.
    var trimmedLength: Int {
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        return end
    }

    /// The line without its trailing spaces and tabs.
    func trimmingTrailingBlanks() -> RSTLine {
        slice(0..<trimmedLength, columns: 0)
    }

    /// Whether the text starts with this ASCII text.
    func starts(with prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard bytes.count >= count else { return false }
        for k in 0..<count where bytes[k] != prefix.utf8Start[k] { return false }
        return true
    }

    /// Whether the text is exactly this ASCII text.
    func `is`(_ whole: StaticString) -> Bool {
        bytes.count == whole.utf8CodeUnitCount && starts(with: whole)
    }

    func dedented(by n: Int) -> RSTLine {
        if isBlank { return dropping(bytes: bytes.count, columns: n) }
        if n <= indent { return dropping(bytes: n, columns: n) }
        // Past the indentation, n counts characters.
        let rest = text.dropFirst(n)
        return dropping(bytes: bytes.count - rest.utf8.count, columns: n)
    }

    static func expandTabs(_ line: Substring) -> String {
        guard line.utf8.contains(0x09) else { return String(line) }
        var out = ""
        for c in line {
            if c == "\t" { out += String(repeating: " ", count: 8 - out.count % 8) } else { out.append(c) }
        }
        return out
    }
}

/// The memory every line of one read points into: the documents' text and the
/// few lines the reader makes itself. Freed when the read is done.
final class LineStore {
    private var blocks: [UnsafeMutableBufferPointer<UInt8>] = []

    deinit {
        for block in blocks { block.deallocate() }
    }

    /// A copy of the bytes, kept as long as the store.
    func keep<Bytes: Collection<UInt8>>(_ source: Bytes) -> UnsafeBufferPointer<UInt8> {
        let block = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(source.count, 1))
        let (_, end) = block.initialize(from: source)
        blocks.append(block)
        return UnsafeBufferPointer(rebasing: block[..<end])
    }

    /// A line of text the reader made (an argument, a field's value).
    func line(_ text: some StringProtocol, number: Int, offset: Int) -> RSTLine {
        RSTLine(bytes: keep(text.utf8), number: number, offset: offset)
    }
}

extension Collection where Element == RSTLine {
    /// Removes the common indentation of the non-blank lines.
    func dedented() -> [RSTLine] {
        let common = self.lazy.map(\.indent).min() ?? 0
        return common == Int.max ? Array(self) : map { $0.dedented(by: common) }
    }

    /// The lines' text joined by newlines, copied once into a buffer of the right size.
    func joinedText() -> String {
        let size = reduce(0) { $0 + $1.length + 1 }
        guard size > 1 else { return "" }
        return String(unsafeUninitializedCapacity: size - 1) { buffer in
            var at = 0
            for (index, line) in zip(0..., self) {
                if index > 0 { buffer[at] = 0x0A; at += 1 }
                if let source = line.bytes.baseAddress, line.length > 0 {
                    (buffer.baseAddress! + at).update(from: source, count: line.length)
                    at += line.length
                }
            }
            return at
        }
    }
}

extension Array where Element == RSTLine {
    /// Drops blank lines at both ends.
    func trimmed() -> ArraySlice<RSTLine> {
        let start = firstIndex { !$0.isBlank } ?? endIndex
        let end = (lastIndex { !$0.isBlank } ?? -1) + 1
        return start < end ? self[start..<end] : []
    }
}
