import Foundation
import StepAST

/// Passes `announced-output`, `announced-example`, `announced-file-content` and
/// `named-file`: what the sentence right before a block says of it.
extension BlockClassifier {
    /// A sentence that says the next block is what something prints or looks like.
    static func announcesOutput(_ text: String) -> Bool {
        let sentence = text.lowercased().trimmingCharacters(in: .whitespacesAndNewlines)
        guard sentence.hasSuffix(":") else { return false }
        let phrases = seeingPhrases + ["should look like", "similar to this",
                                       "will output", "outputs", "the output", "will print", "prints", "will show", "returns", "will return",
                                       "layout", "looks like", "list of", "result:", "response:", "sample", "response body", "should respond"]
        return phrases.contains { sentence.contains($0) }
    }

    /// What the operator is told they see or get: output however the block is marked (saysTheOperatorSees).
    static let seeingPhrases = ["you will get", "you should get", "you should see", "you will see", "should be able to see", "you'll see"]

    /// "You should see:", "After a few minutes you should be able to see …:": what
    /// a command prints, said so plainly that a block's language does not outweigh it.
    static func saysTheOperatorSees(_ text: String) -> Bool {
        let sentence = text.lowercased().trimmingCharacters(in: .whitespacesAndNewlines)
        guard sentence.hasSuffix(":") else { return false }
        return seeingPhrases.contains { sentence.contains($0) }
    }

    /// "For example:" after a command: the same command with example values.
    static func announcesExample(_ text: String) -> Bool {
        let sentence = text.lowercased().trimmingCharacters(in: .whitespacesAndNewlines)
        guard sentence.hasSuffix(":") else { return false }
        return ["for example", "example:", "for instance", "e.g.", "par exemple"].contains { sentence.hasPrefix($0) }
    }

    /// "Use `--include` to restrict it. For example, to restore a single file:":
    /// a paragraph that ends announcing an example, before a block that runs
    /// the program and subcommand of a command the step already gave: an
    /// example of it, not a second run. ("You can …" is no such sign: it as
    /// often gives the next step, "Then, you can install the latest stable with:".)
    static func endsAnnouncingAnExample(_ text: String, block: String, earlier: [String]) -> Bool {
        let sentences = text.split(separator: /\.\s+/)
        guard sentences.count >= 2, let last = sentences.last, announcesExample(String(last)) else { return false }
        return repeatsAnEarlierCommand(block, earlier: earlier)
    }

    /// "You can also combine `latest` with the `--host` and `--path` filters …:"
    /// before a block that runs the program and subcommand of a command the step
    /// already gave: another use of it the page shows, not a second run.
    static func offersAnotherUse(_ text: String, block: String, earlier: [String]) -> Bool {
        let paragraph = text.lowercased()
        guard ["you can also", "you may also", "can also be used"].contains(where: paragraph.contains) else { return false }
        return repeatsAnEarlierCommand(block, earlier: earlier)
    }

    /// Whether BLOCK runs the program and subcommand of one of the step's EARLIER commands.
    static func repeatsAnEarlierCommand(_ block: String, earlier: [String]) -> Bool {
        guard let invoked = invocation(block) else { return false }
        return earlier.contains { invocation($0) == invoked }
    }

    /// A command's program and its first plain word after it (`restic -r /srv/repo restore 7976` → restic restore),
    /// a prompt (any `Prompt` reads) and sudo left out.
    static func invocation(_ text: String) -> [String]? {
        guard let first = text.split(separator: "\n").first.map(String.init)?.trimmingCharacters(in: .whitespaces) else { return nil }
        let line = Prompt.at(first, rootPrompt: true)?.command ?? first
        let words = ShellWords.afterSudo(Substring(line))
        guard let program = words.first,
              let verb = words.dropFirst().first(where: { $0.wholeMatch(of: /[a-z][a-z0-9-]*/) != nil }) else { return nil }
        return [program, verb]
    }

    /// "Add the code below", "The file content should be:", "Then add these lines to the end of the file:": the block goes into a file.
    static func announcesFileContent(_ text: String) -> Bool {
        let sentence = text.lowercased()
        return ["add the code", "following code", "following lines", "following line", "following content", "file content",
                "with the content", "this content", "the content of", "code below", "lines below", "add these lines", "add this line",
                "append these lines", "append this line", "to the end of the file", "at the end of the file"].contains { sentence.contains($0) }
    }

    /// The file a sentence says a block goes in: "Edit `/etc/keystone/keystone.conf`",
    /// "Create /etc/nginx/sites-available/app with:", "Add to `configuration.py`:".
    /// An absolute or home path first, else a file name with a configuration extension.
    static func namedFile(_ text: String) -> String? {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" })
            .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "`'\"“”‘’*,:;()[]")) }
            .map { $0.hasSuffix(".") && !$0.hasSuffix("..") ? String($0.dropLast()) : $0 }
        let pathCharacters = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "/._-~${}"))
        func plain(_ word: String) -> Bool { !word.isEmpty && word.unicodeScalars.allSatisfy(pathCharacters.contains) }
        if let path = words.first(where: { ($0.hasPrefix("/") || $0.hasPrefix("~/")) && $0.count > 2 && plain($0) && !$0.hasSuffix("/") }) {
            return path
        }
        let extensions = ["conf", "cfg", "ini", "py", "yml", "yaml", "json", "toml", "env", "service", "xml", "properties", "cnf", "php", "rb", "js", "timer", "socket"]
        return words.first { word in
            word == ".env" || (plain(word) && !word.hasPrefix(".") && extensions.contains(String(word.split(separator: ".").last ?? "")) && word.contains("."))
        }
    }

}
