import StepAST

/// Whether a shell command may leave state the operator's terminal would keep:
/// a folder (`cd`, `pushd`), variables (`export`, `NAME=value`, `unset`) or a
/// sourced file (a virtualenv's `activate`). Only such commands carry the
/// runtime's session trailer, so every other command runs byte for byte as
/// written, at no cost.
enum SessionChanges {
    static let verbs: Set<String> = ["cd", "pushd", "popd", "export", "unset", "source", ".", "deactivate",
                                     "declare", "typeset", "readonly", "eval", "set"]

    static func mayChange(_ command: Command) -> Bool {
        guard command.interpreter == .bash, command.sessionAction == nil else { return false }
        let statements = command.text.split(whereSeparator: { "\n;|&({".contains($0) })
        return statements.contains { statement in
            var words = statement.split(whereSeparator: { $0 == " " || $0 == "\t" })
            while let first = words.first, ["then", "do", "else", "!", "{", "time"].contains(first) { words.removeFirst() }
            guard let first = words.first else { return false }
            if verbs.contains(String(first)) { return true }
            // `NAME=value` alone sets a variable; `NAME=value cmd` only cmd's.
            return isAssignment(first) && words.dropFirst().allSatisfy(isAssignment)
        }
    }

    private static func isAssignment(_ word: Substring) -> Bool {
        guard let equals = word.firstIndex(of: "="), equals != word.startIndex else { return false }
        let name = word[..<equals]
        return name.first.map { $0.isLetter || $0 == "_" } == true && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
    }
}
