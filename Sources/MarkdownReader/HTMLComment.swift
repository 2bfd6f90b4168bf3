/// `<!-- text -->` on its own, as an HTML block; nil for any other HTML.
enum HTMLComment {
    static func inner(_ html: String) -> String? {
        let trimmed = html.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix("<!--"), trimmed.hasSuffix("-->"), trimmed.count >= 7 else { return nil }
        let body = trimmed.dropFirst(4).dropLast(3)
        guard !body.contains("-->") else { return nil }
        return body.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

extension Substring {
    func trimmingCharacters(in set: CharacterSetLike) -> String { String(self).trimmingCharacters(in: set) }
}

/// A tiny stand-in so this module needs no Foundation just to trim blanks.
enum CharacterSetLike { case whitespacesAndNewlines }

extension String {
    func trimmingCharacters(in _: CharacterSetLike) -> String {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" }
        guard let first = firstIndex(where: { !blank($0) }), let last = lastIndex(where: { !blank($0) }) else { return "" }
        return String(self[first...last])
    }
}
