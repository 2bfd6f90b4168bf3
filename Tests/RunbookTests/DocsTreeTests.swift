import Foundation
import Testing

/// runbook pointed at real docs trees as they are (Tests/Trees/, with their
/// sources and licenses in SOURCES.md): `runbook.json` names the procedures,
/// pages only included by others are fragments, an include missing from the
/// tree is a warning where runbook only reads and an error where it builds.
@Suite struct DocsTreeTests {
    /// A copy of a tree to work in (builds write generated/ beside the docs).
    func copy(_ tree: String) throws -> String {
        let dir = try TestSupport.temporaryDirectory("tree-" + tree)
        try FileManager.default.removeItem(atPath: dir)
        try FileManager.default.copyItem(atPath: TestSupport.packageRoot + "/Tests/Trees/" + tree, toPath: dir)
        return dir
    }

    func outputs(_ dir: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir + "/generated")) ?? []).filter { $0.hasSuffix(".sh") }.sorted()
    }

    @Test func aSphinxInstallGuideBuildsItsProceduresAndLeavesFragmentsAndReferencePagesOut() throws {
        let dir = try copy("sphinx-glance")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let build = try TestSupport.runbook(["build"], in: dir)
        #expect(build.status == 0, "\(build.stderr)")
        #expect(outputs(dir) == ["install-debian.sh", "install-rdo.sh", "install-ubuntu.sh", "verify.sh"], "\(outputs(dir))")
        // The fragments' commands are in the pages that include them.
        let ubuntu = try #require(TestSupport.read(dir + "/generated/install-ubuntu.sh"))
        #expect(ubuntu.contains("registered limit create --service glance"), "register-quotas.rst, included")
        let check = try TestSupport.runbook(["check"], in: dir)
        #expect(check.status == 0 && check.stdout.contains("4 procedure(s) in sync"), "\(check.stdout)\(check.stderr)")
        // lint with no paths lints what build compiles: no "no steps" error for index.rst.
        let lint = try TestSupport.runbook(["lint", "--format", "json"], in: dir)
        #expect(lint.status != 2, "\(lint.stderr)")
        #expect(!lint.stdout.contains("index.rst") && !lint.stdout.contains("configure-quotas.rst\","), "\(lint.stdout.prefix(600))")

        // With every page named, the fragments still are not procedures; the reference pages are, and say why they fail.
        try TestSupport.write("{\"docs\": \"doc/source/install\", \"procedures\": [\"*.rst\"]}\n", to: dir + "/runbook.json")
        let all = try TestSupport.runbook(["build"], in: dir)
        #expect(all.status == 2, "index.rst and install.rst hold only a table of contents")
        #expect(all.stderr.contains("index.rst:1:1: error: no steps"), "\(all.stderr)")
        for fragment in ["configure-quotas.rst", "edit-glance-api-conf.rst", "register-quotas.rst"] {
            #expect(!all.stderr.contains(fragment + ":"), "\(fragment) is a fragment: \(all.stderr)")
        }
    }

    @Test func anIncludeMissingFromTheTreeWarnsWhereRunbookReadsAndStopsTheBuild() throws {
        let dir = try copy("sphinx-glance")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.removeItem(atPath: dir + "/doc/source/install/note_configuration_vary_by_distribution.txt")
        let page = "doc/source/install/install-ubuntu.rst"
        let at = "\(page):176:1: warning: cannot include 'note_configuration_vary_by_distribution.txt': no such file [RB111]"
        for command in [["ast", page], ["plan", page], ["graph", page]] {
            let result = try TestSupport.runbook(command, in: dir)
            #expect(result.status == 0, "\(command[0]): \(result.stderr)")
            #expect(result.stderr.contains(at), "\(command[0]): \(result.stderr)")
        }
        let lint = try TestSupport.runbook(["lint", page], in: dir)
        #expect(lint.status == 1 && lint.stdout.contains(at), "\(lint.stdout)")
        let build = try TestSupport.runbook(["build"], in: dir)
        #expect(build.status == 2, "\(build.stdout)")
        #expect(build.stderr.contains("\(page):176:1: error: cannot include 'note_configuration_vary_by_distribution.txt': no such file [RB111]"), "\(build.stderr)")
        #expect(outputs(dir).isEmpty, "nothing written")
    }

    @Test func sphinxSubstitutionsFromTheProjectFile() throws {
        let dir = try copy("sphinx-readthedocs")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let page = "docs/user/guides/custom-domains.rst"
        let ast = try TestSupport.runbook(["ast", page], in: dir)
        #expect(ast.stdout.contains("For both Read the Docs Community and Read the Docs Business, HSTS"), "\(ast.stdout.prefix(400))")
        try FileManager.default.removeItem(atPath: dir + "/runbook.json")
        let bare = try TestSupport.runbook(["ast", page], in: dir)
        #expect(bare.stdout.contains("For both |org_brand| and |com_brand|, HSTS"), "without the project file, as written")
    }

    @Test func anMkdocsSectionBuildsItsUpgradeProceduresAndNotTheNotes() throws {
        let dir = try copy("mkdocs-seafile")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let build = try TestSupport.runbook(["build"], in: dir)
        #expect(build.status == 0, "\(build.stderr)")
        #expect(outputs(dir) == ["upgrade.sh", "upgrade_a_cluster.sh", "upgrade_a_cluster_binary.sh", "upgrade_docker.sh"], "\(outputs(dir))")
        #expect(try TestSupport.runbook(["check"], in: dir).status == 0)
        for script in outputs(dir) {
            let shellcheck = try TestSupport.run("shellcheck", [dir + "/generated/" + script])
            #expect(shellcheck.status == 0, "\(script): \(shellcheck.stdout)")
        }
    }

    @Test(arguments: [
        (#"{"procedure": ["a.md"]}"#, "runbook.json:1:1: error: unknown key 'procedure' (did you mean 'procedures'?) (known: conventions, docs, out, passes, procedures, substitutions)"),
        (#"{"procedures": "a.md"}"#, "runbook.json:1:1: error: 'procedures' must be a list of globs, such as [\"install/*.rst\"]"),
        (#"{"substitutions": {"project": 1}}"#, "runbook.json:1:1: error: 'substitutions' must map names to text, such as {\"project\": \"NetBox\"}"),
        (#"{"docs": ""}"#, "runbook.json:1:1: error: 'docs' must be a folder's path"),
    ])
    func theProjectFileIsReadStrictly(settings: String, expected: String) throws {
        let dir = try TestSupport.temporaryDirectory("projectfile")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try TestSupport.write("# P\n\n## S\n\n```sh\ntrue\n```\n", to: dir + "/docs-src/p.md")
        try TestSupport.write(settings, to: dir + "/runbook.json")
        let build = try TestSupport.runbook(["build"], in: dir)
        #expect(build.status == 2 && build.stderr.contains(expected), "\(build.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/generated"))
    }
}
