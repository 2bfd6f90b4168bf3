/// One source line as the RST parser sees it: tabs expanded to 8 columns,
/// and `offset` columns already removed by the enclosing indented block.
/// The text is a slice of the document's own text where it can be (most
/// lines need no normalising), so neither reading nor dedenting copies it.
struct RSTLine: Equatable {
    let text: Substring
    /// 1-based source line.
    let number: Int
    /// Columns removed by dedenting, so that column = offset + index + 1.
    let offset: Int
    /// Leading spaces, or Int.max for a blank line: counted once, asked often.
    let indent: Int
    /// The text's length in UTF-8 bytes, and its first byte (0 when empty): most
    /// constructs are told apart by their first bytes, asked of every line.
    let length: Int
    let firstByte: UInt8

    init(text: Substring, number: Int, offset: Int) {
        self.text = text
        self.number = number
        self.offset = offset
        // Spaces are ASCII: the bytes answer, without grapheme breaking.
        let bytes = text.utf8
        let scan = bytes.withContiguousStorageIfAvailable { buffer -> (Int, Int, UInt8) in
            var indent = 0
            while indent < buffer.count, buffer[indent] == 0x20 { indent += 1 }
            return (indent == buffer.count ? Int.max : indent, buffer.count, buffer.first ?? 0)
        } ?? (bytes.firstIndex { $0 != 0x20 }.map { bytes.distance(from: bytes.startIndex, to: $0) } ?? Int.max,
              bytes.count, bytes.first ?? 0)
        (indent, length, firstByte) = scan
    }

    init(text: String, number: Int, offset: Int) {
        self.init(text: text[...], number: number, offset: offset)
    }

    var isBlank: Bool { indent == Int.max }

    /// Whether the text starts with this ASCII text; the first byte decides most cases.
    func starts(with prefix: StaticString) -> Bool {
        guard length >= prefix.utf8CodeUnitCount else { return false }
        guard prefix.utf8CodeUnitCount > 0 else { return true }
        guard firstByte == prefix.utf8Start.pointee else { return false }
        return prefix.utf8CodeUnitCount == 1 || text.hasASCIIPrefix(prefix)
    }

    /// The text's UTF-8 bytes, for the scanners that test every line. A line is
    /// a slice of a native string, so this is a pointer, not a copy.
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        text.utf8.withContiguousStorageIfAvailable(body) ?? Array(text.utf8).withUnsafeBufferPointer(body)
    }

    /// The length in bytes without the spaces and tabs at the end.
    var trimmedLength: Int {
        withBytes { bytes in
            var end = bytes.count
            while end > 0, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
            return end
        }
    }

    /// Whether the text is exactly this ASCII text.
    func `is`(_ whole: StaticString) -> Bool {
        length == whole.utf8CodeUnitCount && starts(with: whole)
    }

    func dedented(by n: Int) -> RSTLine {
        if isBlank { return RSTLine(text: "", number: number, offset: offset + n) }
        if n <= indent { return RSTLine(text: Substring(text.utf8.dropFirst(n)), number: number, offset: offset + n) }
        return RSTLine(text: text.dropFirst(n), number: number, offset: offset + n)
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

extension Collection where Element == RSTLine {
    /// Removes the common indentation of the non-blank lines.
    func dedented() -> [RSTLine] {
        let common = self.lazy.map(\.indent).min() ?? 0
        return common == Int.max ? Array(self) : map { $0.dedented(by: common) }
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

extension Collection where Element == RSTLine {
    /// The lines' text joined by newlines, copied once into a buffer of the right size.
    func joinedText() -> String {
        let size = reduce(0) { $0 + $1.length + 1 }
        guard size > 1 else { return "" }
        return String(unsafeUninitializedCapacity: size - 1) { buffer in
            var at = 0
            for (index, line) in zip(0..., self) {
                if index > 0 { buffer[at] = 0x0A; at += 1 }
                at += line.withBytes { bytes in
                    guard let source = bytes.baseAddress, !bytes.isEmpty else { return 0 }
                    (buffer.baseAddress! + at).update(from: source, count: bytes.count)
                    return bytes.count
                }
            }
            return at
        }
    }
}
