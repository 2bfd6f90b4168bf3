import Foundation
import Testing

/// A placeholder is replaced in the form its lexical context needs: the value
/// arrives as one word (one argument, one SQL value) whatever it holds, and
/// `--dry-run` prints the command exactly as its interpreter gets it.
@Suite struct PlaceholderContextTests {
    static let hostile = [
        "old /srv/victim", "*", "it's", "say \"hi\"", "$(touch /tmp/runbook-pwned)", "`touch /tmp/runbook-pwned`",
        "two\nlines", "-n", "back\\slash", ":'x' :\"y\" :z", "${HOME}", "\\'; DROP TABLE got; --",
    ]

    static let shellDoc = """
    # Placeholders

    <!-- runbook: param=VALUE placeholder="<value>" -->

    ## Shell

    ```bash
    printf '%s\\0' <value> > "$OUT/bare"
    printf '%s\\0' "/srv/cache/<value>" > "$OUT/double"
    printf '%s\\0' 'release <value>' > "$OUT/single"
    printf '%s\\0' $'ansi <value>' > "$OUT/ansi"
    printf '%s\\0' "$(printf '%s' "<value>")" > "$OUT/substitution"
    cat > "$OUT/quoted-heredoc" <<'EOF'
    <value> $HOME `x` \\n
    EOF
    cat > "$OUT/heredoc" <<EOF
    <value> at $OUT
    EOF
    echo "$(( 1 << 2 ))" > "$OUT/shift"
    printf '%s\\0' after-shift:<value> > "$OUT/after-shift"
    printf '%s\\0' "$(case x in x) printf '%s' "<value>" ;; esac)" > "$OUT/case"
    # a comment that's not code: <value>
    ```
    """

