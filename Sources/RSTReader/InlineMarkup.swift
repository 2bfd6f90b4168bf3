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

    func plain(_ text: String) -> String {
        // Nothing to reduce: most lines of prose.
        var text = text
        guard let c = text.withUTF8({ $0.contains(where: Self.mayStartMarkup) ? Array($0) : nil }) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(c.count)
        var i = 0
        func startOK(_ i: Int) -> Bool { i == 0 || Self.openers.contains(UTF8Scalars.scalar(before: i, in: c)) }
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
            if ch == Self.backslash, i + 1 < c.count {
                let end = min(i + 1 + UTF8Scalars.width(c[i + 1]), c.count)
                if c[i + 1] != Self.space && c[i + 1] != Self.newline { out += c[(i + 1)..<end] }
                i = end
                continue
            }
            if ch == Self.backquote, i + 1 < c.count, c[i + 1] == Self.backquote, startOK(i),
               let end = find([Self.backquote, Self.backquote], in: c, from: i + 2) {
                out += c[(i + 2)..<end]
                i = end + 2
                continue
            }
            if ch == Self.colon && startOK(i), let (role, after) = roleName(c, i), after < c.count, c[after] == Self.backquote,
               let end = find([Self.backquote], in: c, from: after + 1) {
                out += interpreted(Self.string(c[(after + 1)..<end]), role: role).utf8
                i = end + 1
                continue
            }
            // An inline target _`text`: its text.
            if ch == Self.underscore, i + 1 < c.count, c[i + 1] == Self.backquote, startOK(i),
               let end = find([Self.backquote], in: c, from: i + 2) {
                out += c[(i + 2)..<end]
                i = end + 1
                continue
            }
            // A footnote or citation reference [1]_, [label]_: docutils shows the label.
            if ch == Self.bracket, startOK(i), let close = c[(i + 1)...].firstIndex(of: Self.closingBracket), close > i + 1,
               close + 1 < c.count, c[close + 1] == Self.underscore,
               Self.string(c[(i + 1)..<close]).unicodeScalars.allSatisfy({ Self.isWordScalar($0) || "-_.".unicodeScalars.contains($0) })
                || c[(i + 1)..<close].elementsEqual([Self.star]),
               close + 2 == c.count || !Self.isWordScalar(UTF8Scalars.scalar(at: close + 2, in: c)) {
                out += c[(i + 1)..<close]
                i = close + 2
                continue
            }
            if ch == Self.backquote, startOK(i), let end = find([Self.backquote], in: c, from: i + 1) {
                var j = end + 1
                while j < c.count, c[j] == Self.underscore { j += 1 }
                if j < c.count, c[j] == Self.colon, let (_, after) = roleName(c, j), after <= c.count { j = after }
                out += interpreted(Self.string(c[(i + 1)..<end]), role: nil).utf8
                i = j
                continue
            }
            if ch == Self.star, startOK(i), i + 1 < c.count, c[i + 1] != Self.space {
                let marker: [UInt8] = c[i + 1] == Self.star ? [Self.star, Self.star] : [Self.star]
                if let end = find(marker, in: c, from: i + marker.count), end > i + marker.count {
                    out += plain(Self.string(c[(i + marker.count)..<end])).utf8
                    i = end + marker.count
                    continue
                }
            }
            if ch == Self.bar, startOK(i), let end = find([Self.bar], in: c, from: i + 1), end > i + 1,
               let value = substitutions[Self.string(c[(i + 1)..<end]).lowercased()] {
                out += value.utf8
                i = end + 1
                while i < c.count, c[i] == Self.underscore { i += 1 }
                continue
            }
            // A reference `word_` or `word__`: keep the word.
            if ch == Self.underscore, i > 0, Self.isWordScalar(UTF8Scalars.scalar(before: i, in: c)),
               i + 1 == c.count || !Self.isWordScalar(UTF8Scalars.scalar(at: i + 1, in: c)) {
                i += 1
                if i < c.count, c[i] == Self.underscore { i += 1 }
                continue
            }
            out.append(ch)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func string(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
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
        if body.hasSuffix(">"), let open = body.lastIndex(of: "<"), open > body.startIndex {
            let title = body[..<open]
            if title.last == " " || title.last == "\n" { return title.dropLast().removingBackslashes() }
        }
        if let role, ["ref", "doc", "term", "any"].contains(role), body.hasPrefix("~") { return String(body.dropFirst()) }
        return body.removingBackslashes()
    }

    /// `:name:` starting at i: the role and the index after its closing colon.
    func roleName(_ c: [UInt8], _ i: Int) -> (String, Int)? {
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

    /// The next occurrence of `marker` from `start` that can end inline markup.
    func find(_ m: [UInt8], in c: [UInt8], from start: Int) -> Int? {
        var i = start
        while i + m.count <= c.count {
            if c[i] == m[0], m.count == 1 || c[i + 1] == m[1], i > 0, c[i - 1] != Self.space, c[i - 1] != Self.backslash {
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
        guard let c = text.withUTF8({ $0.contains { $0 == Self.star || $0 == Self.backquote } ? Array($0) : nil }) else { return nil }
        func startOK(_ i: Int) -> Bool { i == 0 || Self.openers.contains(UTF8Scalars.scalar(before: i, in: c)) }
        /// A start-string: after a space or opening punctuation, before a non-space.
        func opens(_ marker: [UInt8], at i: Int) -> Bool {
            i + marker.count < c.count && c[i] == marker[0] && (marker.count == 1 || c[i + 1] == marker[1]) && startOK(i)
                && !UTF8Scalars.scalar(at: i + marker.count, in: c).properties.isWhitespace
        }
        let markers: [([UInt8], String)] = [([Self.backquote, Self.backquote], "literal"), ([Self.star, Self.star], "strong"),
                                            ([Self.star], "emphasis"), ([Self.backquote], "interpreted text or phrase reference")]
        var i = 0
        scanning: while i < c.count {
            if c[i] == Self.backslash {
                i += 1 + (i + 1 < c.count ? UTF8Scalars.width(c[i + 1]) : 0)
                continue
            }
            if c[i] == Self.star || c[i] == Self.backquote {
                for (marker, kind) in markers where opens(marker, at: i) {
                    guard let end = find(marker, in: c, from: i + marker.count) else {
                        return (kind, c[..<i].lazy.filter { $0 == Self.newline }.count)
                    }
                    i = end + marker.count
                    continue scanning
                }
            }
            i += 1
        }
        return nil
    }
}
