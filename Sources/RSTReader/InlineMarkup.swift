/// Reduces RST inline markup to the plain text a reader sees: emphasis,
/// strong and literal markers dropped, roles and references reduced to their
/// text (`:ref:`title <target>`` → title), substitutions replaced, escapes resolved.
struct InlineMarkup {
    var substitutions: [String: String] = [:]

    /// What may stand before inline markup's start-string.
    static let openers: Set<Unicode.Scalar> = Set(" \t\n([{<'\"-/:‘“«".unicodeScalars)

    func plain(_ text: String) -> String {
        // Nothing to reduce: most lines of prose.
        if !text.utf8.contains(where: { [0x5C, 0x60, 0x3A, 0x2A, 0x7C, 0x5F, 0x5B].contains($0) }) { return text }
        let c = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        func startOK(_ i: Int) -> Bool { i == 0 || Self.openers.contains(c[i - 1]) }
        while i < c.count {
            let ch = c[i]
            if ch == "\\", i + 1 < c.count {
                if c[i + 1] != " " && c[i + 1] != "\n" { out.append(c[i + 1]) }
                i += 2
                continue
            }
            if ch == "`", i + 1 < c.count, c[i + 1] == "`", startOK(i), let end = find("``", in: c, from: i + 2) {
                out += c[(i + 2)..<end]
                i = end + 2
                continue
            }
            if ch == ":" && startOK(i), let (role, after) = roleName(c, i), after < c.count, c[after] == "`",
               let end = find("`", in: c, from: after + 1) {
                out += interpreted(Self.string(c[(after + 1)..<end]), role: role).unicodeScalars
                i = end + 1
                continue
            }
            // An inline target _`text`: its text.
            if ch == "_", i + 1 < c.count, c[i + 1] == "`", startOK(i), let end = find("`", in: c, from: i + 2) {
                out += c[(i + 2)..<end]
                i = end + 1
                continue
            }
            // A footnote or citation reference [1]_, [label]_: docutils shows the label.
            if ch == "[", startOK(i), let close = c[(i + 1)...].firstIndex(of: "]"), close > i + 1, close + 1 < c.count, c[close + 1] == "_",
               c[(i + 1)..<close].allSatisfy({ Self.isWordScalar($0) || "-_.".unicodeScalars.contains($0) }) || c[(i + 1)..<close] == ["*"],
               close + 2 == c.count || !Self.isWordScalar(c[close + 2]) {
                out += c[(i + 1)..<close]
                i = close + 2
                continue
            }
            if ch == "`", startOK(i), let end = find("`", in: c, from: i + 1) {
                var j = end + 1
                while j < c.count, c[j] == "_" { j += 1 }
                if j < c.count, c[j] == ":", let (_, after) = roleName(c, j), after <= c.count { j = after }
                out += interpreted(Self.string(c[(i + 1)..<end]), role: nil).unicodeScalars
                i = j
                continue
            }
            if ch == "*", startOK(i), i + 1 < c.count, c[i + 1] != " " {
                let strong = i + 1 < c.count && c[i + 1] == "*"
                let marker = strong ? "**" : "*"
                if let end = find(marker, in: c, from: i + marker.count), end > i + marker.count {
                    out += plain(Self.string(c[(i + marker.count)..<end])).unicodeScalars
                    i = end + marker.count
                    continue
                }
            }
            if ch == "|", startOK(i), let end = find("|", in: c, from: i + 1), end > i + 1 {
                let name = Self.string(c[(i + 1)..<end])
                if let value = substitutions[name.lowercased()] {
                    out += value.unicodeScalars
                    i = end + 1
                    while i < c.count, c[i] == "_" { i += 1 }
                    continue
                }
            }
            // A reference `word_` or `word__`: keep the word.
            if ch == "_", i > 0, Self.isWordScalar(c[i - 1]), i + 1 == c.count || !Self.isWordScalar(c[i + 1]) {
                i += 1
                if i < c.count, c[i] == "_" { i += 1 }
                continue
            }
            out.append(ch)
            i += 1
        }
        return String(out)
    }

    static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil
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
            if title.last == " " || title.last == "\n" { return String(title.dropLast()).replacingOccurrences(of: "\\", with: "") }
        }
        if let role, ["ref", "doc", "term", "any"].contains(role), body.hasPrefix("~") { return String(body.dropFirst()) }
        return body.replacingOccurrences(of: "\\", with: "")
    }

    /// `:name:` starting at i: the role and the index after its closing colon.
    func roleName(_ c: [Unicode.Scalar], _ i: Int) -> (String, Int)? {
        guard c[i] == ":" else { return nil }
        var j = i + 1
        while j < c.count, Self.isWordScalar(c[j]) || "-_+.:".unicodeScalars.contains(c[j]) {
            if c[j] == ":" && j + 1 < c.count && c[j + 1] == "`" { return (Self.string(c[(i + 1)..<j]), j + 1) }
            j += 1
        }
        return nil
    }

    /// The next occurrence of `marker` from `start` that can end inline markup.
    func find(_ marker: String, in c: [Unicode.Scalar], from start: Int) -> Int? {
        let m = Array(marker.unicodeScalars)
        var i = start
        while i + m.count <= c.count {
            if c[i] == m[0], m.count == 1 || c[i + 1] == m[1], i > 0, c[i - 1] != " ", c[i - 1] != "\\" {
                let after = i + m.count
                if after == c.count || !Self.isWordScalar(c[after]) || m.last == "`" { return i }
            }
            i += 1
        }
        return nil
    }

    /// The first inline markup opened and never closed in a paragraph's lines:
    /// its kind and the index of the line it starts on (docutils warns about these).
    func firstUnterminated(_ lines: [String]) -> (String, Int)? {
        guard lines.contains(where: { $0.utf8.contains(where: { $0 == 0x2A || $0 == 0x60 }) }) else { return nil }
        let c = Array(lines.joined(separator: "\n").unicodeScalars)
        func startOK(_ i: Int) -> Bool { i == 0 || Self.openers.contains(c[i - 1]) }
        /// A start-string: after a space or opening punctuation, before a non-space.
        func opens(_ marker: [Unicode.Scalar], at i: Int) -> Bool {
            i + marker.count < c.count && c[i] == marker[0] && (marker.count == 1 || c[i + 1] == marker[1]) && startOK(i)
                && !c[i + marker.count].properties.isWhitespace
        }
        let markers: [([Unicode.Scalar], String)] = [(["`", "`"], "literal"), (["*", "*"], "strong"), (["*"], "emphasis"),
                                                (["`"], "interpreted text or phrase reference")]
        var i = 0
        scanning: while i < c.count {
            if c[i] == "\\" { i += 2; continue }
            for (marker, kind) in markers where opens(marker, at: i) {
                guard let end = find(Self.string(marker[...]), in: c, from: i + marker.count) else {
                    return (kind, c[..<i].filter { $0 == "\n" }.count)
                }
                i = end + marker.count
                continue scanning
            }
            i += 1
        }
        return nil
    }
}
