import Extraction
import Foundation
import Testing

/// The reading passes: named, documented in the README, and switched off
/// per project in runbook.json.
@Suite struct ReadingPassTests {
    static let doc = """
    # P

    ## Migrate

    ```
    ALTER TABLE notes ADD COLUMN pinned boolean;
    ```

    ## Enter the environment

    ```console
    $ poetry shell
    $ python manage.py migrate
    ```
    """

    func plan(_ settings: String?) throws -> TestSupport.Result {
        let project = try TestSupport.temporaryDirectory("conventions")
        defer { try? FileManager.default.removeItem(atPath: project) }
        try TestSupport.write(Self.doc, to: project + "/docs-src/p.md")
        if let settings { try TestSupport.write(settings, to: project + "/runbook.json") }
        return try TestSupport.runbook(["plan", "docs-src/p.md"], in: project)
    }

    @Test func aProjectTurnsAConventionOff() throws {
        let on = try plan(nil)
        #expect(on.stdout.contains("$ [psql] ALTER TABLE notes ADD COLUMN pinned boolean;"), "\(on.stdout)")
        #expect(on.stdout.contains("$ [bash] poetry env info --path"))
        #expect(on.stdout.contains("read (line 6) by sql-blocks: runs with psql: every statement is SQL"), "\(on.stdout)")
        let off = try plan(#"{"passes": {"disable": ["sql-blocks", "poetry-shell"]}}"#)
        #expect(off.status == 0, "\(off.stderr)")
        // Not sent to psql, and not to bash either: SQL is not a shell command, so the block is shown.
        #expect(!off.stdout.contains("$ [bash] ALTER TABLE"), "\(off.stdout)")
        #expect(off.stdout.contains("shown output (line 6): SQL, and the sql-blocks pass is off"), "\(off.stdout)")
        #expect(off.stdout.contains("$ [bash] poetry shell"), "\(off.stdout)")
        #expect(!off.stdout.contains("in poetry"))
    }

    @Test(arguments: [
        (#"{"passes": {"disable": ["sql-block"]}}"#, "runbook.json:1:1: error: unknown reading pass 'sql-block' (did you mean 'sql-blocks'?) (known: \(ReadingPass.allCases.map(\.rawValue).joined(separator: ", ")))"),
        (#"{"conventions": {"disable": ["sql-sniffing"]}}"#, "runbook.json:1:1: error: unknown reading pass 'sql-sniffing' (known: "),
        (#"{"passs": {}}"#, "runbook.json:1:1: error: unknown key 'passs' (did you mean 'passes'?) (known: conventions, docs, out, passes, procedures, substitutions)"),
        ("[]", "runbook.json:1:1: error: not a JSON object"),
    ])
    func aBadProjectFileIsAnError(settings: String, expected: String) throws {
        let result = try plan(settings)
        #expect(result.status == 2)
        #expect(result.stderr.contains(expected), "\(result.stderr)")
    }

    @Test func theReadmeListsEveryPass() throws {
        let readme = try #require(TestSupport.read(TestSupport.packageRoot + "/README.md"))
        for pass in ReadingPass.allCases {
            #expect(readme.contains("| `\(pass.rawValue)` |"), "\(pass.rawValue) is not in the README's table")
        }
    }
}
