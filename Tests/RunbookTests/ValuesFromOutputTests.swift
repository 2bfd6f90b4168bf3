import Foundation
import Testing
@testable import Extraction

/// Pass values-from-output: an id the page's own run printed is the author's
/// value; a command that names it is shown with it, and what only looks like
/// one (a pinned commit, a path, a version) still runs.
@Suite struct ValuesFromOutputTests {
    static let listedThenUsed = [
        ("md", "# P\n\n## Look\n\n```\n$ kopia ls -l kb9a8420bf6b8ea280d6637ad1adbd4c5\n-rw-r--r--  3749 2019-05-14 8c9e27bed2f577b31b07b07da4bdfffb   config.toml\n```\n\nTo examine a file, pass its object id:\n\n```shell\n$ kopia show 8c9e27bed2f577b31b07b07da4bdfffb\n```\n"),
        ("rst", "P\n=\n\nLook\n----\n\n.. code-block:: console\n\n    $ kopia ls -l kb9a8420bf6b8ea280d6637ad1adbd4c5\n    -rw-r--r--  3749 2019-05-14 8c9e27bed2f577b31b07b07da4bdfffb   config.toml\n\nTo examine a file, pass its object id:\n\n.. code-block:: console\n\n    $ kopia show 8c9e27bed2f577b31b07b07da4bdfffb\n"),
    ]

    @Test(arguments: listedThenUsed)
    func anIdTheOutputListedIsShownWithIt(format: String, text: String) throws {
        // The first command's id is the author's too, but no line before it shows one: it runs as the page gives it.
        #expect(try ChoiceReadingTests.runs(text, format).map(\.text) == ["kopia ls -l kb9a8420bf6b8ea280d6637ad1adbd4c5"])
        #expect(try ChoiceReadingTests.shown(text, format).contains("kopia show 8c9e27bed2f577b31b07b07da4bdfffb"))
    }

    /// A commit the page pins, a path and a version are no values of the page's output.
    @Test func aPinnedCommitAPathAndAVersionStillRun() throws {
        let text = "# P\n\n## Get it\n\n```console\n$ git log --oneline -1\n3f2a9c1 Release 2.4.0\n$ ls /srv/releases\napp-20240101 app-2.4.0\n```\n\nThen:\n\n```console\n$ git checkout 0c1e5f7a9b2d4c6e8f0a1b3c5d7e9f1a2b3c4d5e\n$ cd /srv/releases/app-20240101\n$ ./install --version 2.4.0\n```\n"
        let runs = try ChoiceReadingTests.runs(text, "md").map(\.text).joined(separator: "\n")
        #expect(runs.contains("git checkout 0c1e5f7a9b2d4c6e8f0a1b3c5d7e9f1a2b3c4d5e"))
        #expect(runs.contains("cd /srv/releases/app-20240101") && runs.contains("./install --version 2.4.0"))
    }

    @Test func identifiersAreIdShapedWords() {
        #expect(ValuesFromOutput.identifiers(in: "restic restore 79766175:/home/user/work --target /tmp/x") == ["79766175"])
        #expect(ValuesFromOutput.identifiers(in: "docker exec -it 3f4e5a6b7c8d sh") == ["3f4e5a6b7c8d"])
        #expect(ValuesFromOutput.identifiers(in: "cd /srv/app-20240101 && tar xf v1.2.3.tar.gz && echo deadbeef") == [])
        #expect(ValuesFromOutput.identifiers(in: "curl -X DELETE /api/jobs/123e4567-e89b-12d3-a456-426614174000") == ["123e4567-e89b-12d3-a456-426614174000"])
    }
}