    func arguments(_ path: String) -> [String] {
        guard let text = TestSupport.read(path) else { return [] }
        return text.split(separator: "\0", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    @Test(arguments: hostile)
    func shellContextsKeepTheValueOneWord(value: String) throws {
        let project = try TestSupport.temporaryDirectory("shellplaceholders")
        defer { try? FileManager.default.removeItem(atPath: project) }
        try TestSupport.write(Self.shellDoc, to: project + "/docs-src/p.md")
        #expect(try TestSupport.runbook(["build"], in: project).status == 0)
        try? FileManager.default.removeItem(atPath: "/tmp/runbook-pwned")
        let env = ["OUT": project, "RUNBOOK_STATE_DIR": project + "/state"]
        let run = try TestSupport.run(project + "/generated/p.sh", ["--set", "VALUE=\(value)"], environment: env)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(arguments(project + "/bare") == [value])
        #expect(arguments(project + "/double") == ["/srv/cache/\(value)"])
        #expect(arguments(project + "/single") == ["release \(value)"])
        #expect(arguments(project + "/ansi") == ["ansi \(value)"])
        #expect(arguments(project + "/substitution") == [value])
        #expect(TestSupport.read(project + "/quoted-heredoc") == "\(value) $HOME `x` \\n\n")
        #expect(TestSupport.read(project + "/heredoc") == "\(value) at \(project)\n")
        // `<<` in arithmetic is a shift: what follows is still read as shell.
        #expect(TestSupport.read(project + "/shift") == "4\n")
        #expect(arguments(project + "/after-shift") == ["after-shift:\(value)"])
        // A `case` pattern's `)` inside `$( … )` does not end it.
        #expect(arguments(project + "/case") == [value])
        #expect(!FileManager.default.fileExists(atPath: "/tmp/runbook-pwned"))
    }

    /// What `--dry-run` prints for a command is its text, byte for byte as the
    /// script hands it to the interpreter, then the values it refers to.
    @Test func theDryRunPrintsTheCommandAsItRuns() throws {
        let project = try TestSupport.temporaryDirectory("dryrunexact")
        defer { try? FileManager.default.removeItem(atPath: project) }
        try TestSupport.write(Self.shellDoc, to: project + "/docs-src/p.md")
        #expect(try TestSupport.runbook(["build"], in: project).status == 0)
        let env = ["OUT": project, "RUNBOOK_STATE_DIR": project + "/state", "RUNBOOK_LOG_DIR": project + "/logs"]
        let value = "old /srv/victim"
        let dry = try TestSupport.run(project + "/generated/p.sh", ["--set", "VALUE=\(value)", "--dry-run"], environment: env)
        #expect(dry.status == 0)
        let run = try TestSupport.run(project + "/generated/p.sh", ["--set", "VALUE=\(value)"], environment: env)
        #expect(run.status == 0)
        // The log records the text given to bash; the dry run shows the same lines.
        let log = try #require(try FileManager.default.contentsOfDirectory(atPath: project + "/logs").first)
        let logged = try #require(TestSupport.read(project + "/logs/" + log))
        let ran = logged.components(separatedBy: "[bash]\n")[1].components(separatedBy: "\n--- exit")[0]
        let shown = dry.stdout.components(separatedBy: "[bash] ")[1].components(separatedBy: "\n      (with")[0]
        #expect(shown == ran.replacingOccurrences(of: "\n", with: "\n      "))
        #expect(dry.stdout.contains("(with VALUE=old\\ /srv/victim)"))
        #expect(shown.contains("\"/srv/cache/${VALUE}\""))
    }

    static let sqlDoc = """
    # SQL placeholders

    <!-- runbook: param=VALUE placeholder="<value>" -->

    ## Store

    ```sql
    CREATE TABLE got (k text, v text);
    INSERT INTO got VALUES ('whole', '<value>'), ('part', 'pre <value> post'), ('bare', <value>), ('escape', E'tab\\t<value>');
    SELECT length('<value>'); -- '<value>' in a comment, and 'a quote
    \\set meta <value>
    INSERT INTO got VALUES ('meta', :'meta');
    ```
    """

    @Test(arguments: [
        ("```bash\nsqlite3 app.db <<EOF\n.import <value> t\nEOF\n```", "in an SQL client's own command"),
        ("```bash\nsudo -u postgres psql <<EOF\nSELECT 1 AS \"<value>\";\nEOF\n```", "inside a quoted identifier in a here-document"),
        ("```sql\nCREATE FUNCTION f() RETURNS text AS $$ SELECT '<value>' $$ LANGUAGE sql;\n```", "inside a dollar-quoted body"),
        ("```sql\nCREATE TABLE \"t_<value>\" (a int);\n```", "part of a quoted identifier"),
        ("```python\nprint('hello <value>')\n```", "inside a Python string literal"),
    ])
    func placeholdersWhereNoValueCanStandAreCompileErrors(block: String, message: String) throws {
        let project = try TestSupport.temporaryDirectory("badplaceholders")
        defer { try? FileManager.default.removeItem(atPath: project) }
        try TestSupport.write("# P\n\n<!-- runbook: param=VALUE placeholder=\"<value>\" -->\n\n## S\n\n\(block)\n", to: project + "/docs-src/p.md")
        let result = try TestSupport.runbook(["build"], in: project)
        #expect(result.status == 2)
        #expect(result.stderr.contains("docs-src/p.md:8:1: error: the placeholder of VALUE is \(message)"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: project + "/generated/p.sh"))
    }
}

/// Hostile values through SQL contexts into a real PostgreSQL: in the
/// real-system tier (it starts a server).
@Suite(.realSystemTier) struct PlaceholderSQLTests {
    @Test func sqlContextsStoreTheValueAsWritten() throws {
        let server = try ThrowawayPostgres.start()
        defer { server.stop() }
        let project = try TestSupport.temporaryDirectory("sqlplaceholders")
        defer { try? FileManager.default.removeItem(atPath: project) }
        try TestSupport.write(PlaceholderContextTests.sqlDoc, to: project + "/docs-src/p.md")
        #expect(try TestSupport.runbook(["build"], in: project).status == 0)
        for (index, value) in PlaceholderContextTests.hostile.enumerated() {
            let database = "db\(index)"
            try server.sql("CREATE DATABASE \(database)")
            let env = server.environment(database: database).merging(["RUNBOOK_STATE_DIR": project + "/state"]) { $1 }
            let run = try TestSupport.run(project + "/generated/p.sh", ["--set", "VALUE=\(value)"], environment: env)
            #expect(run.status == 0, "\(value): \(run.stderr)")
            let stored = try server.sql("SELECT string_agg(k || '=' || encode(convert_to(v, 'UTF8'), 'base64'), ',' ORDER BY k) FROM got", database: database)
            let expected = [("bare", value), ("escape", "tab\t" + value), ("meta", value), ("part", "pre \(value) post"), ("whole", value)]
                .map { "\($0.0)=\(Data($0.1.utf8).base64EncodedString())" }.joined(separator: ",")
            #expect(stored.replacingOccurrences(of: "\n", with: "") == expected, "\(value)")
        }
    }

    /// A here-document an SQL client reads is SQL: a value there is a string
    /// literal's text, never SQL and never a client command (`.system`, `\\!`).
    static let clientDoc = """
    # Clients

    <!-- runbook: param=VALUE placeholder="<value>" -->

    ## SQLite

    ```bash
    sqlite3 "$OUT/app.db" <<EOF
    CREATE TABLE got (k text, v text);
    INSERT INTO got VALUES ('whole', '<value>'), ('part', 'pre <value> post'), ('bare', <value>); -- '<value>'
    EOF
    ```

    ## PostgreSQL

    ```bash
    psql -X -q -v ON_ERROR_STOP=1 <<'SQL'
    CREATE TABLE got (k text, v text);
    INSERT INTO got VALUES ('whole', '<value>'), ('bare', <value>);
    SQL
    ```
    """

    @Test func hereDocumentsFedToSQLClientsHoldTheValueAsData() throws {
        let server = try ThrowawayPostgres.start()
        defer { server.stop() }
        let project = try TestSupport.temporaryDirectory("clientplaceholders")
        defer { try? FileManager.default.removeItem(atPath: project) }
        try TestSupport.write(Self.clientDoc, to: project + "/docs-src/p.md")
        let build = try TestSupport.runbook(["build"], in: project)
        #expect(build.status == 0, "\(build.stderr)")
        let values = PlaceholderContextTests.hostile + ["x'); DROP TABLE got; --", "a\n.system touch /tmp/runbook-pwned\n", "a\n\\! touch /tmp/runbook-pwned\n"]
        for (index, value) in values.enumerated() {
            try? FileManager.default.removeItem(atPath: "/tmp/runbook-pwned")
            try? FileManager.default.removeItem(atPath: project + "/app.db")
            let database = "db\(index)"
            try server.sql("CREATE DATABASE \(database)")
            let env = server.environment(database: database).merging(["RUNBOOK_STATE_DIR": project + "/state", "OUT": project]) { $1 }
            let run = try TestSupport.run(project + "/generated/p.sh", ["--set", "VALUE=\(value)"], environment: env)
            #expect(run.status == 0, "\(value): \(run.stderr)")
            let sqlite = try TestSupport.run("sqlite3", [project + "/app.db", "SELECT k || '=' || hex(v) FROM got ORDER BY k"]).stdout
            let hex = { (text: String) in text.utf8.map { String(format: "%02X", $0) }.joined() }
            #expect(sqlite == "bare=\(hex(value))\npart=\(hex("pre \(value) post"))\nwhole=\(hex(value))\n", "\(value)")
            let stored = try server.sql("SELECT string_agg(k || '=' || encode(convert_to(v, 'UTF8'), 'hex'), ',' ORDER BY k) FROM got", database: database)
            #expect(stored.uppercased() == "BARE=\(hex(value)),WHOLE=\(hex(value))", "\(value)")
            #expect(!FileManager.default.fileExists(atPath: "/tmp/runbook-pwned"), "\(value)")
        }
    }
}
