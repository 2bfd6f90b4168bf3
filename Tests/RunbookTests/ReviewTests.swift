import Foundation
import Testing

/// `runbook review` through a real terminal (a pseudo-terminal: the question
/// read from the screen, the answer typed), for each kind of question, in
/// Markdown and in reStructuredText; every annotation it writes leaves the
/// page's rendering alone (cmark's HTML, docutils' HTML, comments dropped).
@Suite struct ReviewTests {
    /// A page with one decision of each kind: an undo, a placeholder, a choice,
    /// a command that needs a terminal, a check, and a block shown for want of evidence.
    static let markdown = """
        # Upgrade the app

        ## Stop the service

        ```
        systemctl stop myapp
        ```

        ## Install the package

        - Copy the release:

          ```bash
          cp /tmp/myapp-<version>.tar.gz /opt/releases/
          ```

        ## Option A: from the package

        ```bash
        dpkg -i /opt/releases/myapp.deb
        ```

        ## Option B: from source

        ```bash
        make install
        ```

        ## Edit the settings

        ```bash
        vi /etc/myapp.conf
        ```

        ## Restart

        ```bash
        systemctl start myapp
        ```

        Check that the service answers on http://localhost:8080/health.

        ## Clean up

        Then:

        ```
        Removing the old release
        rm -rf /opt/releases/old
        ```

        """

    static let rst = """
        Upgrade the app
        ===============

        Stop the service
        ----------------

        ::

            systemctl stop myapp

        Install the package
        -------------------

        - Copy the release:

          .. code-block:: bash

             cp /tmp/myapp-<version>.tar.gz /opt/releases/

        Option A: from the package
        --------------------------

        .. code-block:: bash

           dpkg -i /opt/releases/myapp.deb

        Option B: from source
        ---------------------

        .. code-block:: bash

           make install

        Edit the settings
        -----------------

        .. code-block:: bash

           vi /etc/myapp.conf

        Restart
        -------

        .. code-block:: bash

           systemctl start myapp

        Check that the service answers on http://localhost:8080/health.

        Clean up
        --------

        Then::

            Removing the old release
            rm -rf /opt/releases/old

        """

    /// The answer the author types for each kind of question, by the words that open it.
    static let answers: [(String, String)] = [
        ("a block shown, not run", "show"),
        ("a placeholder no parameter declares", "parameter VERSION the release to install"),
        ("a choice nothing settles", "choice b"),
        ("a command that needs a terminal", "manual"),
        ("a check the page names", "expect \"curl -fsS http://localhost:8080/health\""),
        ("\"Stop the service\"): a step that changes something", "y"),
        ("\"Restart\"): a step that changes something", "y"),
        ("a step that changes something", "changes-nothing"),
        ("a step left to a person", "changes-nothing"),
    ]

    /// Runs `runbook review` in a pseudo-terminal and answers each question it
    /// shows; Ctrl-D once the answers run out. Returns the screen.
    func reviewAtATerminal(_ doc: String, in project: String) throws -> String {
        let driver = """
        import json, os, pty, select, sys, time
        binary, doc, answers = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
        pid, fd = pty.fork()
        if pid == 0:
            os.execv(binary, [binary, "review", doc])
        screen, typed = "", 0
        deadline = time.time() + 60
        while time.time() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.1)
            if ready:
                try:
                    data = os.read(fd, 65536)
                except OSError:
                    break
                if not data:
                    break
                screen += data.decode(errors="replace")
            # A prompt waits at the end of the screen: answer the question above it.
            if screen.rstrip(" ").endswith(":") and screen.count("answer ") > typed:
                question = screen[screen.rfind("\\n" + doc + ":"):]
                answer = next((a for (words, a) in answers if words in question), None)
                typed += 1
                os.write(fd, ((answer or "leave") + "\\n").encode())
        os.write(fd, b"\\x04")
        _, status = os.waitpid(pid, 0)
        print(screen)
        print("EXIT", os.waitstatus_to_exitcode(status))
        """
        let answers = try String(decoding: JSONSerialization.data(withJSONObject: Self.answers.map { [$0.0, $0.1] }), as: UTF8.self)
        let result = try TestSupport.run("python3", ["-c", driver, TestSupport.runbookBinary, doc, answers], in: project)
        return result.stdout + result.stderr
    }

