import Foundation
import Testing

/// `runbook lint`: each rule on a small doc that breaks it and one that does not,
/// silencing, configuration, and the output formats (SARIF checked against its schema).
@Suite struct LintTests {
    struct Finding: Decodable, Equatable {
        var code: String?
        var line: Int
        var severity: String
    }

    func lint(_ text: String, file: String = "doc.md", extra: [String] = [], files: [String: String] = [:]) throws -> (TestSupport.Result, [Finding]) {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try TestSupport.write(text, to: dir + "/" + file)
        for (name, content) in files { try TestSupport.write(content, to: dir + "/" + name) }
        let result = try TestSupport.runbook(["lint", file, "--format", "json"] + extra, in: dir)
        let findings = (try? JSONDecoder().decode([Finding].self, from: Data(result.stdout.utf8))) ?? []
        return (result, findings)
    }

    func codes(_ text: String, file: String = "doc.md") throws -> [String] {
        try lint(text, file: file).1.compactMap(\.code)
    }

    static func md(_ body: String) -> String { "# Procedure\n\n## Step\n\n" + body + "\n" }

    @Test(arguments: [
        // (rule, a doc that breaks it, the same doc put right)
        ("RB101", md("```sh\nsystemctl restart <service>\n```"),
         "# Procedure\n\n<!-- runbook: param=SERVICE placeholder=\"<service>\" -->\n\n## Step\n\n```sh\nsystemctl restart <service>\n```\n"),
        ("RB101", md("```sh\ngit checkout #.#.#\n```"), md("```sh\ngit checkout \"$(cat VERSION)\"\n```")),
        ("RB102", md("```sh\nvim /etc/app.conf\n```"), md("```sh\nsed -i 's/a/b/' /etc/app.conf\n```")),
        ("RB102", md("```sh\npsql app\n```"), md("```sh\npsql app -c 'SELECT 1'\n```")),
        ("RB102", md("```sh\nssh db1\n```"), md("```sh\nssh db1 uptime\n```")),
        ("RB102", md("```sh\ndocker exec -it app bash\n```"), md("```sh\ndocker exec app ls\n```")),
        ("RB102", md("```sh\npoetry shell\n```"), md("```sh\npoetry run python manage.py check\n```")),
        ("RB103", md("Tell the users."), md("```sh\nmail -s 'update' users < notice.txt\n```")),
        ("RB104", md("```sh\nrm -rf /srv/app/cache\n```"),
         "# Procedure\n\n## Back up\n\n```sh\ntar czf /tmp/app.tgz /srv/app\n```\n\n## Step\n\n```sh\nrm -rf /srv/app/cache\n```\n"),
        ("RB104", md("```sql\nDROP TABLE old_orders;\n```"),
         "# Procedure\n\n## Dump the database\n\n```sh\npg_dump app > app.sql\n```\n\n## Step\n\n```sql\nDROP TABLE old_orders;\n```\n"),
        ("RB105", "# P\n\n## Back up\n\n```sh\ncp app.db app.db.bak\n```\n\n## Change\n\n```sh\napp migrate\n```\n",
         "# P\n\n## Back up\n\n<!-- runbook: undo=\"cp app.db.bak app.db\" -->\n```sh\ncp app.db app.db.bak\n```\n\n## Change\n\n```sh\napp migrate\n```\n"),
        ("RB106", md("```sh\ncd /srv/app\n```\n\n```sh\nmake\n```"), md("```console\n$ cd /srv/app\n$ make\n```")),
        ("RB107", md("```console\n$ make\nmake: done\ngit push\n```"), md("```console\n$ make\nmake: done\n$ git push\n```")),
        ("RB110", md("Edit `/etc/app.conf`:\n\n```ini\n[database]\nhost = db1\n```"),
         md("Edit `/etc/app.conf`:\n\n<!-- runbook: merge=/etc/app.conf -->\n```ini\n[database]\nhost = db1\n```")),
        ("RB109", md("- an item <!-- runbook: run=\"true\" -->\n\n  <!-- runbook: skip -->\n\n  more text"), md("<!-- runbook: run=\"true\" -->")),
    ])
    func eachRuleFindsWhatItShouldAndNothingElse(rule: String, bad: String, good: String) throws {
        #expect(try codes(bad).contains(rule), "\(rule) should fire on:\n\(bad)")
        #expect(try !codes(good).contains(rule), "\(rule) should not fire on:\n\(good)")
    }

