/// Items in a row that go together: two passes look for blocks that each
/// repeat or vary the one before (repeated-blocks, alternative-paragraphs).
enum ConsecutiveRuns {
    /// The longest runs of two items or more among COUNT, where CONTINUES(start, i)
    /// says item i goes on the run that began at START (and ends at i - 1).
    static func of(_ count: Int, where continues: (_ start: Int, _ next: Int) -> Bool) -> [Range<Int>] {
        var runs: [Range<Int>] = []
        var start = 0
        while start < count {
            var end = start + 1
            while end < count, continues(start, end) { end += 1 }
            if end - start >= 2 { runs.append(start..<end) }
            start = end
        }
        return runs
    }
}
