import Foundation

/// Pass `directive-in-literal`: an RST directive that indentation put inside a
/// literal block (`.. warning::` under a command) ends the block there.
extension BlockClassifier {
    /// The lines before an RST directive that indentation put inside a literal block.
    static func beforeDirective(_ text: String) -> String {
        guard text.contains(".. ") else { return text }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let cut = lines.firstIndex(where: { line in
            let trimmed = line.drop { $0 == " " }
            return trimmed.hasPrefix(".. ") && trimmed.contains("::") && trimmed.dropFirst(3).prefix { $0 != ":" }.allSatisfy { $0.isLetter || $0 == "-" }
        }), cut > 0 else { return text }
        return lines[..<cut].joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }

}
