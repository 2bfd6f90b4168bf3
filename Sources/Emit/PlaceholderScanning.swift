/// What the shell and SQL placeholder scanners share: the text read, the text
/// written, where the scan stands, and the placeholders looked for.
protocol PlaceholderScanning {
    typealias Placeholder = (text: [Character], name: String)
    var placeholders: [Placeholder] { get }
    var input: [Character] { get }
    var output: [Character] { get set }
    var position: Int { get set }
}

extension PlaceholderScanning {
    /// Longest first, so that `<dir>` does not win over `<dir_name>`.
    static func longestFirst(_ placeholders: [(String, String)]) -> [Placeholder] {
        placeholders.filter { !$0.0.isEmpty }.sorted { $0.0.count > $1.0.count }.map { (Array($0.0), $0.1) }
    }

    /// The placeholder that starts at `index`: its length and its parameter's name.
    func placeholder(at index: Int) -> (Int, String)? {
        for (text, name) in placeholders where index + text.count <= input.count {
            if input[index..<(index + text.count)].elementsEqual(text) { return (text.count, name) }
        }
        return nil
    }

    /// The character `offset` after the scan's position, if there is one.
    func at(_ offset: Int) -> Character? {
        position + offset < input.count ? input[position + offset] : nil
    }

    /// Copies `count` characters as they are.
    mutating func copy(_ count: Int = 1) {
        let end = min(position + count, input.count)
        output += input[position..<end]
        position = end
    }
}
