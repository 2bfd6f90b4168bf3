/// Reduces RST inline markup to the plain text a reader sees: emphasis,
/// strong and literal markers dropped, roles and references reduced to their
/// text (`:ref:`title <target>`` → title), substitutions replaced, escapes resolved.
struct InlineMarkup {
    var substitutions: [String: String] = [:]

    func plain(_ text: String) -> String {
        let c = Array(text)
        var out = ""
        var i = 0
        func startOK(_ i: Int) -> Bool { i == 0 || " \t\n([{<'\"-/:‘“«".contains(c[i - 1]) }
        while i < c.count {
            let ch = c[i]
            if ch == "\\", i + 1 < c.count {
                if c[i + 1] != " " && c[i + 1] != "\n" { out.append(c[i + 1]) }
                i += 2
                continue
            }
            if ch == "`", i + 1 < c.count, c[i + 1] == "`", startOK(i), let end = find("``", in: c, from: i + 2) {
                out += String(c[(i + 2)..<end])
                i = end + 2
                continue
            }
            if ch == ":" && startOK(i), let (role, after) = roleName(c, i), after < c.count, c[after] == "`",
               let end = find("`", in: c, from: after + 1) {
                out += interpreted(String(c[(after + 1)..<end]), role: role)
                i = end + 1
                continue
            }
            // An inline target _`text`: its text.
            if ch == "_", i + 1 < c.count, c[i + 1] == "`", startOK(i), let end = find("`", in: c, from: i + 2) {
                out += String(c[(i + 2)..<end])
                i = end + 1
                continue
            }
            // A footnote or citation reference [1]_, [label]_: docutils shows the label.
            if ch == "[", startOK(i), let close = c[(i + 1)...].firstIndex(of: "]"), close > i + 1, close + 1 < c.count, c[close + 1] == "_",
               c[(i + 1)..<close].allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) || c[(i + 1)..<close] == ["*"],
               close + 2 == c.count || !(c[close + 2].isLetter || c[close + 2].isNumber) {
                out += String(c[(i + 1)..<close])
                i = close + 2
                continue
            }
            if ch == "`", startOK(i), let end = find("`", in: c, from: i + 1) {
                var j = end + 1
                while j < c.count, c[j] == "_" { j += 1 }
                if j < c.count, c[j] == ":", let (_, after) = roleName(c, j), after <= c.count { j = after }
                out += interpreted(String(c[(i + 1)..<end]), role: nil)
                i = j
                continue
            }
            if ch == "*", startOK(i), i + 1 < c.count, c[i + 1] != " " {
                let strong = i + 1 < c.count && c[i + 1] == "*"
                let marker = strong ? "**" : "*"
                if let end = find(marker, in: c, from: i + marker.count), end > i + marker.count {
                    out += plain(String(c[(i + marker.count)..<end]))
                    i = end + marker.count
                    continue
                }
            }
            if ch == "|", startOK(i), let end = find("|", in: c, from: i + 1), end > i + 1 {
                let name = String(c[(i + 1)..<end])
                if let value = substitutions[name.lowercased()] {
                    out += value
                    i = end + 1
                    while i < c.count, c[i] == "_" { i += 1 }
                    continue
                }
            }
            // A reference `word_` or `word__`: keep the word.
            if ch == "_", i > 0, c[i - 1].isLetter || c[i - 1].isNumber, i + 1 == c.count || !(c[i + 1].isLetter || c[i + 1].isNumber) {
                i += 1
                if i < c.count, c[i] == "_" { i += 1 }
                continue
            }
            out.append(ch)
            i += 1
        }
        return out
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
    func roleName(_ c: [Character], _ i: Int) -> (String, Int)? {
        guard c[i] == ":" else { return nil }
        var j = i + 1
        while j < c.count, c[j].isLetter || c[j].isNumber || "-_+.:".contains(c[j]) {
            if c[j] == ":" && j + 1 < c.count && c[j + 1] == "`" { return (String(c[(i + 1)..<j]), j + 1) }
            j += 1
        }
        return nil
    }

    /// The next occurrence of `marker` from `start` that can end inline markup.
    func find(_ marker: String, in c: [Character], from start: Int) -> Int? {
        let m = Array(marker)
        var i = start
        while i + m.count <= c.count {
            if Array(c[i..<(i + m.count)]) == m, i > 0, c[i - 1] != " ", c[i - 1] != "\\" {
                let after = i + m.count
                if after == c.count || !(c[after].isLetter || c[after].isNumber) || marker.hasSuffix("`") { return i }
            }
            i += 1
        }
        return nil
    }
}
