/// libyaml writes a block sequence that is a mapping's value at the key's own
/// column ("tasks:\n- name: …"); yamllint, as ansible-lint configures it,
/// wants it indented under the key. This moves every such sequence, with all
/// it holds, two columns right. It reads the emitter's own output only: one
/// node per line, a key with a block value ending its line in `:`.
enum IndentedSequences {
    static func apply(_ yaml: String) -> String {
        var out: [Substring] = []
        // Sequences being moved: the column of their dashes in the input.
        var open: [Int] = []
        var previousKeyColumn: Int? = nil
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            let indent = line.prefix { $0 == " " }.count
            let content = line.dropFirst(indent)
            let isItem = content.hasPrefix("- ") || content == "-"
            while let column = open.last, indent < column || (indent == column && !isItem) { open.removeLast() }
            if isItem, previousKeyColumn == indent, !open.contains(indent) { open.append(indent) }
            out.append(Substring(String(repeating: " ", count: 2 * open.count)) + line)
            // Where this line's last key starts, when it opens a block ("- that:" → 2).
            var keyColumn = indent, rest = content
            while rest.hasPrefix("- ") { keyColumn += 2; rest = rest.dropFirst(2) }
            previousKeyColumn = content.hasSuffix(":") && !content.hasPrefix("#") ? keyColumn : nil
        }
        return out.joined(separator: "\n")
    }
}
