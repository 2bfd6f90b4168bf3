import Foundation
import Testing

/// A build writes all its outputs or none: a failure halfway (here a folder
/// standing where a later output goes, which no rename can replace, root or
/// not) leaves the output folder byte for byte as before, with no temporary
/// file, and says what failed in one line, exit 2.
@Suite struct AllOrNothingBuildTests {
    static func doc(_ word: String) -> String { "# \(word)\n\n## Say it\n\n```bash\necho \(word)\n```\n" }

    func snapshot(_ folder: String) -> [String: Data] {
        var files: [String: Data] = [:]
        for name in (try? FileManager.default.subpathsOfDirectory(atPath: folder)) ?? [] {
            if let data = FileManager.default.contents(atPath: folder + "/" + name) { files[name] = data }
        }
        return files
    }

    @Test func aBuildThatFailsHalfwayLeavesTheOutputsAsTheyWere() throws {
        let project = try TestSupport.temporaryDirectory("all-or-nothing")
        defer { try? FileManager.default.removeItem(atPath: project) }
        for name in ["a", "m", "z"] { try TestSupport.write(Self.doc("first-" + name), to: project + "/docs-src/\(name).md") }
        #expect(try TestSupport.runbook(["build"], in: project).status == 0)
        // The docs change; z's manifest cannot be replaced: a folder stands there.
        for name in ["a", "m", "z"] { try TestSupport.write(Self.doc("second-" + name), to: project + "/docs-src/\(name).md") }
        try FileManager.default.removeItem(atPath: project + "/generated/z.manifest.json")
        try TestSupport.write("x", to: project + "/generated/z.manifest.json/inside")
        let before = snapshot(project + "/generated")
        let result = try TestSupport.runbook(["build"], in: project)
        #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.hasPrefix("runbook: cannot write ") && result.stderr.contains("z.manifest.json: Is a directory"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "one line: \(result.stderr)")
        #expect(snapshot(project + "/generated") == before, "generated/ changed")
        let left = try FileManager.default.contentsOfDirectory(atPath: project + "/generated").filter { $0.hasPrefix(".") || $0.contains("runbook-old") }
        #expect(left.isEmpty, "temporary files left: \(left)")
    }

    @Test func anOutputFolderThatIsAFileIsSaidSo() throws {
        let project = try TestSupport.temporaryDirectory("out-is-a-file")
        defer { try? FileManager.default.removeItem(atPath: project) }
        try TestSupport.write(Self.doc("a"), to: project + "/docs-src/a.md")
        try TestSupport.write("not a folder\n", to: project + "/out")
        let result = try TestSupport.runbook(["build", "--out", "out"], in: project)
        #expect(result.status == 2)
        #expect(result.stderr == "runbook: cannot write out/a.sh: out is a file, not a folder\n", "\(result.stderr)")
        #expect(TestSupport.read(project + "/out") == "not a folder\n")
    }
}
