extension Interpreter {
    /// bash or sh: text a shell reads.
    public var isShell: Bool { self == .bash || self == .sh }
}

/// The words of a shell command line as the rules read them, written once for
/// lint and the emitter.
public enum ShellWords {
    /// The words of `line` split on spaces, a leading `sudo` and its options
    /// (with their arguments: `-u postgres`, `-iu app`) dropped, but for those
    /// in `keeping` (lint keeps `-i`, `-s`: a root shell).
    public static func afterSudo(_ line: Substring, keeping: Set<String> = []) -> [String] {
        var words = line.split(separator: " ").map(String.init)
        if words.first == "sudo" {
            words.removeFirst()
            while let first = words.first, first.hasPrefix("-"), !keeping.contains(first) {
                words.removeFirst()
                if takesArgument(first), !words.isEmpty { words.removeFirst() }
            }
        }
        return words
    }

    /// A sudo option whose argument is the next word: `-u USER`, `-iu USER`, `--user USER`.
    public static func takesArgument(_ option: String) -> Bool {
        guard !option.contains("=") else { return false }
        if option.hasPrefix("--") {
            return ["--user", "--group", "--chdir", "--prompt", "--role", "--type", "--close-from", "--host", "--other-user", "--command-timeout"]
                .contains(option)
        }
        return option.count >= 2 && "ugUCDprTth".contains(option.last!)
    }
}
