import Foundation

/// Reduces RST inline markup to the plain text a reader sees: emphasis,
/// strong and literal markers dropped, roles and references reduced to their
/// text (`:ref:`title <target>`` → title), substitutions replaced, escapes resolved.
///
/// The scanners work on UTF-8 bytes: every delimiter is ASCII, and a byte of a
/// multi-byte character is never mistaken for one.
struct InlineMarkup {
    var substitutions: [String: String] = [:]

    /// What may stand before inline markup's start-string.
    static let openers: Set<Unicode.Scalar> = Set(" \t\n([{<'\"-/:‘“«".unicodeScalars)

    private static let backslash = UInt8(ascii: "\\"), backquote = UInt8(ascii: "`"), colon = UInt8(ascii: ":"),
                       star = UInt8(ascii: "*"), bar = UInt8(ascii: "|"), underscore = UInt8(ascii: "_"),
                       bracket = UInt8(ascii: "["), closingBracket = UInt8(ascii: "]"), space = UInt8(ascii: " "),
                       newline = UInt8(ascii: "\n")

    /// Bytes that can start inline markup or an escape.
    private static func mayStartMarkup(_ byte: UInt8) -> Bool {
        switch byte {
        case backslash, backquote, colon, star, bar, underscore, bracket: return true
        default: return false
        }
    }

