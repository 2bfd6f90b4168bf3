import RunbookCore
import StepAST

/// Pass parallel-sections: sibling sections whose titles differ by a word or
/// two ("Latest Repositories", "Legacy Repositories") and whose commands are
/// the same script with other arguments (the same lines, and at the other
/// places the same program and subcommand) are ways of doing one thing: the
/// page would not have the operator do it twice. They become one choice.
enum ParallelSections {
    /// Runs of consecutive siblings that are parallel to the first of the run,
    /// each member with the words of its title the others do not share.
    static func groups(_ siblings: [Int], in steps: [Step]) -> [[(index: Int, value: String)]] {
        var groups: [[(index: Int, value: String)]] = []
        let scripts = siblings.map { lines($0, steps) }
        var start = 0
        while start < siblings.count {
            var members = [siblings[start]]
            var next = start + 1
            while next < siblings.count, parallel(scripts[start], scripts[next]) {
                members.append(siblings[next])
                next += 1
            }
            if members.count >= 2, let values = distinguishingWords(members.map { steps[$0].title }) {
                groups.append(Array(zip(members, values)).map { ($0.0, $0.1) })
                start = next
            } else {
                start += 1
            }
        }
        return groups
    }

    /// The command lines of a section and the sections under it, comments and blank lines left out.
    static func lines(_ index: Int, _ steps: [Step]) -> [String] {
        AlternativeSections.subtree(index, in: steps).flatMap { steps[$0].kind == .command && !steps[$0].skipped ? steps[$0].commands : [] }
            .flatMap { $0.text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) } }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }

    /// Same length; at least one line the same and one not; where they differ,
    /// the same program and subcommand (past `sudo`) and as many words.
    static func parallel(_ a: [String], _ b: [String]) -> Bool {
        guard a.count == b.count, !a.isEmpty else { return false }
        var same = 0, differ = 0
        for (x, y) in zip(a, b) {
            if x == y { same += 1; continue }
            let xs = words(x), ys = words(y)
            guard xs.count == ys.count, xs.count >= 2, Array(xs.prefix(2)) == Array(ys.prefix(2)) else { return false }
            differ += 1
        }
        return same >= 1 && differ >= 1
    }

    static func words(_ line: String) -> [Substring] {
        let all = line.split(separator: " ")
        return all.first == "sudo" ? Array(all.dropFirst()) : all
    }

    /// How many words at the start, and then at the end, every one of SEQUENCES shares.
    static func sharedEnds<Word: Equatable>(_ sequences: [[Word]]) -> (prefix: Int, suffix: Int) {
        guard let first = sequences.first, let shortest = sequences.map(\.count).min() else { return (0, 0) }
        var prefix = 0
        while prefix < shortest, sequences.allSatisfy({ $0[prefix] == first[prefix] }) { prefix += 1 }
        var suffix = 0
        while suffix < shortest - prefix, sequences.allSatisfy({ $0[$0.count - 1 - suffix] == first[first.count - 1 - suffix] }) { suffix += 1 }
        return (prefix, suffix)
    }

    /// The words of each title outside the prefix and suffix all share, as a
    /// value (`version-specific`); nil when the titles share neither, or when
    /// the values are not distinct.
    static func distinguishingWords(_ titles: [String]) -> [String]? {
        let split = titles.map(AlternativeSections.words)
        guard let shortest = split.map(\.count).min(), shortest >= 2 else { return nil }
        let (prefix, suffix) = sharedEnds(split)
        guard prefix + suffix >= 1 else { return nil }
        let values = split.map { $0[prefix..<($0.count - suffix)].joined(separator: "-") }
        guard values.allSatisfy({ !$0.isEmpty }), Set(values).count == values.count else { return nil }
        return values
    }
}