    @Test(arguments: [("up.md", markdown), ("up.rst", rst)])
    func eachKindOfQuestionIsAnsweredIntoTheDoc(name: String, page: String) throws {
        let project = try TestSupport.temporaryDirectory("review")
        defer { try? FileManager.default.removeItem(atPath: project) }
        try TestSupport.write(page, to: project + "/docs-src/" + name)
        try TestSupport.write(page, to: project + "/original-" + name)
        let screen = try reviewAtATerminal("docs-src/" + name, in: project)
        #expect(screen.contains("EXIT 0"), "\(screen)")
        for kind in ["a block shown, not run", "a placeholder no parameter declares: <version>", "a choice nothing settles: OPTION",
                     "a command that needs a terminal", "a check the page names", "a step that changes something and has no undo"] {
            #expect(screen.contains(kind), "never asked: \(kind)\n\(screen)")
        }
        #expect(screen.contains("the script changes:"), "\(screen)")
        let reviewed = try #require(TestSupport.read(project + "/docs-src/" + name))
        let open = name.hasSuffix(".rst") ? ".. runbook: " : "<!-- runbook: "
        for keys in ["undo=\"systemctl start myapp\"", "param=VERSION placeholder=\"<version>\" description=\"the release to install\"",
                     "param=OPTION default=\"b\"", "manual", "verify=\"curl -fsS http://localhost:8080/health\"", "show",
                     "undo=\"systemctl stop myapp\""] {
            #expect(reviewed.contains(open + keys) || reviewed.contains(" " + keys), "\(keys) not written:\n\(reviewed)")
        }
        // The page renders as before: the answers are comments.
        let rendered = try TestSupport.run("python3", [TestSupport.packageRoot + "/script/rendered_html_equal.py", "original-" + name, "docs-src/" + name], in: project)
        #expect(rendered.status == 0, "\(rendered.stdout)\(rendered.stderr)")

        // What the script does now: the answers decided it.
        let plan = try TestSupport.runbook(["plan", "docs-src/" + name], in: project)
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(plan.stdout.contains("parameter VERSION (placeholder <version>)"), "\(plan.stdout)")
        #expect(plan.stdout.contains("[manual] edit-the-settings"), "\(plan.stdout)")
        #expect(plan.stdout.contains("then checks [bash] curl -fsS http://localhost:8080/health"), "\(plan.stdout)")
        #expect(plan.stdout.contains("by annotation: shown as reference: 'show' before the block"), "the author's reading: \(plan.stdout)")
        #expect(plan.stdout.contains("[manual] edit-the-settings") && plan.stdout.contains("when OPTION == 'b'"))
        // A second session asks only what was left open: nothing here.
        let again = try TestSupport.runbook(["review", "docs-src/" + name, "--answers", "/dev/null"], in: project)
        #expect(again.stdout.hasPrefix("docs-src/\(name): 0 decisions to review"), "\(again.stdout)")
    }

