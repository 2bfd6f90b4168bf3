import Foundation

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