    @Test func unknownDirectivesAndRolesInRST() throws {
        let bad = "Title\n=====\n\nStep\n----\n\n.. runbok:: typo\n\nSee :reff:`x`.\n\n.. code-block:: sh\n\n   true\n"
        let good = "Title\n=====\n\nStep\n----\n\n.. note:: fine\n\nSee :ref:`x` and :doc:`y`.\n\n.. code-block:: sh\n\n   true\n"
        let findings = try lint(bad, file: "doc.rst").1.filter { $0.code == "RB108" }
        #expect(findings.map(\.line) == [7, 9])
        #expect(try !codes(good, file: "doc.rst").contains("RB108"))
    }

    @Test func anIgnoreAnnotationSilencesOnePlaceAndOnlyThatRule() throws {
        let doc = "# P\n\n## Clean\n\n<!-- runbook: ignore=RB104 -->\n```sh\nrm -rf /tmp/cache\n```\n\n## Clean again\n\n```sh\nrm -rf /tmp/other\n```\n"
        let findings = try lint(doc).1.filter { $0.code == "RB104" }
        #expect(findings.map(\.line) == [13], "only the unsilenced one")
        let wholeStep = "# P\n\n## Clean\n\n<!-- runbook: ignore=RB104,RB102 -->\n\n```sh\nrm -rf /tmp/cache\n```\n\n```sh\nvim x\n```\n"
        #expect(try codes(wholeStep).isEmpty, "right under the heading: the whole step")
    }

