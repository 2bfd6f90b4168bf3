import Testing
import RunbookCore
import StepAST
import DocumentTree
import MarkdownReader

@Suite struct ExtractionTests {
    @Test func theSingleTopHeadingIsTheTitleAndItsSubsectionsAreSteps() throws {
        let procedure = try TestSupport.procedure("""
        # Upgrade

        Intro text.

        > [!NOTE]
        > Read this first.

        ## Stop

        ```sh
        systemctl stop app
        ```

        ## Start

        ```sh
        systemctl start app
        ```
        """)
        #expect(procedure.title == "Upgrade")
        #expect(procedure.summary == "Intro text.")
        #expect(procedure.notices.map(\.kind) == ["note"])
        #expect(procedure.steps.map(\.id) == ["stop", "start"])
        #expect(procedure.steps.map(\.kind) == [.command, .command])
        #expect(procedure.steps[0].commands.map(\.text) == ["systemctl stop app"])
        #expect(procedure.steps[0].commands[0].range.start.line == 11)
        #expect(procedure.steps[0].range.start.line == 8)
    }

    @Test func withSeveralTopHeadingsEveryHeadingIsAStep() throws {
        let procedure = try TestSupport.procedure("# One\n\nDo it.\n\n# Two\n\n```sh\ntrue\n```\n")
        #expect(procedure.title == "One")
        #expect(procedure.steps.map(\.id) == ["one", "two"])
        #expect(procedure.steps.map(\.kind) == [.manual, .command])
    }

    @Test func proseOnlyStepsAreManualAndHeadingsOverSubstepsAreNotices() throws {
        let procedure = try TestSupport.procedure("""
        # P

        ## Tell the users

        Post a message.

        ## Install

        ### Fetch

        ```sh
        git fetch
        ```

        ## Only a warning

        > **Warning:** careful.
        """)
        #expect(procedure.steps.map(\.kind) == [.manual, .notice, .command, .notice])
        #expect(procedure.steps.map(\.depth) == [1, 1, 2, 1])
        #expect(procedure.steps[0].prose == "Post a message.")
        #expect(procedure.steps[3].notices == [Notice(kind: "warning", text: "careful.", range: procedure.steps[3].notices[0].range)])
    }

    @Test func nestedListsWithCodeBecomeSubsteps() throws {
        let procedure = try TestSupport.procedure("""
        # P

        ## Install the code

        1. Fetch the tags:

           ```console
           $ git fetch --tags
           ```

        2. Tell the team.

        3. Check out and build:

           - Check out:

             ```console
             $ git checkout v2
             ```
           - Build:

             ```console
             $ make
             ```
        """)
        #expect(procedure.steps.map(\.title) == ["Install the code", "Fetch the tags", "Tell the team.", "Check out and build", "Check out", "Build"])
        #expect(procedure.steps.map(\.depth) == [1, 2, 2, 2, 3, 3])
        #expect(procedure.steps.map(\.kind) == [.notice, .command, .manual, .notice, .command, .command])
        #expect(procedure.steps[4].commands[0].text == "git checkout v2")
        #expect(procedure.steps[4].commands[0].range.start.line == 18)
    }

    @Test func listsWithoutCodeAreProse() throws {
        let procedure = try TestSupport.procedure("# P\n\n## Tell\n\n- that the server restarted\n- what is new\n")
        #expect(procedure.steps.map(\.kind) == [.manual])
        #expect(procedure.steps[0].prose == "- that the server restarted\n- what is new")
    }

    @Test func codeOutsideAnyStepIsWarnedAboutAndNotRun() throws {
        let (procedure, diagnostics) = try TestSupport.extract("# P\n\n```sh\nrm -rf /tmp/x\n```\n\n## Step\n\n```sh\ntrue\n```\n")
        #expect(procedure?.steps.flatMap(\.commands).map(\.text) == ["true"])
        #expect(diagnostics.map(\.description) == ["doc.md:4:1: warning: code block outside any step is not run; put it under a heading"])
    }

    @Test func nonCommandLanguagesAreNotCommands() throws {
        let procedure = try TestSupport.procedure("# P\n\n## Configure\n\n```ini\n[server]\nport = 1\n```\n\n```json\n{}\n```\n")
        #expect(procedure.steps[0].commands.isEmpty)
        #expect(procedure.steps[0].kind == .manual)
    }

    @Test func interpretersFollowTheLanguage() throws {
        let procedure = try TestSupport.procedure("""
        # P

        ## Query

        ```sql
        SELECT 1;
        ```

        ```python
        print(1)
        ```

        ```sh
        true
        ```
        """)
        #expect(procedure.steps[0].commands.map(\.interpreter) == [.psql, .python, .sh])
    }

    @Test func idsAreAsciiSlugsMadeUnique() throws {
        let procedure = try TestSupport.procedure("# P\n\n## Informer les utilisateurs\n\nx\n\n## Arrêter l'instance\n\ny\n\n## Informer les utilisateurs\n\nz\n")
        #expect(procedure.steps.map(\.id) == ["informer-les-utilisateurs", "arreter-l-instance", "informer-les-utilisateurs-2"])
    }

    @Test func githubAndBoldAdmonitions() throws {
        let procedure = try TestSupport.procedure("""
        # P

        ## S

        > [!WARNING]
        > Downtime ahead.

        > **Note** the log moves.

        > A plain quote.

        ```sh
        true
        ```
        """)
        #expect(procedure.steps[0].notices.map(\.kind) == ["warning", "note"])
        #expect(procedure.steps[0].notices.map(\.text) == ["Downtime ahead.", "the log moves."])
        #expect(procedure.steps[0].prose == "A plain quote.")
    }

    @Test func crlfAndByteOrderMarkReadLikePlainText() throws {
        let text = "\u{FEFF}# P\r\n\r\n## S\r\n\r\n```sh\r\necho hi\r\n```\r\n"
        let procedure = try TestSupport.procedure(text)
        #expect(procedure.steps[0].commands.map(\.text) == ["echo hi"])
        #expect(procedure.steps[0].commands[0].range.start.line == 6)
    }
}

/// cmark says nothing of fences: an indented block whose first line is a fence
/// (a mkdocs admonition body after a blank line) is still an indented block.
@Suite struct MarkdownCodeBlockTests {
    @Test func anIndentedBlockStartingWithAFenceLineIsIndented() throws {
        let source = try TestSupport.source("# P\n\n## S\n\nText:\n\n    ```bash\n    make install\n    ```\n")
        let document = MarkdownReader.read(source)
        var blocks: [Node] = []
        func visit(_ node: Node) {
            if case .codeBlock = node.kind { blocks.append(node) }
            node.children.forEach(visit)
        }
        visit(document.root)
        let block = try #require(blocks.first)
        guard case .codeBlock(let language, let text, let contentLine) = block.kind else { return }
        #expect(language == nil)
        #expect(text == "```bash\nmake install\n```")
        #expect(contentLine == 7, "the block's first line is its first line of text")
    }
}
