import Foundation
import Testing

/// Promises the README makes that a first real use broke: `skip` on a section,
/// an honest rollback summary, `undo-always`, notes under the title, paths
/// however they are spelled, and the small diagnostics.
@Suite struct SafetyPromiseTests {
    func build(_ doc: String) throws -> (project: String, script: String, env: [String: String]) {
        try TestSupport.buildProcedure(doc)
    }

    @Test func skipOnASectionSkipsItsSubSections() throws {
        let (project, script, env) = try build("""
        # P

        ## Keep

        ```sh
        touch "$OUT/kept"
        ```

        ## Upgrade by deletion

        <!-- runbook: skip -->

        ### Drop everything

        ```sh
        touch "$OUT/dropped"
        ```

        - A list item with code:

          ```sh
          touch "$OUT/listed"
          ```
        """)
        defer { try? FileManager.default.removeItem(atPath: project) }
        let plan = try TestSupport.runbook(["plan", "docs-src/proc.md"], in: project)
        #expect(plan.stdout.contains("drop-everything") && plan.stdout.contains("skipped"), "\(plan.stdout)")
        let run = try TestSupport.run(script, [], environment: env)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: project + "/kept"))
        #expect(!FileManager.default.fileExists(atPath: project + "/dropped"), "a sub-step of a skipped section ran")
        #expect(!FileManager.default.fileExists(atPath: project + "/listed"))
    }

    static let noUndoThenFailure = """
    # P

    ## Write the config

    ```sh
    echo new > "$OUT/config"
    ```

    ## Create a

    <!-- runbook: undo="rm \\"$OUT/a\\"" -->
    ```sh
    touch "$OUT/a"
    ```

    ## Read the version

    <!-- runbook: capture=VERSION -->
    ```sh
    echo 1.0
    ```

    ## Fail

    ```sh
    false
    ```
    """

    @Test func theSummarySaysWhichDoneStepsHadNoUndo() throws {
        let (project, script, env) = try build(Self.noUndoThenFailure)
        defer { try? FileManager.default.removeItem(atPath: project) }
        let run = try TestSupport.run(script, [], environment: env)
        #expect(run.status == 3)
        #expect(!run.stdout.contains("\nrolled back"), "\(run.stdout)")
        #expect(run.stdout.contains("partly rolled back: 1 done step had no undo"), "\(run.stdout)")
        #expect(run.stderr.contains("these steps were done and have no undo; they remain as they are:\n  write-the-config \"Write the config\" (docs-src/proc.md:3)"), "\(run.stderr)")
        // The step that only read a value changed nothing: not listed.
        #expect(!run.stderr.contains("  read-the-version \""))
        #expect(!FileManager.default.fileExists(atPath: project + "/a"))
        #expect(TestSupport.read(project + "/config") == "new\n")
    }

    static let serviceAndBrokenUndo = """
    # P

    ## Stop the service

    <!-- runbook: run="rm \\"$OUT/running\\"" undo="touch \\"$OUT/running\\"" undo-always -->

    ## Migrate

    <!-- runbook: undo="false" -->
    ```sh
    touch "$OUT/migrated"
    ```

    ## Copy

    <!-- runbook: undo="rm \\"$OUT/copied\\"" -->
    ```sh
    touch "$OUT/copied"
    ```

    ## Fail

    ```sh
    false
    ```
    """

    @Test func anUndoAlwaysRunsAfterAnotherUndoFailed() throws {
        let (project, script, env) = try build(Self.serviceAndBrokenUndo)
        defer { try? FileManager.default.removeItem(atPath: project) }
        try TestSupport.touch(project + "/running")
        let run = try TestSupport.run(script, [], environment: env)
        #expect(run.status == 4, "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: project + "/running"), "the service stayed down")
        #expect(!FileManager.default.fileExists(atPath: project + "/copied"), "undone before the failure")
        #expect(FileManager.default.fileExists(atPath: project + "/migrated"), "left for a later --rollback")
        #expect(run.stderr.contains("undo actions that remain, newest first:\n  migrate (docs-src/proc.md:7)\n"), "\(run.stderr)")
        #expect(!run.stderr.contains("  stop-the-service (docs-src"), "the undo-always step is done, not remaining")
        let manifest = try #require(TestSupport.read(project + "/generated/proc.manifest.json"))
        #expect(manifest.contains("\"undoAlways\" : true"))
    }

    @Test func notesUnderTheTitleReachTheOperator() throws {
        let (project, script, env) = try build("""
        # P

        > [!WARNING]
        > Read the release notes first.

        ## Do

        ```sh
        true
        ```
        """)
        defer { try? FileManager.default.removeItem(atPath: project) }
        for arguments in [[], ["--dry-run"], ["--help"]] {
            let result = try TestSupport.run(script, arguments, environment: env)
            #expect(result.status == 0)
            #expect(result.stdout.contains("WARNING: Read the release notes first."), "\(arguments): \(result.stdout)")
        }
    }

    @Test func checkDoesNotDependOnHowTheDocsRootIsSpelled() throws {
        let (project, _, _) = try build("# P\n\n## S\n\n```sh\ntrue\n```\n")
        defer { try? FileManager.default.removeItem(atPath: project) }
        let spellings: [([String], String)] = [
            (["check", "--docs", project + "/docs-src", "--out", project + "/generated"], project),
            (["check", "--docs", "./docs-src/", "--out", "generated"], project),
            (["check", "--docs", "main/../docs-src", "--out", "generated"], project),
            (["check", "--docs", "docs-src", "--out", "generated"], project + "/docs-src"),
        ]
        try FileManager.default.createDirectory(atPath: project + "/main", withIntermediateDirectories: true)
        for (arguments, directory) in spellings {
            var arguments = arguments
            if directory.hasSuffix("/docs-src") { arguments = ["check", "--docs", ".", "--out", "../generated"] }
            let result = try TestSupport.runbook(arguments, in: directory)
            #expect(result.status == 0, "\(arguments) from \(directory): \(result.stdout)")
        }
        let script = try #require(TestSupport.read(project + "/generated/proc.sh"))
        #expect(script.contains("readonly RB_SOURCE='docs-src/proc.md'"))
        #expect(script.contains("run: runbook build --docs docs-src --out generated"))
        #expect(!script.contains(project))
    }

    @Test func checkInGitHubFormatSuggestsTheCommandAsGiven() throws {
        let project = try TestSupport.temporaryDirectory("githubfix")
        defer { try? FileManager.default.removeItem(atPath: project) }
        try TestSupport.write("# P\n\n## S\n\n```sh\ntrue\n```\n", to: project + "/docs/proc.md")
        let result = try TestSupport.runbook(["check", "--docs", "docs", "--out", "out", "--format", "github"], in: project)
        #expect(result.status == 1)
        #expect(result.stdout.contains("run 'runbook build --docs docs --out out', then commit out/"), "\(result.stdout)")
    }

    @Test func aMissingWorkingDirectoryNamesTheStepTheDirectoryAndTheParameter() throws {
        let (project, script, env) = try build("""
        # P

        <!-- runbook: param=APP_DIR cwd="$APP_DIR" -->

        ## Build

        ```sh
        true
        ```
        """)
        defer { try? FileManager.default.removeItem(atPath: project) }
        let run = try TestSupport.run(script, ["--set", "APP_DIR=/nonexistent/app"], environment: env)
        #expect(run.status == 3)
        #expect(run.stderr.contains("step build \"Build\" failed (docs-src/proc.md:5): command at docs-src/proc.md:8 cannot run: the working directory '/nonexistent/app' (parameter APP_DIR) does not exist"), "\(run.stderr)")
    }

    /// 66 is also a status commands use (EX_NOINPUT): it is reported as the command's own.
    @Test func aCommandThatExits66IsNotTakenForAMissingDirectory() throws {
        let (project, script, env) = try build("# P\n\n## S\n\n```sh\nexit 66\n```\n")
        defer { try? FileManager.default.removeItem(atPath: project) }
        let run = try TestSupport.run(script, [], environment: env)
        #expect(run.status == 3)
        #expect(run.stderr.contains("command at docs-src/proc.md:6 exited with status 66"), "\(run.stderr)")
        #expect(!run.stderr.contains("cannot run"))
    }

    @Test func theHelpOfAPsqlProcedureNamesTheConnectionVariables() throws {
        let (project, script, env) = try build("# P\n\n## S\n\n```sql\nSELECT 1;\n```\n")
        defer { try? FileManager.default.removeItem(atPath: project) }
        let help = try TestSupport.run(script, ["--help"], environment: env)
        #expect(help.stdout.contains("through PGHOST, PGPORT,\nPGDATABASE and PGUSER"), "\(help.stdout)")
        let (other, shellScript, _) = try build("# P\n\n## S\n\n```sh\ntrue\n```\n")
        defer { try? FileManager.default.removeItem(atPath: other) }
        #expect(!(try TestSupport.run(shellScript, ["--help"], environment: env)).stdout.contains("PGHOST"))
    }

    @Test func aRunWhoseConditionsSkipEveryCommandSaysSo() throws {
        let (project, script, env) = try build("""
        # P

        <!-- runbook: param=TARGET default=2.0 -->

        ## Read

        <!-- runbook: capture=INSTALLED -->
        ```sh
        echo 2.0
        ```

        ## Upgrade

        <!-- runbook: when="INSTALLED < TARGET" -->
        ```sh
        touch "$OUT/upgraded"
        ```
        """)
        defer { try? FileManager.default.removeItem(atPath: project) }
        let run = try TestSupport.run(script, [], environment: env)
        #expect(run.status == 0)
        #expect(run.stdout.contains("done, nothing changed: the conditions skipped all"), "\(run.stdout)")
    }

    @Test func theVersionIsPrinted() throws {
        let result = try TestSupport.run(TestSupport.runbookBinary, ["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.range(of: #"^\d+\.\d+\.\d+\n$"#, options: .regularExpression) != nil)
    }

    @Test(arguments: [
        ("proc.md", "# P\n\n## S\n\n<!-- runbok: undo=\"x\" -->\n\n```sh\ntrue\n```\n", "docs-src/proc.md:5:1: warning: 'runbok:' is not an annotation marker"),
        ("proc.md", "# P\n\n## S\n\n<!-- runbook undo=\"x\" -->\n\n```sh\ntrue\n```\n", "docs-src/proc.md:5:1: warning: 'runbook' is not an annotation marker"),
        ("proc.rst", "Proc\n====\n\nStep\n----\n\n.. runbook:: undo=x\n\n::\n\n    true\n", "docs-src/proc.rst:7:1: warning: '.. runbook::' is a directive"),
    ])
    func aMistypedAnnotationMarkerIsAWarning(name: String, doc: String, expected: String) throws {
        let project = try TestSupport.temporaryDirectory("mistyped")
        defer { try? FileManager.default.removeItem(atPath: project) }
        try TestSupport.write(doc, to: project + "/docs-src/" + name)
        let build = try TestSupport.runbook(["build"], in: project)
        #expect(build.status == 0)
        #expect(build.stderr.contains(expected), "\(build.stderr)")
        let lint = try TestSupport.runbook(["lint"], in: project)
        #expect(lint.status == 1)
        #expect(lint.stdout.contains(expected), "\(lint.stdout)")
    }

    @Test func lintWithoutDocsSaysTheFolderIsMissing() throws {
        let project = try TestSupport.temporaryDirectory("nodocs")
        defer { try? FileManager.default.removeItem(atPath: project) }
        let lint = try TestSupport.runbook(["lint"], in: project)
        #expect(lint.status == 2)
        #expect(lint.stderr.contains("docs-src:1:1: error: no such file or folder"), "\(lint.stderr)")
    }
}

/// `undone-by`: a step with no undo of its own whose changes an earlier step's
/// undo reverses (a migration, by the database restore) counts as undone.
@Suite struct UndoneByTests {
    static let doc = """
    # P

    ## Back up

    <!-- runbook: undo="cp \\"$OUT/db.bak\\" \\"$OUT/db\\"" -->
    ```sh
    cp "$OUT/db" "$OUT/db.bak"
    ```

    ## Migrate

    <!-- runbook: undone-by=back-up -->
    ```sh
    echo migrated > "$OUT/db"
    ```

    ## Fail

    ```sh
    false
    ```
    """

    @Test func aStepUndoneByAnEarlierOneIsNotListedAsRemaining() throws {
        let (project, script, env) = try TestSupport.buildProcedure(Self.doc)
        defer { try? FileManager.default.removeItem(atPath: project) }
        try TestSupport.write("original\n", to: project + "/db")
        let run = try TestSupport.run(script, [], environment: env)
        #expect(run.status == 3)
        #expect(run.stdout.hasSuffix("\nrolled back\n"), "\(run.stdout)")
        #expect(!run.stderr.contains("they remain as they are"), "\(run.stderr)")
        #expect(TestSupport.read(project + "/db") == "original\n")
        let manifest = try #require(TestSupport.read(project + "/generated/proc.manifest.json"))
        #expect(manifest.contains("\"undoneBy\" : \"back-up\""))
    }

    @Test(arguments: [("undone-by=fail", "undone-by: no earlier step 'fail'"), ("undone-by=migrate", "undone-by: no earlier step 'migrate'")])
    func undoneByNamesAnEarlierStepWithAnUndo(annotation: String, message: String) throws {
        let (_, diagnostics) = try TestSupport.extract(Self.doc.replacingOccurrences(of: "undone-by=back-up", with: annotation))
        #expect(diagnostics.map(\.description).contains { $0.hasSuffix("error: " + message) }, "\(diagnostics)")
        let (_, noUndo) = try TestSupport.extract(Self.doc.replacingOccurrences(of: "<!-- runbook: undo=\"cp \\\"$OUT/db.bak\\\" \\\"$OUT/db\\\"\" -->\n", with: ""))
        #expect(noUndo.map(\.description).contains { $0.hasSuffix("error: undone-by: step 'back-up' has no undo") }, "\(noUndo)")
    }
}