    @Test func theProjectConfigDisablesAndRaisesRules() throws {
        let doc = Self.md("Tell the users.\n\n```sh\nrm -rf /tmp/cache\n```")
        let config = #"{"disable": ["RB103"], "severity": {"RB104": "error"}}"#
        let (result, findings) = try lint(doc, files: [".runbook-lint.json": config])
        #expect(findings == [Finding(code: "RB104", line: 8, severity: "error")], "\(result.stdout)")
        #expect(result.status == 1)
        let (bad, _) = try lint(doc, files: [".runbook-lint.json": #"{"disable": ["RB999"]}"#])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains(".runbook-lint.json:1:1: error: unknown rule 'RB999' in 'disable'"), "\(bad.stderr)")
    }

    @Test func textIsLikeACompilersWithTheLineAndACaret() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try TestSupport.write(Self.md("```console\n$ vim /etc/app.conf\n```"), to: dir + "/doc.md")
        let result = try TestSupport.runbook(["lint", "doc.md"], in: dir)
        #expect(result.status == 1)
        #expect(result.stdout.contains("""
        doc.md:6:1: warning: 'vim /etc/app.conf' waits for a person at a terminal [RB102]
         6 | $ vim /etc/app.conf
           | ^
          fix: use a non-interactive command
        """), "\(result.stdout)")
        let github = try TestSupport.runbook(["lint", "doc.md", "--format", "github"], in: dir)
        #expect(github.stdout.hasPrefix("::warning file=doc.md,line=6,col=1,title=RB102::'vim /etc/app.conf' waits for a person at a terminal%0Afix: "), "\(github.stdout)")
    }

    /// SARIF from both lint and check validates against the SARIF 2.1.0 schema (jsonschema from PyPI).
    @Test func sarifValidatesAgainstTheSchema() throws {
        let project = try TestSupport.scratchProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        #expect(try TestSupport.runbook(["build"], in: project).status == 0)
        let doc = project + "/docs-src/webapp-upgrade.md"
        try TestSupport.write(try #require(TestSupport.read(doc)).replacingOccurrences(of: "notes.service", with: "notes-web.service"), to: doc)
        let lint = try TestSupport.runbook(["lint", "--format", "sarif"], in: project)
        let check = try TestSupport.runbook(["check", "--format", "sarif"], in: project)
        #expect(check.status == 1)
        #expect(check.stdout.contains("\"ruleId\" : \"RB201\""))
        for (name, output) in [("lint", lint.stdout), ("check", check.stdout)] {
            try TestSupport.write(output, to: project + "/\(name).sarif")
            let validate = try TestSupport.run("python3", ["-c", """
                import json, sys, jsonschema
                schema = json.load(open(sys.argv[1]))
                log = json.load(open(sys.argv[2]))
                jsonschema.validate(log, schema, format_checker=jsonschema.FormatChecker())
                print(len(log["runs"][0]["results"]))
                """, TestSupport.packageRoot + "/Tests/RunbookTests/Fixtures/sarif-schema-2.1.0.json", project + "/\(name).sarif"])
            #expect(validate.status == 0, "\(name): \(validate.stderr)")
            #expect(Int(validate.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0 > 0, "\(name) reports something")
        }
    }

    /// GitLab's Code Quality report from lint and check: the documented fields,
    /// and one fingerprint per finding (GitLab shows only the first of equal ones).
    @Test func gitlabCodeQualityHasTheDocumentedFieldsAndUniqueFingerprints() throws {
        let project = try TestSupport.scratchProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        #expect(try TestSupport.runbook(["build"], in: project).status == 0)
        let doc = project + "/docs-src/webapp-upgrade.md"
        try TestSupport.write(try #require(TestSupport.read(doc)).replacingOccurrences(of: "notes.service", with: "notes-web.service"), to: doc)
        let lint = try TestSupport.runbook(["lint", "--format", "gitlab"], in: project)
        let check = try TestSupport.runbook(["check", "--format", "gitlab"], in: project)
        #expect(check.status == 1)
        for (name, output) in [("lint", lint.stdout), ("check", check.stdout)] {
            try TestSupport.write(output, to: project + "/\(name).json")
            let validate = try TestSupport.run("python3", ["-c", """
                import json, sys, jsonschema
                schema = json.load(open(sys.argv[1]))
                issues = json.load(open(sys.argv[2]))
                jsonschema.validate(issues, schema)
                assert len({i["fingerprint"] for i in issues}) == len(issues), "fingerprints repeat"
                print(len(issues), issues[0]["check_name"], issues[0]["location"]["path"])
                """, TestSupport.packageRoot + "/Tests/RunbookTests/Fixtures/gitlab-code-quality.schema.json", project + "/\(name).json"])
            #expect(validate.status == 0, "\(name): \(validate.stderr)")
            #expect(validate.stdout.contains(" docs-src/"), "\(name): \(validate.stdout)")
        }
        #expect(check.stdout.contains("\"check_name\" : \"RB201 drift-changed\""), "\(check.stdout)")
    }

    /// What `runbook lint docs-src` says on the two seed procedures, as a careful operator would want it.
    @Test func theSeedProceduresFlagWhatMatters() throws {
        let result = try TestSupport.runbook(["lint", "docs-src/django-update.rst", "docs-src/emaj-upgrade.rst", "--format", "json"], in: TestSupport.packageRoot)
        let findings = try JSONDecoder().decode([Finding].self, from: Data(result.stdout.utf8))
        #expect(findings.map { "\($0.code ?? "") \($0.line) \($0.severity)" } == [
            "RB103 24 note", "RB102 66 warning", "RB103 214 note",  // django-update.rst
            "RB103 48 note", "RB105 65 warning",                    // emaj-upgrade.rst
        ])
    }
}
