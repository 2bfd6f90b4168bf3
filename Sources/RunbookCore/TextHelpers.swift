extension String {
    /// The text without the spaces and tabs at its end.
    public func trimmingTrailingBlanks() -> String {
        // Most text ends in neither: answered from the last byte.
        guard let last = utf8.last, last == 0x20 || last == 0x09 else { return self }
        var s = self
        while let last = s.last, last == " " || last == "\t" { s.removeLast() }
        return s
    }
}

extension Substring {
    /// The text without the spaces and tabs at its end: a slice, not a copy, found
    /// from the bytes.
    public func trimmingTrailingBlanks() -> Substring {
        let bytes = utf8
        guard let last = bytes.last, last == 0x20 || last == 0x09 else { return self }
        // Blanks are single bytes: the cut falls on a character boundary.
        var end = bytes.endIndex
        while end > bytes.startIndex, bytes[bytes.index(before: end)] == 0x20 || bytes[bytes.index(before: end)] == 0x09 {
            end = bytes.index(before: end)
        }
        return Substring(bytes[..<end])
    }
}
