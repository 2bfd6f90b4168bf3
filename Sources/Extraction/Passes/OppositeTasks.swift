import StepAST

/// Pass opposite-tasks: "Back up Gateway entities" / "Restore Gateway
/// entities", "Creating a backup" / "Restoring a backup". Sibling sections
/// that do opposite tasks to the same thing are two tasks of the page, done
/// one at a time: restoring what was just backed up, or removing what was
/// just installed, is never the procedure. Titled with an object, as here,
/// `alternative-sections` reads them as steps; the object they share is
/// what tells them apart from "Back up the database" / "Restore the settings",
/// which is a sequence.
enum OppositeTasks {
    /// Tasks that undo each other.
    static let opposites: [Set<String>] = [["backup", "restore"], ["export", "import"], ["install", "uninstall"], ["install", "remove"],
                                           ["enable", "disable"], ["create", "remove"], ["add", "remove"]]

    /// Opposites that undo a change when done after it, rather than close what was opened for it.
    static let undoing: Set<String> = ["backup", "restore", "export", "import"]

    /// The words a title's object does without: articles, and the backup a backup or restore task acts on.
    static let fillers: Set<String> = ["the", "a", "an", "your", "its", "this", "these", "all", "from", "of", "le", "la", "les", "l", "un", "une", "des", "du", "de"]

    /// A title's task and the thing it is done to: "Back up Gateway entities" →
    /// (backup, [gateway, entity]); "Creating a backup" → (backup, []); the
    /// task last, as a noun: "Definition Export" → (export, [definition]).
    static func taskAndObject(_ title: String) -> (task: String, object: [String])? {
        let words = AlternativeSections.words(title)
        guard let verb = words.first, let last = words.last, words.count <= 7 else { return nil }
        var rest = words.dropFirst()
        var task: String?
        if ["back", "backing"].contains(verb), rest.first == "up" {
            task = "backup"
            rest = rest.dropFirst()
        } else if let first = Self.task(verb) {
            task = first
        } else if words.count >= 2, let noun = Self.task(last) {
            task = noun
            rest = words.dropLast()
        }
        guard var found = task else { return nil }
        var object = rest.filter { !fillers.contains($0) }.map { $0.hasSuffix("s") && $0.count > 3 ? String($0.dropLast()) : $0 }
        // "Creating a backup", "Restoring a backup": the backup is what both tasks are about, not an object.
        if object == ["backup"] || object == ["snapshot"] {
            if found == "create" { found = "backup" }
            if ["backup", "restore"].contains(found) { object = [] }
        }
        return (found, object)
    }

    /// The task a word names: those `alternative-sections` knows, and export and import.
    static func task(_ word: String) -> String? {
        if word.hasPrefix("export") { return "export" }
        if word.hasPrefix("import") { return "import" }
        return AlternativeSections.task([word])
    }

    /// The pairs among SECTIONS whose titles do opposite tasks to the same
    /// thing: (section, task) for each, in page order. One pair a set of siblings.
    static func members(_ sections: [Int], in steps: [Step]) -> [(index: Int, value: String)]? {
        let read = sections.compactMap { index in taskAndObject(steps[index].title).map { (index: index, read: $0) } }
        guard let pair = AlternativeSections.firstPair(read, { $0.object == $1.object && opposites.contains([$0.task, $1.task]) }) else { return nil }
        return [(pair.first.index, pair.first.read.task), (pair.second.index, pair.second.read.task)]
    }
}
