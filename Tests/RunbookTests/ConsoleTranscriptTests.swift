import Testing
@testable import Extraction

@Suite struct ConsoleTranscriptTests {
    func texts(_ block: String, _ language: String? = "console") -> [String] {
        ConsoleTranscript.commands(in: block, language: language, firstLine: 10).map(\.text)
    }

    @Test func promptsAreStrippedAndOutputDropped() {
        let block = """
        $ ls /srv
        notes
        backup
        $ echo done
        done
        """
        #expect(texts(block) == ["ls /srv", "echo done"])
    }

    @Test func userAtHostPromptsAndRootPrompts() {
        let block = """
        admin@web-1:~/app$ git pull
        Already up to date.
        root@web-1:/# systemctl restart notes
        # apt-get install -y jq
        """
        #expect(texts(block) == ["git pull", "systemctl restart notes", "apt-get install -y jq"])
    }

    /// The words documentation puts for the prompt: `prompt> `, and MySQL's
    /// manual's `shell> `; their output lines are not commands.
    @Test func promptAndShellWordPrompts() {
        let block = """
        prompt> ejabberdctl status
        The node ejabberd@localhost is started with status: started

        shell> mysqldump --single-transaction app > app.sql
        """
        #expect(texts(block, "sh") == ["ejabberdctl status", "mysqldump --single-transaction app > app.sql"])
    }

    @Test func hashIsACommentNotAPromptInBashBlocks() {
        #expect(texts("# stop first\nsystemctl stop notes", "bash") == ["# stop first\nsystemctl stop notes"])
    }

    @Test func continuationLinesAreJoinedAndKeepTheirSourceLines() {
        let block = """
        $ pip install \\
        >     --upgrade \\
            notes
        Successfully installed
        $ true
        """
        let lines = ConsoleTranscript.commands(in: block, language: "console", firstLine: 10)
        #expect(lines.map(\.text) == ["pip install --upgrade notes", "true"])
        #expect(lines[0].firstLine == 10 && lines[0].lastLine == 12)
        #expect(lines[1].firstLine == 14)
    }

    @Test func greaterThanPromptAsInTheDjangoSeed() {
        #expect(texts("> python manage.py backup ", nil) == ["python manage.py backup "])
    }

    @Test func hereDocumentLinesBelongToTheCommand() {
        let block = """
        $ cat > /etc/notes.conf <<'EOF'
        port = 8000
        $ not a prompt inside
        EOF
        $ echo after
        """
        #expect(texts(block) == ["cat > /etc/notes.conf <<'EOF'\nport = 8000\n$ not a prompt inside\nEOF", "echo after"])
    }

    @Test func aBlockWithoutPromptsIsOneScript() {
        let lines = ConsoleTranscript.commands(in: "\nset -x\nif true; then\n  echo yes\nfi\n", language: "bash", firstLine: 5)
        #expect(lines.map(\.text) == ["set -x\nif true; then\n  echo yes\nfi"])
        #expect(lines[0].firstLine == 6 && lines[0].lastLine == 9)
    }

    @Test func pythonSessions() {
        #expect(texts(">>> import os\n>>> for x in []:\n...     print(x)\n3", "pycon") == ["import os", "for x in []:\n    print(x)"])
    }
}
