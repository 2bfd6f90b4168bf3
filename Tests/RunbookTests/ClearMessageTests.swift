import Foundation
import Testing

/// Messages that say what is wrong, where: a folder given as a doc, a NUL
/// byte's column, the line of `rm -rf` inside a block, a page that includes
/// itself, and a changed doc whose playbook changes with it.
@Suite struct ClearMessageTests {
    func project(_ files: [String: String]) throws -> String {
        let project = try TestSupport.temporaryDirectory("messages")
        for (name, text) in files { try TestSupport.write(text, to: project + "/docs-src/" + name) }
        return project
    }

    @Test func aFolderGivenAsADocIsSaidToBeOne() throws {
        let project = try project(["p.md": "# P\n\n## S\n\n```bash\ntrue\n```\n"])
        defer { try? FileManager.default.removeItem(atPath: project) }
        for command in ["plan", "ast", "graph"] {
            let result = try TestSupport.runbook([command, "docs-src"], in: project)
            #expect(result.status == 2)
            #expect(result.stderr.hasPrefix("docs-src:1:1: error: is a folder: give one doc (.md, .markdown, .mdx or .rst)"), "\(command): \(result.stderr)")
        }
    }

    @Test func aNulByteIsFoundAtItsColumn() throws {
        let project = try project(["nul.md": "# P\n\n## S\n\nab\u{0}c\n"])
        defer { try? FileManager.default.removeItem(atPath: project) }
        let result = try TestSupport.runbook(["plan", "docs-src/nul.md"], in: project)
        #expect(result.stderr.hasPrefix("docs-src/nul.md:5:3: error: file contains a NUL character"), "\(result.stderr)")
    }

    @Test func rmRfIsFoundAtItsOwnLineInTheBlock() throws {
        let project = try project(["p.md": "# P\n\n## S\n\n```bash\necho one\n  rm -rf /srv/cache\n```\n"])
        defer { try? FileManager.default.removeItem(atPath: project) }
        let result = try TestSupport.runbook(["lint", "docs-src/p.md"], in: project)
        #expect(result.stdout.hasPrefix("docs-src/p.md:7:3: warning: 'rm -rf' destroys data"), "\(result.stdout)")
    }

    @Test func aPageThatIncludesItselfIsStillAProcedure() throws {
        let project = try project(["self.rst": "Title\n=====\n\nStep\n----\n\n.. include:: self.rst\n\n.. code-block:: bash\n\n    echo x\n"])
        defer { try? FileManager.default.removeItem(atPath: project) }
        let result = try TestSupport.runbook(["build"], in: project)
        #expect(!result.stderr.contains("no procedure docs found"), "\(result.stderr)")
        #expect(result.stdout.contains("wrote generated/self.sh") || result.stderr.contains("self.rst"), "\(result.stdout)\(result.stderr)")
    }

    @Test func aChangedDocIsOneDriftNotAPlaybookEditedByHand() throws {
        let project = try project(["p.md": "# P\n\n## S\n\n```bash\necho one\n```\n"])
        defer { try? FileManager.default.removeItem(atPath: project) }
        #expect(try TestSupport.runbook(["build"], in: project).status == 0)
        try TestSupport.write("# P\n\n## S\n\n```bash\necho two\n```\n", to: project + "/docs-src/p.md")
        let check = try TestSupport.runbook(["check", "--no-cache"], in: project)
        #expect(check.status == 1)
        #expect(!check.stdout.contains("edited by hand"), "\(check.stdout)")
        #expect(check.stdout.contains("1 difference(s)"), "\(check.stdout)")
    }
}
