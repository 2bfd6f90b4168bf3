import Foundation
import Testing

/// Our RST reader against docutils, the reference, through script/rst_conformance.py:
/// on the two seed procedures (written by others) and our constructs fixture.
@Suite struct RSTConformanceTests {
    @Test func seedsAndFixturesAgreeWithDocutils() throws {
        let fixtures = TestSupport.packageRoot + "/Tests/RunbookTests/Fixtures"
        var files = ["seeds/django-update.rst", "seeds/emaj-upgrade.rst"].map { fixtures + "/" + $0 }
        files.append(fixtures + "/rst/constructs.rst")
        let result = try TestSupport.run("python3", [TestSupport.packageRoot + "/script/rst_conformance.py", "--verbose",
                                                     "--runbook", TestSupport.runbookBinary] + files)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("agree on 3/3 files; counts on 3/3"), "\(result.stdout)")
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
