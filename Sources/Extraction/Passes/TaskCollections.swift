import StepAST

/// Pass task-collections: a page or section titled as a collection ("Database
/// Management", "Admin Commands", "User administration", "Quick Reference",
/// "Common tasks") gathers tasks an operator does one at a time, when needed:
/// initialising, cleaning, exporting, upgrading. The sections under it are one
/// choice, not a sequence.
enum TaskCollections {
    /// The words that, ending a title, name a collection of tasks.
    static let collections: Set<String> = ["management", "administration", "commands", "reference", "tasks", "operations", "cheatsheet"]

    /// Whether TITLE names a collection: a noun phrase of four words at most
    /// ending in one of them ("cheat sheet" too), not an instruction ("Run upgrade commands").
    static func names(_ title: String) -> Bool {
        var words = AlternativeSections.words(title)
        if words.suffix(2) == ["cheat", "sheet"] { words = words.dropLast(2) + ["cheatsheet"] }
        guard let last = words.last, collections.contains(last), words.count <= 4 else { return false }
        return !instructions.contains(words[0])
    }

    /// A title's first word that makes it a step ("Run the commands"), not the collection's name.
    static let instructions: Set<String> = ["run", "execute", "use", "type", "enter", "apply", "issue", "perform", "do", "check", "see", "read"]
}
