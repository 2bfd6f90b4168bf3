import Foundation
import Testing
@testable import Pipeline

/// Our unified diff against GNU diff's on the same inputs.
@Suite struct UnifiedDiffTests {
    @Test(arguments: [
        ("a\nb\nc\n", "a\nB\nc\n"),
        ("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n16\n", "1\n2\nx\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\ny\n15\n16\nz\n"),
        ("", "new\n"),
        ("old\n", ""),
        ("a\nb\nc\nd\n", "b\nc\nd\ne\n"),
        ("a\nb\na\nb\na\n", "b\na\nb\na\nb\n"),
    ])
    func matchesGNUDiff(old: String, new: String) throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try TestSupport.write(old, to: dir + "/old")
        try TestSupport.write(new, to: dir + "/new")
        let gnu = try TestSupport.run("diff", ["-u", "--label", "old", "--label", "new", "old", "new"], in: dir)
        let ours = UnifiedDiff.diff(old, new, oldName: "old", newName: "new")
        // Hunks may pair lines differently when several LCS exist; compare what each side removes and adds.
        func changes(_ diff: String) -> [String] { diff.split(separator: "\n").filter { $0.hasPrefix("-") || $0.hasPrefix("+") }.map(String.init).sorted() }
        func headers(_ diff: String) -> [String] { diff.split(separator: "\n").filter { $0.hasPrefix("@@") }.map(String.init) }
        #expect(changes(ours) == changes(gnu.stdout))
        #expect(headers(ours).count == headers(gnu.stdout).count)
    }

    @Test func identicalTextsGiveNoDiff() {
        #expect(UnifiedDiff.diff("a\n", "a\n", oldName: "x", newName: "y") == "")
    }
}
