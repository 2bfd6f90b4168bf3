import Testing
import RunbookCore
import StepAST

@Suite struct AnnotationTests {
    @Test func runGivesAProseStepItsCommand() throws {
        let procedure = try TestSupport.procedure("""
        # P

        ## Stop the instance

        Stop gunicorn through supervisor.

        <!-- runbook: run="supervisorctl stop 'app:*'" undo="supervisorctl start 'app:*'" -->
        """)
        let step = procedure.steps[0]
        #expect(step.kind == .command)
        #expect(step.commands.map(\.text) == ["supervisorctl stop 'app:*'"])
        #expect(step.undo.map(\.text) == ["supervisorctl start 'app:*'"])
        #expect(step.commands[0].range.start == SourcePosition(line: 7, column: 15))
    }

    /// "Has an undo" is one definition: a step that writes a file has one (the
    /// file is put back), so `undone-by` may point at it.
    @Test func undoneByAStepThatWritesAFile() throws {
        let procedure = try TestSupport.procedure("""
        # P

        ## Configure

        <!-- runbook: write=app.conf -->
        ```ini
        workers = 4
        ```

        ## Reload

        <!-- runbook: undone-by=configure -->
        ```sh
        kill -HUP "$(cat app.pid)"
        ```
        """)
        #expect(procedure.steps[0].hasOwnUndo && procedure.steps[0].undo.isEmpty)
        #expect(procedure.steps[1].isReversible && !procedure.steps[1].hasOwnUndo)
    }

    @Test func blockKeysAttachToTheNextCodeBlock() throws {
        let procedure = try TestSupport.procedure("""
        # P

        ## Record

        <!-- runbook: capture=OLD_REF id=record-ref -->
        ```sh
        git rev-parse HEAD
        ```

        <!-- runbook: skip -->
        ```sh
        echo for people only
        ```

        <!-- runbook: interpreter=psql -->
        ```
        SELECT 1;
        ```
        """)
        let step = procedure.steps[0]
        #expect(step.id == "record-ref")
        #expect(step.commands.map(\.text) == ["git rev-parse HEAD", "SELECT 1;"])
        #expect(step.commands.map(\.capture) == ["OLD_REF", nil])
        #expect(step.commands.map(\.interpreter) == [.sh, .psql])
    }

    @Test func stepKeys() throws {
        let procedure = try TestSupport.procedure("""
        # P

        <!-- runbook: param=VERSION placeholder="#.#.#" pattern="[0-9]+(\\.[0-9]+)*" description="tag to install" -->

        ## Read the version

        <!-- runbook: capture=INSTALLED -->
        ```sh
        cat /srv/app/VERSION
        ```

        ## Checkout

        <!-- runbook: when="INSTALLED < 1.0.0" user=app cwd=/srv/app -->
        ```console
        > git checkout #.#.#
        ```

        ## Manual one

        <!-- runbook: manual -->
        ```sh
        vim /etc/app.conf
        ```

        ## Skipped

        <!-- runbook: skip -->
        Not now.
        """)
        #expect(procedure.parameters == [Parameter(name: "VERSION", description: "tag to install", placeholder: "#.#.#",
                                                   pattern: "[0-9]+(\\.[0-9]+)*", range: procedure.parameters[0].range)])
        let checkout = procedure.steps[1]
        #expect(checkout.condition == When(text: "INSTALLED < 1.0.0", condition: .compare(.name("INSTALLED"), .less, .literal("1.0.0"))))
        #expect(checkout.user == "app")
        #expect(checkout.workingDirectory == "/srv/app")
        #expect(procedure.steps[2].kind == .manual)
        #expect(procedure.steps[3].skipped)
    }

    @Test func unknownKeyIsAnErrorAtItsColumn() throws {
        let (_, diagnostics) = try TestSupport.extract("# P\n\n## S\n\n<!-- runbook: id=x colour=red -->\n\ntext\n")
        #expect(diagnostics.count == 1)
        #expect(diagnostics[0].description.hasPrefix("doc.md:5:20: error: unknown annotation key 'colour'"))
    }

    @Test(arguments: [
        ("<!-- runbook: run -->", "doc.md:5:15: error: annotation key 'run' needs a value: run=..."),
        ("<!-- runbook: run=\"unterminated -->", "doc.md:5:15: error: unterminated quoted value"),
        ("<!-- runbook: capture=OUT -->\n\ntext", "doc.md:5:15: error: capture needs a command: put the annotation right before a code block, or give run="),
        ("<!-- runbook: param=1BAD -->", "doc.md:5:15: error: '1BAD' is not a valid name: use letters, digits and '_', not starting with a digit"),
        ("<!-- runbook: pattern=x -->", "doc.md:5:15: error: 'pattern' describes a parameter: give param=NAME in the same annotation"),
        ("<!-- runbook: id=\"a b\" -->", "doc.md:5:15: error: step id 'a b' may hold only ASCII letters, digits, '-', '_' and '.'"),
        ("<!-- runbook: run=x interpreter=cobol -->", "doc.md:5:21: error: unknown interpreter 'cobol' (known: sh, bash, psql, mysql, python)"),
        ("<!-- runbook: -->", "doc.md:5:1: error: empty runbook annotation"),
    ])
    func badAnnotations(annotation: String, expected: String) throws {
        let (_, diagnostics) = try TestSupport.extract("# P\n\n## S\n\n\(annotation)\n")
        #expect(diagnostics.map(\.description) == [expected])
    }

    @Test func duplicateExplicitIdsAreErrors() throws {
        let (_, diagnostics) = try TestSupport.extract("# P\n\n## A\n\n<!-- runbook: id=same -->\n\n## B\n\n<!-- runbook: id=same -->\n")
        #expect(diagnostics.map(\.description) == ["doc.md:9:15: error: duplicate step id 'same'"])
    }

    @Test func ordinaryCommentsAreIgnored() throws {
        let procedure = try TestSupport.procedure("# P\n\n## S\n\n<!-- just a remark -->\n\n```sh\ntrue\n```\n")
        #expect(procedure.steps[0].commands.count == 1)
    }
}
