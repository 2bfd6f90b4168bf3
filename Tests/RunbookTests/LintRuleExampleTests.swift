import Foundation
import Testing

/// Each lint rule (one file each under Sources/Lint/Rules/) on its own bad and
/// good example, the ones the README shows: the bad one is reported with the
/// rule's code, the good one is not.
@Suite struct LintRuleExampleTests {
    static let examples: [(code: String, file: String, bad: String, good: String)] = [
        ("RB101", "p.md", "# P\n\n## S\n\n```sh\nsystemctl restart <service>\n```\n",
         "# P\n\n<!-- runbook: param=SERVICE placeholder=\"<service>\" -->\n\n## S\n\n```sh\nsystemctl restart <service>\n```\n"),
        ("RB102", "p.md", "# P\n\n## S\n\n```console\n$ psql app\n```\n", "# P\n\n## S\n\n```console\n$ psql app -c 'VACUUM ANALYZE'\n```\n"),
        ("RB103", "p.md", "# P\n\n## Tell the users\n\nSend the notice.\n",
         "# P\n\n## Tell the users\n\n<!-- runbook: run=\"mail -s update users < notice.txt\" -->\n"),
        ("RB104", "p.md", "# P\n\n## Clean\n\n```console\n$ rm -rf /srv/app/cache\n```\n",
         "# P\n\n## Back up\n\n```console\n$ tar czf /tmp/app.tgz /srv/app\n```\n\n## Clean\n\n```console\n$ rm -rf /srv/app/cache\n```\n"),
        ("RB105", "p.md", "# P\n\n## Back up\n\n```console\n$ cp app.db app.db.bak\n```\n\n## Change\n\n```console\n$ app migrate\n```\n",
         "# P\n\n## Back up\n\n<!-- runbook: undo=\"cp app.db.bak app.db\" -->\n```console\n$ cp app.db app.db.bak\n```\n\n## Change\n\n```console\n$ app migrate\n```\n"),
        ("RB106", "p.md", "# P\n\n## S\n\n```sh\ncd /srv/app\n```\n\n```sh\nmake\n```\n", "# P\n\n## S\n\n```console\n$ cd /srv/app\n$ make\n```\n"),
        ("RB107", "p.md", "# P\n\n## S\n\n```console\n$ make\nmake: done\ngit push\n```\n", "# P\n\n## S\n\n```console\n$ make\nmake: done\n$ git push\n```\n"),
        ("RB108", "p.rst", "Proc\n====\n\nStep\n----\n\n.. runbok:: typo\n\n::\n\n    true\n", "Proc\n====\n\nStep\n----\n\n.. note:: text\n\n::\n\n    true\n"),
        ("RB110", "p.md", "# P\n\n## S\n\nEdit `/etc/app.conf`:\n\n```ini\n[database]\nhost = db1\n```\n", "# P\n\n## S\n\nEdit `/etc/app.conf`:\n\n<!-- runbook: merge=/etc/app.conf -->\n```ini\n[database]\nhost = db1\n```\n"),
        ("RB111", "p.rst", "Proc\n====\n\nStep\n----\n\n.. include:: site-local.rst\n\n::\n\n    true\n", "Proc\n====\n\nStep\n----\n\n::\n\n    true\n"),
        ("RB112", "p.md", "# P\n\n## Restart\n\n```sh\nsystemctl restart app\n```\n\nCheck that the app answers.\n",
         "# P\n\n## Restart\n\n<!-- runbook: verify=\"curl -fsS http://localhost/\" -->\n```sh\nsystemctl restart app\n```\n\nCheck that the app answers.\n"),
        ("RB113", "p.md", "# P\n\n## Unpack\n\n<!-- runbook: undo=\"rm -rf /srv/releases/2.0\" -->\n```sh\ntar xzf app.tgz -C /srv/releases\n```\n",
         "# P\n\n## Unpack\n\n<!-- runbook: undo=\"rm -rf /srv/releases/2.0\" creates=/srv/releases/2.0 -->\n```sh\ntar xzf app.tgz -C /srv/releases\n```\n"),
        ("RB109", "p.md", "# P\n\n## S\n\n- an item\n\n  <!-- runbook: skip -->\n\n```sh\ntrue\n```\n", "# P\n\n## S\n\n<!-- runbook: run=\"true\" -->\n"),
    ]

    func codes(_ doc: String, file: String) throws -> [String] {
        let project = try TestSupport.temporaryDirectory("lintexamples")
        defer { try? FileManager.default.removeItem(atPath: project) }
        try TestSupport.write(doc, to: project + "/" + file)
        let result = try TestSupport.runbook(["lint", file, "--format", "json"], in: project)
        let findings = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]] ?? []
        return findings.compactMap { $0["code"] as? String }
    }

    @Test(arguments: examples.map(\.code))
    func theBadExampleIsReportedAndTheGoodOneIsNot(code: String) throws {
        let example = try #require(Self.examples.first { $0.code == code })
        #expect(try codes(example.bad, file: example.file).contains(code), "the bad example of \(code)")
        #expect(try !codes(example.good, file: example.file).contains(code), "the good example of \(code)")
    }

    @Test func everyRuleHasAnExample() {
        #expect(Set(Self.examples.map(\.code)) == Set((1...13).map { String(format: "RB1%02d", $0) }))
    }
}
