import Foundation
import Testing

/// Our RST reader against docutils, the reference, through script/rst_conformance.py:
/// on the two seed procedures (written by others) and our constructs fixture.
@Suite struct RSTConformanceTests {
    @Test func seedsAndFixturesAgreeWithDocutils() throws {
        let fixtures = TestSupport.packageRoot + "/Tests/RunbookTests/Fixtures"
        var files = ["seeds/django-update.rst", "seeds/emaj-upgrade.rst"].map { fixtures + "/" + $0 }
        files += ["rst/constructs.rst", "rst/real-page-defects.rst"].map { fixtures + "/" + $0 }
        let result = try TestSupport.run("python3", [TestSupport.packageRoot + "/script/rst_conformance.py", "--verbose",
                                                     "--runbook", TestSupport.runbookBinary] + files)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("agree on 4/4 files; counts on 4/4"), "\(result.stdout)")
    }

    /// Paragraph text where real pages showed runbook and docutils apart: a backslash
    /// inside an inline literal, markup inside emphasis. docutils' own text is the reference.
    @Test func inlineTextOfRealPageCasesAgreesWithDocutils() throws {
        let file = TestSupport.packageRoot + "/Tests/RunbookTests/Fixtures/rst/real-page-defects.rst"
        let docutils = try TestSupport.run("python3", ["-c", """
        import sys
        from docutils import nodes
        from docutils.core import publish_doctree
        tree = publish_doctree(open(sys.argv[1]).read(), settings_overrides={"report_level": 5})
        for p in tree.findall(nodes.paragraph):
            if not isinstance(p.parent, (nodes.list_item, nodes.system_message)):
                print(p.astext().replace("\\n", " "))
        """, file])
        #expect(docutils.status == 0, "\(docutils.stderr)")
        let ast = try TestSupport.runbook(["ast", file, "--format", "json"], in: TestSupport.packageRoot)
        let tree = try #require(try JSONSerialization.jsonObject(with: Data(ast.stdout.utf8)) as? [String: Any])
        var ours: [String] = []
        func visit(_ node: [String: Any], inList: Bool) {
            if node["type"] as? String == "paragraph", !inList, let text = node["text"] as? String {
                ours.append(text.replacingOccurrences(of: "\n", with: " "))
            }
            for child in node["children"] as? [[String: Any]] ?? [] { visit(child, inList: inList || node["type"] as? String == "list_item") }
        }
        visit(tree, inList: false)
        #expect(ours.joined(separator: "\n") + "\n" == docutils.stdout)
        #expect(ast.stderr.isEmpty, "docutils is silent on these: \(ast.stderr)")
    }

    /// Sphinx's cross-reference roles take `title<target>` with no space (docutils
    /// does not know `:ref:`; Sphinx's XRefRole shows the title).
    @Test func aCrossReferenceTitleNeedsNoSpaceBeforeItsTarget() throws {
        let project = try TestSupport.temporaryDirectory("xref")
        defer { try? FileManager.default.removeItem(atPath: project) }
        try TestSupport.write("P\n=\n\nSee :ref:`a()<b>` and `x <y>`_.\n", to: project + "/p.rst")
        let ast = try TestSupport.runbook(["ast", "p.rst"], in: project)
        #expect(ast.stdout.contains("paragraph \"See a() and x.\""), "\(ast.stdout)")
    }

    /// The corpus the issue names: docutils' own docs and functional test inputs
    /// (script/docutils_corpus.sh downloads the sdist of the installed docutils).
    @Test func docutilsOwnCorpusAgrees() throws {
        let corpus = try TestSupport.run(TestSupport.packageRoot + "/script/docutils_corpus.sh", [])
        #expect(corpus.status == 0, "\(corpus.stderr)")
        let files = corpus.stdout.split(separator: "\n").map(String.init)
        #expect(files.count >= 100, "the corpus is docutils' 100-odd RST files")
        let result = try TestSupport.run("python3", [TestSupport.packageRoot + "/script/rst_conformance.py",
                                                     "--runbook", TestSupport.runbookBinary] + files)
        let summary = result.stdout.split(separator: "\n").last.map(String.init) ?? ""
        print("docutils corpus: " + summary)
        // "sections and literal blocks agree on A/N files; counts on C/N; S skipped (severe docutils errors)"
        let numbers = summary.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        try #require(numbers.count >= 5, "\(result.stdout)\(result.stderr)")
        let (agreed, counted, countsAgreed) = (numbers[0], numbers[1], numbers[2])
        #expect(agreed == counted, "sections and literal blocks must agree on every file docutils parses: \(result.stdout)")
        #expect(countsAgreed * 100 >= counted * 99, "counts must agree on 99% of the files: \(result.stdout)")
    }
}
