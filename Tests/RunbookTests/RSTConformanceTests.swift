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
}
