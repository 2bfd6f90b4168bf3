import Foundation

/// Passes `announced-output`, `announced-example`, `announced-file-content` and
/// `named-file`: what the sentence right before a block says of it.
extension BlockClassifier {
    /// A sentence that says the next block is what something prints or looks like.
    static func announcesOutput(_ text: String) -> Bool {
        let sentence = text.lowercased().trimmingCharacters(in: .whitespacesAndNewlines)
        guard sentence.hasSuffix(":") else { return false }
        let phrases = ["you will get", "you should get", "you should see", "you will see", "should look like", "similar to this",
                       "will output", "outputs", "the output", "will print", "prints", "will show", "returns", "will return",
                       "layout", "looks like", "list of", "result:", "response:", "sample", "response body", "should respond"]
        return phrases.contains { sentence.contains($0) }
    }

    /// "For example:" after a command: the same command with example values.
    static func announcesExample(_ text: String) -> Bool {
        let sentence = text.lowercased().trimmingCharacters(in: .whitespacesAndNewlines)
        guard sentence.hasSuffix(":") else { return false }
        return ["for example", "example:", "for instance", "e.g.", "par exemple"].contains { sentence.hasPrefix($0) }
    }

    /// "Add the code below", "The file content should be:": the block goes into a file.
    static func announcesFileContent(_ text: String) -> Bool {
        let sentence = text.lowercased()
        return ["add the code", "following code", "following lines", "following line", "following content", "file content",
                "with the content", "this content", "the content of", "code below", "lines below"].contains { sentence.contains($0) }
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
