import Foundation
import Testing

/// Our RST reader against docutils, the reference, through script/rst_conformance.py:
/// on the two seed procedures (written by others) and our constructs fixture.
@Suite struct RSTConformanceTests {
    @Test func seedsAndFixturesAgreeWithDocutils() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let seeds = TestSupport.packageRoot + "/../shared/seeds"
        var files: [String] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: seeds).sorted() {
            let copy = dir + "/" + (name as NSString).deletingPathExtension + ".rst"
            try FileManager.default.copyItem(atPath: seeds + "/" + name, toPath: copy)
            files.append(copy)
        }
        #expect(files.count == 2)
        files.append(TestSupport.packageRoot + "/Tests/RunbookTests/Fixtures/rst/constructs.rst")
        let result = try TestSupport.run("python3", [TestSupport.packageRoot + "/script/rst_conformance.py", "--verbose",
                                                     "--runbook", TestSupport.runbookBinary] + files)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("agree on 3/3 files; counts on 3/3"), "\(result.stdout)")
    }
}
