extension String {
    /// The text without the spaces and tabs at its end.
    public func trimmingTrailingBlanks() -> String {
        // Most text ends in neither: answered from the last byte.
        guard let last = utf8.last, last == 0x20 || last == 0x09 else { return self }
        var s = self
        while let last = s.last, last == " " || last == "\t" { s.removeLast() }
        return s
    }
}

/// "did you mean": the known name nearest a misspelt one.
public enum NearestName {
    /// The candidate at the smallest edit distance (case aside) from `name`, if it is
    /// near enough to be a slip: at most 2 edits, and fewer than half its letters.
    public static func suggestion(for name: String, in candidates: [String]) -> String? {
        let lower = Array(name.lowercased())
        var best: (String, Int)?
        for candidate in candidates where candidate != name {
            let distance = editDistance(lower, Array(candidate.lowercased()))
            if distance <= 2, distance * 2 < max(lower.count, 2), best.map({ distance < $0.1 }) ?? true { best = (candidate, distance) }
        }
        return best?.0
    }

    /// Levenshtein distance between two sequences (letters, words), with a swap
    /// of two neighbours counting as one edit.
    public static func editDistance<Element: Equatable>(_ a: [Element], _ b: [Element]) -> Int {
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1) }
            }
        }
        return table[a.count][b.count]
    }

    /// " (did you mean 'undo'?)", or "".
    public static func hint(for name: String, in candidates: [String]) -> String {
        suggestion(for: name, in: candidates).map { " (did you mean '\($0)'?)" } ?? ""
    }
}
