import StepAST

/// Part of pass alternative-sections: sibling sections whose titles are the
/// same but for a contrast the operator settles once. "Deploy without using
/// the included NGINX" / "Deploy using the included NGINX" (WITH), "Create a
/// new certificate and key" / "Use a pre-existing certificate and key"
/// (EXISTING): one choice, whatever the verbs.
enum ContrastingTitles {
    /// The words of a contrast, by choice: each side and the words that say it.
    static let contrasts: [(name: String, sides: [(value: String, words: Set<String>)])] = [
        ("WITH", [("without", ["without"]), ("with", ["with", "using"])]),
        ("EXISTING", [("new", ["new", "fresh"]), ("existing", ["existing", "preexisting"])]),
    ]

    /// Words that do not tell two such titles apart: articles and the contrasts' own words.
    static let neutral: Set<String> = ["a", "an", "the", "your", "pre", "with", "without", "using", "new", "fresh", "existing", "preexisting"]

    /// Verbs that bring a thing, new or existing, to the procedure ("Create a new
    /// key" / "Use an existing key"); "Stop the existing service" / "Start the
    /// new service" is a sequence.
    static let obtaining: Set<String> = ["create", "creating", "generate", "generating", "make", "use", "using", "reuse",
                                         "get", "obtain", "issue", "bring", "provide", "new", "existing"]

    /// The choice a title takes a side of, the side, its first word, and what is
    /// left of it once the contrast and that first word are taken out.
    static func side(_ title: String) -> (name: String, value: String, lead: String, rest: [String])? {
        let words = AlternativeSections.words(title.replacingOccurrences(of: "pre-existing", with: "preexisting"))
        guard let lead = words.first else { return nil }
        for contrast in contrasts {
            // "without" wins over the "using" that may follow it.
            guard let side = contrast.sides.first(where: { !$0.words.isDisjoint(with: words) }) else { continue }
            let rest = words.dropFirst().filter { !neutral.contains($0) }
            return rest.isEmpty ? nil : (contrast.name, side.value, lead, rest)
        }
        return nil
    }

    /// The pairs among SECTIONS that take the two sides of one contrast on the
    /// same rest: with and without after one verb, new and existing after verbs that bring a thing.
    static func members(_ sections: [Int], in steps: [Step]) -> (name: String, members: [(index: Int, value: String)])? {
        let read = sections.compactMap { index in side(steps[index].title).map { (index: index, read: $0) } }
        let pair = AlternativeSections.firstPair(read) { a, b in
            a.name == b.name && a.rest == b.rest && a.value != b.value
                && (a.name == "WITH" ? a.lead == b.lead : obtaining.contains(a.lead) && obtaining.contains(b.lead))
        }
        guard let pair else { return nil }
        return (pair.first.read.name, [(pair.first.index, pair.first.read.value), (pair.second.index, pair.second.read.value)])
    }
}
