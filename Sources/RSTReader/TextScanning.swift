/// Small text helpers, written against the UTF-8 view so that the common
/// all-ASCII case needs no grapheme breaking and no Foundation bridging.
extension Substring {
    /// The text without leading and trailing spaces as `CharacterSet.whitespaces`
    /// sees them (tab and the Unicode space separators, e.g. no-break space).
    func trimmingSpaces() -> String {
        let bytes = utf8
        // The usual case: ASCII letters or punctuation at both ends.
        if let first = bytes.first, let last = bytes.last, first > 0x20, first < 0x80, last > 0x20, last < 0x80 {
            return String(self)
        }
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.isSpace }) else { return "" }
        let end = scalars.lastIndex(where: { !$0.isSpace })!
        return String(Substring(scalars[start...end]))
    }
}

extension String {
    func trimmingSpaces() -> String { self[...].trimmingSpaces() }
}

extension StringProtocol {
    /// The text without its backslashes (what escapes leave in a role's target).
    func removingBackslashes() -> String {
        guard utf8.contains(0x5C) else { return String(self) }
        // A backslash byte is never part of a multi-byte character.
        return String(decoding: utf8.filter { $0 != 0x5C }, as: UTF8.self)
    }
}

extension Unicode.Scalar {
    /// Tab or a space separator (general category Zs): `CharacterSet.whitespaces`.
    var isSpace: Bool {
        if value == 0x20 || value == 0x09 { return true }
        if value < 0x80 { return false }
        return properties.generalCategory == .spaceSeparator
    }
}

/// Scalars read straight from UTF-8 bytes of valid text (they come from a
/// String): inline markup delimiters are ASCII, so the scanners work on bytes
/// and decode a scalar only where a rule looks at a neighbouring character.
enum UTF8Scalars {
    /// How many bytes the scalar starting with `lead` takes.
    static func width(_ lead: UInt8) -> Int {
        lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    }

    static func scalar(at i: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar {
        let lead = bytes[i]
        if lead < 0x80 { return Unicode.Scalar(lead) }
        let count = width(lead)
        var value = UInt32(lead) & (0xFF >> (count + 1))
        for k in 1..<count where i + k < bytes.count { value = value << 6 | UInt32(bytes[i + k] & 0x3F) }
        return Unicode.Scalar(value) ?? "\u{FFFD}"
    }

    /// The scalar that ends just before byte index `i` (i > 0).
    static func scalar(before i: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar {
        var start = i - 1
        while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return scalar(at: start, in: bytes)
    }
}