    /// The inline literals (``text``) of a paragraph, line breaks read as spaces.
    static func literals(in text: String) -> [String] {
        guard text.contains("``") else { return [] }
        let pattern = try! NSRegularExpression(pattern: "(?<![\\w`\\\\])``(?![\\s`])(.+?)(?<!\\s)``(?![\\w`])", options: [.dotMatchesLineSeparators])
        return pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
            Range(match.range(at: 1), in: text).map { text[$0].replacingOccurrences(of: "\n", with: " ") }
        }
    }

    func plain(_ text: String) -> String {
        var text = text
        // Nothing to reduce (most lines of prose): the text itself, not a copy.
        return text.withUTF8 { $0.contains(where: Self.mayStartMarkup) ? plain(bytes: $0) : nil } ?? text
    }

    /// The plain text of valid UTF-8 bytes (a String's own buffer).
    private func plain(bytes c: UnsafeBufferPointer<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(c.count)
        var i = 0
        while i < c.count {
            let ch = c[i]
            // Runs of ordinary text are copied whole.
            if !Self.mayStartMarkup(ch) {
                var end = i + 1
                while end < c.count, !Self.mayStartMarkup(c[end]) { end += 1 }
                out += c[i..<end]
                i = end
                continue
            }
            if let next = quotedMarkup(c, at: i, into: &out) ?? referenceMarkup(c, at: i, into: &out) ?? emphasisOrSubstitution(c, at: i, into: &out) {
                i = next
                continue
            }
            out.append(ch)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    private func startOK(_ c: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        i == 0 || Self.openers.contains(UTF8Scalars.scalar(before: i, in: c))
    }

    /// An escape, an inline literal, a role, an inline target at `i`: its text
    /// appended, and the index after it; nil when none starts there.
    private func quotedMarkup(_ c: UnsafeBufferPointer<UInt8>, at i: Int, into out: inout [UInt8]) -> Int? {
        let ch = c[i]
        if ch == Self.backslash, i + 1 < c.count {
            let end = min(i + 1 + UTF8Scalars.width(c[i + 1]), c.count)
            if c[i + 1] != Self.space && c[i + 1] != Self.newline { out += c[(i + 1)..<end] }
            return end
        }
        if ch == Self.backquote, i + 1 < c.count, c[i + 1] == Self.backquote, startOK(c, i),
           let end = find("``", in: c, from: i + 2, escapes: false) {
            out += c[(i + 2)..<end]
            return end + 2
        }
        if ch == Self.colon && startOK(c, i), let (role, after) = roleName(c, i), after < c.count, c[after] == Self.backquote,
           let end = find("`", in: c, from: after + 1) {
            out += interpreted(Self.string(c[(after + 1)..<end]), role: role).utf8
            return end + 1
        }
        // An inline target _`text`: its text.
        if ch == Self.underscore, i + 1 < c.count, c[i + 1] == Self.backquote, startOK(c, i),
           let end = find("`", in: c, from: i + 2) {
            out += c[(i + 2)..<end]
            return end + 1
        }
        return nil
    }

    /// A footnote or citation reference, interpreted text or a phrase reference at `i`.
    private func referenceMarkup(_ c: UnsafeBufferPointer<UInt8>, at i: Int, into out: inout [UInt8]) -> Int? {
        let ch = c[i]
        // A footnote or citation reference [1]_, [label]_: docutils shows the label.
        if ch == Self.bracket, startOK(c, i), let close = c[(i + 1)...].firstIndex(of: Self.closingBracket), close > i + 1,
           close + 1 < c.count, c[close + 1] == Self.underscore,
           Self.string(c[(i + 1)..<close]).unicodeScalars.allSatisfy({ Self.isWordScalar($0) || "-_.".unicodeScalars.contains($0) })
            || c[(i + 1)..<close].elementsEqual([Self.star]),
           close + 2 == c.count || !Self.isWordScalar(UTF8Scalars.scalar(at: close + 2, in: c)) {
            out += c[(i + 1)..<close]
            return close + 2
        }
        if ch == Self.backquote, startOK(c, i), let end = find("`", in: c, from: i + 1) {
            var j = end + 1
            while j < c.count, c[j] == Self.underscore { j += 1 }
            if j < c.count, c[j] == Self.colon, let (_, after) = roleName(c, j), after <= c.count { j = after }
            out += interpreted(Self.string(c[(i + 1)..<end]), role: nil).utf8
            return j
        }
        return nil
    }

    /// Emphasis or strong text, a substitution, or a `word_` reference at `i`.
    private func emphasisOrSubstitution(_ c: UnsafeBufferPointer<UInt8>, at i: Int, into out: inout [UInt8]) -> Int? {
        let ch = c[i]
        if ch == Self.star, startOK(c, i), i + 1 < c.count, c[i + 1] != Self.space {
            let strong = c[i + 1] == Self.star
            let width = strong ? 2 : 1
            if let end = find(strong ? "**" : "*", in: c, from: i + width), end > i + width {
                // Inline markup does not nest: inside, only escapes are read (`*v_*` is "v_").
                out += Substring(Self.string(c[(i + width)..<end])).removingBackslashes().utf8
                return end + width
            }
        }
        if ch == Self.bar, startOK(c, i), let end = find("|", in: c, from: i + 1), end > i + 1,
           let value = substitutions[Self.string(c[(i + 1)..<end]).lowercased()] {
            out += value.utf8
            var next = end + 1
            while next < c.count, c[next] == Self.underscore { next += 1 }
            return next
        }
        // A reference `word_` or `word__`: keep the word.
        if ch == Self.underscore, i > 0, Self.isWordScalar(UTF8Scalars.scalar(before: i, in: c)),
           i + 1 == c.count || !Self.isWordScalar(UTF8Scalars.scalar(at: i + 1, in: c)) {
            var next = i + 1
            if next < c.count, c[next] == Self.underscore { next += 1 }
            return next
        }
        return nil
    }

    static func string(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// White space as Unicode has it; ASCII answered without the property tables.
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? scalar == " " || (0x09...0x0D).contains(scalar.value) : scalar.properties.isWhitespace
    }

    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let v = scalar.value
            return (0x30...0x39).contains(v) || (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v)
        }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    /// `title <target>` → title; a bare `target` stays as written.
    func interpreted(_ body: String, role: String?) -> String {
        // Math is shown as written, backslashes and all.
        if role == "math" { return body }
        switch role?.lowercased() {
        case "pep", "pep-reference": return "PEP " + body
        case "rfc", "rfc-reference": return "RFC " + body
        default: break
        }
        // `title <target>`: the title, found in the bytes (all the delimiters are ASCII).
        // Sphinx's cross-reference roles need no space before `<` (`:ref:`a()<b>``).
        let bytes = body.utf8
        if bytes.last == UInt8(ascii: ">"), let open = bytes.lastIndex(of: UInt8(ascii: "<")), open > bytes.startIndex {
            let space = bytes.index(before: open)
            if bytes[space] == Self.space || bytes[space] == Self.newline { return Substring(bytes[..<space]).removingBackslashes() }
            if let role, Self.crossReferenceRoles.contains(role.lowercased()) {
                return Substring(bytes[..<open]).removingBackslashes()
            }
        }
        switch role {
        case "ref", "doc", "term", "any": if bytes.first == UInt8(ascii: "~") { return String(Substring(bytes.dropFirst())) }
        default: break
        }
        return body.removingBackslashes()
    }

    /// Sphinx's roles whose explicit title needs no space before the target (XRefRole).
    static let crossReferenceRoles: Set<String> = [
        "ref", "doc", "term", "any", "numref", "keyword", "option", "envvar", "token", "download",
        "py:func", "py:class", "py:meth", "py:mod", "py:attr", "py:data", "py:exc", "py:obj", "func", "class", "meth", "mod",
        "attr", "data", "exc", "obj", "c:func", "c:type", "c:macro", "c:member", "c:data", "cpp:func", "cpp:class",
    ]

    /// `:name:` starting at i: the role and the index after its closing colon.
    func roleName(_ c: UnsafeBufferPointer<UInt8>, _ i: Int) -> (String, Int)? {
        guard c[i] == Self.colon else { return nil }
        var j = i + 1
        while j < c.count {
            if c[j] == Self.colon {
                if j + 1 < c.count && c[j + 1] == Self.backquote { return (Self.string(c[(i + 1)..<j]), j + 1) }
                j += 1
                continue
            }
            let scalar = UTF8Scalars.scalar(at: j, in: c)
            guard Self.isWordScalar(scalar) || "-_+.".unicodeScalars.contains(scalar) else { return nil }
            j += UTF8Scalars.width(c[j])
        }
        return nil
    }

    /// The next occurrence of `marker` from `start` that can end inline markup. In an
    /// inline literal (`escapes: false`) a backslash is text, so it does not hide an end-string.
    func find(_ m: StaticString, in c: UnsafeBufferPointer<UInt8>, from start: Int, escapes: Bool = true) -> Int? {
        let m = UnsafeBufferPointer(start: m.utf8Start, count: m.utf8CodeUnitCount)
        var i = start
        while i + m.count <= c.count {
            if c[i] == m[0], m.count == 1 || c[i + 1] == m[1], i > 0, c[i - 1] != Self.space, !escapes || c[i - 1] != Self.backslash {
                let after = i + m.count
                if after == c.count || m.last == Self.backquote || !Self.isWordScalar(UTF8Scalars.scalar(at: after, in: c)) { return i }
            }
            i += 1
        }
        return nil
    }

    /// The first inline markup opened and never closed in a paragraph's text (its lines joined):
    /// its kind and the index of the line it starts on (docutils warns about these).
    func firstUnterminated(_ text: String) -> (String, Int)? {
        var text = text
        return text.withUTF8 { $0.contains { $0 == Self.star || $0 == Self.backquote } ? firstUnterminated(bytes: $0) : nil }
    }

    private func firstUnterminated(bytes c: UnsafeBufferPointer<UInt8>) -> (String, Int)? {
        func startOK(_ i: Int) -> Bool { i == 0 || Self.openers.contains(UTF8Scalars.scalar(before: i, in: c)) }
        /// A start-string: after a space or opening punctuation, before a non-space.
        func opens(_ marker: StaticString, at i: Int) -> Bool {
            let count = marker.utf8CodeUnitCount, m = marker.utf8Start
            return i + count < c.count && c[i] == m[0] && (count == 1 || c[i + 1] == m[1]) && startOK(i)
                && !Self.isWhitespace(UTF8Scalars.scalar(at: i + count, in: c))
        }
        let markers: [(StaticString, String)] = [("``", "literal"), ("**", "strong"), ("*", "emphasis"), ("`", "interpreted text or phrase reference")]
        var i = 0
        scanning: while i < c.count {
            if c[i] == Self.backslash {
                i += 1 + (i + 1 < c.count ? UTF8Scalars.width(c[i + 1]) : 0)
                continue
            }
            if c[i] == Self.star || c[i] == Self.backquote {
                for (marker, kind) in markers where opens(marker, at: i) {
                    guard let end = find(marker, in: c, from: i + marker.utf8CodeUnitCount, escapes: kind != "literal") else {
                        return (kind, c[..<i].lazy.filter { $0 == Self.newline }.count)
                    }
                    i = end + marker.utf8CodeUnitCount
                    continue scanning
                }
            }
            i += 1
        }
        return nil
    }
}
