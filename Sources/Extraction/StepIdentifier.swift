import Foundation

/// Step ids: lowercase ASCII slugs of the title, accents folded
/// ("Arrêter l'instance" → "arreter-l-instance"), made unique with -2, -3, ...
public struct StepIdentifier {
    private var used: [String: Int] = [:]

    public init() {}

    public static func slug(_ title: String) -> String {
        var slug = ""
        for scalar in title.decomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.properties.generalCategory == .nonspacingMark { continue }
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty, !slug.hasSuffix("-") {
                slug += "-"
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        return slug.isEmpty ? "step" : slug.lowercased()
    }

    public static func isValid(_ id: String) -> Bool {
        !id.isEmpty && id.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0)) }
    }

    /// Reserves `id` if free; otherwise returns the next free `id-N`.
    public mutating func unique(_ id: String) -> String {
        guard let count = used[id] else { used[id] = 1; return id }
        var n = count + 1
        while used["\(id)-\(n)"] != nil { n += 1 }
        used[id] = n
        used["\(id)-\(n)"] = 1
        return "\(id)-\(n)"
    }

    public func isTaken(_ id: String) -> Bool { used[id] != nil }
}
