/// A unified diff of two texts by lines (longest common subsequence), with
/// three lines of context, as `diff -u` prints it.
public enum UnifiedDiff {
    enum Edit: Equatable { case same(String), removed(String), added(String) }

    public static func diff(_ old: String, _ new: String, oldName: String, newName: String, context: Int = 3) -> String {
        let a = lines(old), b = lines(new)
        let edits = edits(a, b)
        guard edits.contains(where: { if case .same = $0 { false } else { true } }) else { return "" }
        var out = "--- \(oldName)\n+++ \(newName)\n"
        // Positions in a and b of each edit, to number the hunks.
        var positions: [(Int, Int)] = []
        var i = 0, j = 0
        for edit in edits {
            positions.append((i, j))
            switch edit {
            case .same: i += 1; j += 1
            case .removed: i += 1
            case .added: j += 1
            }
        }
        let changed = edits.indices.filter { if case .same = edits[$0] { false } else { true } }
        var hunkStart = 0
        while hunkStart < changed.count {
            var hunkEnd = hunkStart
            while hunkEnd + 1 < changed.count, changed[hunkEnd + 1] - changed[hunkEnd] <= 2 * context { hunkEnd += 1 }
            let from = max(changed[hunkStart] - context, 0)
            let to = min(changed[hunkEnd] + context, edits.count - 1)
            var oldCount = 0, newCount = 0, body = ""
            for edit in edits[from...to] {
                switch edit {
                case .same(let line): body += " \(line)\n"; oldCount += 1; newCount += 1
                case .removed(let line): body += "-\(line)\n"; oldCount += 1
                case .added(let line): body += "+\(line)\n"; newCount += 1
                }
            }
            let (oldStart, newStart) = positions[from]
            out += "@@ -\(oldStart + (oldCount > 0 ? 1 : 0)),\(oldCount) +\(newStart + (newCount > 0 ? 1 : 0)),\(newCount) @@\n" + body
            hunkStart = hunkEnd + 1
        }
        return out
    }

    static func lines(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    static func edits(_ a: [String], _ b: [String]) -> [Edit] {
        // Trim the common prefix and suffix first: drift is usually a few lines.
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        let x = Array(a[prefix..<(a.count - suffix)]), y = Array(b[prefix..<(b.count - suffix)])
        var table = [[Int32]](repeating: [Int32](repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in stride(from: x.count - 1, through: 0, by: -1) {
            for j in stride(from: y.count - 1, through: 0, by: -1) {
                table[i][j] = x[i] == y[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var middle: [Edit] = []
        var i = 0, j = 0
        while i < x.count || j < y.count {
            if i < x.count, j < y.count, x[i] == y[j] { middle.append(.same(x[i])); i += 1; j += 1 }
            else if i < x.count, j == y.count || table[i + 1][j] >= table[i][j + 1] { middle.append(.removed(x[i])); i += 1 }
            else { middle.append(.added(y[j])); j += 1 }
        }
        return a[..<prefix].map { .same($0) } + middle + a[(a.count - suffix)...].map { .same($0) }
    }
}
