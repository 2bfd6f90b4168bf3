import Foundation
import Testing

/// Generated scripts run for real under bash, and pass shellcheck.
@Suite struct GeneratedScriptTests {
    /// Builds `doc` in a fresh project and returns (project, script path).
    func build(_ doc: String, name: String = "proc") throws -> (String, String) {
        let project = try TestSupport.temporaryDirectory(name)
        try TestSupport.write(doc, to: project + "/docs-src/\(name).md")
        let result = try TestSupport.runbook(["build"], in: project)
        guard result.status == 0 else { throw TestFailure("build failed: \(result.stderr)") }
        return (project, project + "/generated/\(name).sh")
    }

    func shellcheck(_ script: String) throws -> TestSupport.Result {
        try TestSupport.run("shellcheck", ["--severity=style", script])
    }

    @Test func everyCommittedScriptPassesShellcheck() throws {
        let dir = TestSupport.packageRoot + "/generated"
        let scripts = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".sh") }
        #expect(!scripts.isEmpty)
        for script in scripts {
            let result = try shellcheck(dir + "/" + script)
            #expect(result.status == 0, "\(script): \(result.stdout)")
        }
    }

    static let hostile = #"""
    # Upgrade `touch "$CANARY.title"` $(touch "$CANARY.title2") it's "quoted"

    > [!WARNING]
    > Careful: $(touch "$CANARY.note") `touch "$CANARY.note2"` 'single' "double" \
    > RUNBOOK_TEXT
    > EOF

    <!-- runbook: param=TARGET placeholder="<target>" description="where $(touch x) goes" -->

    ## Step one; $(touch "$CANARY.step") 'quote

    ```sh
    printf '%s\n' <target> > "$OUT/target.txt"
    ```

    ## Write text RUNBOOK_TEXT

    ```console
    $ cat > "$OUT/heredoc.txt" <<'END'
    RUNBOOK_TEXT
    EOF
    END
    $ echo done >> "$OUT/heredoc.txt"
    ```
    """#

    @Test func hostileTextInTheDocNeverRuns() throws {
        let (project, script) = try build(Self.hostile)
        defer { try? FileManager.default.removeItem(atPath: project) }
        let check = try shellcheck(script)
        #expect(check.status == 0, "\(check.stdout)")

        let canary = project + "/canary"
        let values = ["$(touch \(canary).param)", "`touch \(canary).param2`", "a'b\"c; touch \(canary).param3", "line1\nline2"]
        for value in values {
            let env = ["CANARY": canary, "OUT": project, "RUNBOOK_LOG_DIR": project + "/logs", "RUNBOOK_STATE_DIR": project + "/state"]
            for arguments in [["--dry-run", "--set", "TARGET=\(value)"], ["--set", "TARGET=\(value)"], ["--list"], ["--help"]] {
                let result = try TestSupport.run(script, arguments, in: project, environment: env)
                #expect(result.status == 0, "\(arguments): \(result.stderr)")
            }
            #expect(TestSupport.read(project + "/target.txt") == value + "\n")
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: project)
        #expect(!files.contains { $0.hasPrefix("canary") }, "something ran: \(files)")
        #expect(TestSupport.read(project + "/heredoc.txt") == "RUNBOOK_TEXT\nEOF\ndone\n")

        let help = try TestSupport.run(script, ["--help"], in: project)
        // Markdown reads the backticks as a code span; its text stays, inert.
        #expect(help.stdout.contains("Upgrade touch \"$CANARY.title\" $(touch \"$CANARY.title2\") it's \"quoted\""))
        #expect(help.stdout.contains("TARGET  where $(touch x) goes"))
    }

    static let procedure = """
    # Small procedure

    <!-- runbook: param=NAME pattern="[a-z]+" -->

    ## Make a directory

    ```console
    $ mkdir -p "$OUT/work"
    ```

    ## Record the date

    <!-- runbook: capture=STAMP -->
    ```sh
    echo 2026-11-23
    ```

    ## Write a file

    ```bash
    printf '%s %s\\n' "$NAME" "$STAMP" > "$OUT/work/file.txt"
    ```

    ## Fail when asked

    ```bash
    if [ -e "$OUT/fail" ]; then echo "about to fail" >&2; exit 7; fi
    ```

    ## Tell someone

    Tell the team it is done.
    """

    @Test func aRunExecutesStepsInOrderWithParametersAndCaptures() throws {
        let (project, script) = try build(Self.procedure)
        defer { try? FileManager.default.removeItem(atPath: project) }
        let env = ["OUT": project, "RUNBOOK_LOG_DIR": project + "/logs", "RUNBOOK_STATE_DIR": project + "/state"]
        let result = try TestSupport.run(script, ["--set", "NAME=abc", "--yes"], in: project, environment: env)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(TestSupport.read(project + "/work/file.txt") == "abc 2026-11-23\n")
        #expect(result.stdout.contains("[3/5] Write a file (write-a-file)"))
        #expect(result.stdout.contains("done: 5 steps"))
        let logs = try FileManager.default.contentsOfDirectory(atPath: project + "/logs")
        #expect(logs.count == 1)
        let log = try #require(TestSupport.read(project + "/logs/" + logs[0]))
        #expect(log.contains("captured STAMP=2026-11-23"))
        #expect(result.stdout.contains("log: \(project)/logs/\(logs[0])"))
    }

    @Test func aFailingStepNamesItselfAndItsDocLine() throws {
        let (project, script) = try build(Self.procedure)
        defer { try? FileManager.default.removeItem(atPath: project) }
        try TestSupport.touch(project + "/fail")
        let env = ["OUT": project, "RUNBOOK_LOG_DIR": project + "/logs", "RUNBOOK_STATE_DIR": project + "/state"]
        let result = try TestSupport.run(script, ["--set", "NAME=abc", "--yes"], in: project, environment: env)
        #expect(result.status == 3)
        #expect(result.stderr.contains("step fail-when-asked \"Fail when asked\" failed (docs-src/proc.md:24): command at docs-src/proc.md:27 exited with status 7"), "\(result.stderr)")
        #expect(result.stderr.contains("about to fail"))
        #expect(!result.stdout.contains("[5/5]"))
    }

    @Test func preflightStopsBeforeAnythingChanges() throws {
        let (project, script) = try build(Self.procedure)
        defer { try? FileManager.default.removeItem(atPath: project) }
        let env = ["OUT": project, "RUNBOOK_LOG_DIR": project + "/logs", "RUNBOOK_STATE_DIR": project + "/state"]
        let missing = try TestSupport.run(script, ["--yes"], in: project, environment: env)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("missing parameter NAME"))
        let invalid = try TestSupport.run(script, ["--yes", "--set", "NAME=ABC", "--set", "OTHER=1"], in: project, environment: env)
        #expect(invalid.status == 2)
        #expect(invalid.stderr.contains("parameter NAME does not match [a-z]+"))
        #expect(invalid.stderr.contains("unknown parameter 'OTHER'"))
        // A manual step with no terminal and no --yes.
        let noTerminal = try TestSupport.run("setsid", ["--wait", script, "--set", "NAME=abc"], in: project, environment: env)
        #expect(noTerminal.status == 2)
        #expect(noTerminal.stderr.contains("manual steps need a terminal or --yes"))
        #expect(!FileManager.default.fileExists(atPath: project + "/work"))
        let usage = try TestSupport.run(script, ["--bogus"], in: project, environment: env)
        #expect(usage.status == 1)
        // The environment form of a parameter.
        let fromEnv = try TestSupport.run(script, ["--only", "write-a-file"], in: project, environment: env.merging(["RUNBOOK_NAME": "xyz"]) { $1 })
        #expect(fromEnv.status == 3, "work/ does not exist yet, so writing fails")
        let dry = try TestSupport.run(script, ["--dry-run", "--from", "write-a-file"], in: project, environment: env.merging(["RUNBOOK_NAME": "xyz"]) { $1 })
        #expect(dry.status == 0)
        #expect(dry.stdout.contains("[1/3] Write a file"))
        #expect(!FileManager.default.fileExists(atPath: project + "/work"))
    }
}