    /// --answers replays a reviewed set without a terminal; an answer that does
    /// not fit its question is refused and the next line is tried. `run` makes
    /// a block shown for want of evidence run.
    @Test func answersFromAFile() throws {
        let project = try TestSupport.temporaryDirectory("review-answers")
        defer { try? FileManager.default.removeItem(atPath: project) }
        try TestSupport.write(Self.markdown, to: project + "/docs-src/up.md")
        try TestSupport.write("# the first question is an undo\nrun\nundo \"systemctl start myapp\"\nleave\n", to: project + "/answers")
        let result = try TestSupport.runbook(["review", "docs-src/up.md", "--answers", "answers"], in: project)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("  answer one of: undo / changes-nothing / leave"), "\(result.stdout)")
        #expect(result.stdout.contains("wrote at docs-src/up.md:5: <!-- runbook: undo=\"systemctl start myapp\" -->"), "\(result.stdout)")
        #expect(result.stdout.contains("no more answers: the rest stays open"), "\(result.stdout)")
        #expect(TestSupport.read(project + "/docs-src/up.md")?.contains("<!-- runbook: undo=\"systemctl start myapp\" -->\n\n```\nsystemctl stop myapp") == true)
    }

    /// The page's own line endings and literal-block openers: `text ::` and
    /// `text::` become `text` and `text:` with a `::` of their own after the
    /// annotation, which docutils renders the same; CRLF stays CRLF.
    @Test func lineEndingsAndLiteralOpenersAreKept() throws {
        let project = try TestSupport.temporaryDirectory("review-crlf")
        defer { try? FileManager.default.removeItem(atPath: project) }
        let page = [
            "Deploy", "======", "", "Reload", "------", "", "Then ::", "", "    Reloading units", "    systemctl daemon-reload", "",
            "Start", "-----", "", "Afterwards::", "", "    Starting", "    systemctl start app", "",
        ].joined(separator: "\r\n")
        try TestSupport.write(page, to: project + "/docs-src/deploy.rst")
        try TestSupport.write(page, to: project + "/original.rst")
        // Each step is left to a person first (its block is shown): changes-nothing, then the block.
        try TestSupport.write("changes-nothing\nrun\nchanges-nothing\nshow\n", to: project + "/answers")
        let result = try TestSupport.runbook(["review", "docs-src/deploy.rst", "--answers", "answers"], in: project)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let reviewed = try #require(TestSupport.read(project + "/docs-src/deploy.rst"))
        #expect(reviewed.contains("Then\r\n\r\n.. runbook: interpreter=bash\r\n\r\n::\r\n\r\n    Reloading units"), "\(reviewed.debugDescription)")
        #expect(reviewed.contains("Afterwards:\r\n\r\n.. runbook: show\r\n\r\n::\r\n"), "\(reviewed.debugDescription)")
        #expect(!reviewed.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "a bare LF was written")
        let rendered = try TestSupport.run("python3", [TestSupport.packageRoot + "/script/rendered_html_equal.py", "original.rst", "docs-src/deploy.rst"], in: project)
        #expect(rendered.status == 0, "\(rendered.stdout)\(rendered.stderr)")
        let plan = try TestSupport.runbook(["plan", "docs-src/deploy.rst"], in: project)
        #expect(plan.stdout.contains("$ [bash] Reloading units⏎systemctl daemon-reload"), "\(plan.stdout)")
    }

    /// `lint --fix` writes the findings that have exactly one fix (a placeholder
    /// whose token names it), and leaves the others to `runbook review`.
    @Test(arguments: ["md", "rst"])
    func lintFixDeclaresThePlaceholders(format: String) throws {
        let project = try TestSupport.temporaryDirectory("lint-fix")
        defer { try? FileManager.default.removeItem(atPath: project) }
        let page = format == "md"
            ? "# Restore\n\n## Load the dump\n\n```bash\npg_restore -d <db_name> /backups/<version>.dump\n```\n"
            : "Restore\n=======\n\nLoad the dump\n-------------\n\n.. code-block:: bash\n\n   pg_restore -d <db_name> /backups/<version>.dump\n"
        try TestSupport.write(page, to: project + "/docs-src/restore.\(format)")
        try TestSupport.write(page, to: project + "/original.\(format)")
        let before = try TestSupport.runbook(["lint", "docs-src/restore.\(format)"], in: project)
        #expect(before.stdout.components(separatedBy: "[RB101]").count - 1 == 2, "\(before.stdout)")
        let fixed = try TestSupport.runbook(["lint", "--fix", "docs-src/restore.\(format)"], in: project)
        #expect(fixed.stderr.contains("param=DB_NAME placeholder=\"<db_name>\"") && fixed.stderr.contains("param=VERSION placeholder=\"<version>\""), "\(fixed.stderr)")
        #expect(!fixed.stdout.contains("[RB101]"), "\(fixed.stdout)")
        let again = try TestSupport.runbook(["lint", "--fix", "docs-src/restore.\(format)"], in: project)
        #expect(!again.stderr.contains("fixed:"), "nothing left to fix: \(again.stderr)")
        let rendered = try TestSupport.run("python3", [TestSupport.packageRoot + "/script/rendered_html_equal.py", "original.\(format)", "docs-src/restore.\(format)"], in: project)
        #expect(rendered.status == 0, "\(rendered.stdout)\(rendered.stderr)")
    }
}
