/// Parameter and capture names become shell variables (and psql variables):
/// ASCII letters, digits and '_', not starting with a digit.
public enum ShellName {
    public static func isValid(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_") }
    }
}
