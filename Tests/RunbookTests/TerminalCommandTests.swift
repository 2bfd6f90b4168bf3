import Foundation
import Testing
import StepAST

/// A command that works only at a terminal (a pager, an editor, a password
/// prompt) gets the operator's terminal when the run has one, and the script
/// refuses to start without one. The terminal here is a real pseudo-terminal
/// (util-linux `script`), with a real `less` waiting for its `q`.
@Suite struct TerminalCommandTests {
    static let doc = """
    # Look

    ## Before

    ```bash
    echo before > "$OUT/before"
    ```

    ## Read the notes

    ```bash
    less /etc/hostname
    ```

    ## After

    ```bash
    echo after > "$OUT/after"
    ```
    """

    /// `-it` on a continuation line of `docker run \` asks for a terminal as on the first line.
    @Test(arguments: ["docker run -it alpine sh", "docker run \\\n  -v /srv:/srv \\\n  -it \\\n  alpine sh", "sudo docker exec -ti app sh"])
    func aTerminalAskedOnAnyLineOfACommandIsSeen(command: String) {
        #expect(InteractiveCommand.needsTerminal(command), "\(command)")
        #expect(!InteractiveCommand.needsTerminal(command.replacingOccurrences(of: "-it", with: "-d").replacingOccurrences(of: "-ti", with: "-d")))
    }

    @Test func withoutATerminalTheScriptRefusesBeforeChangingAnything() throws {
        let (project, script, env) = try TestSupport.buildProcedure(Self.doc)
        // setsid: a session with no controlling terminal, whoever runs the tests.
        let result = try TestSupport.run("setsid", ["-w", "bash", script, "--yes"], environment: env)
        #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("step read-the-notes runs a command that works only at a terminal"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: project + "/before"))
    }

    @Test func atATerminalTheCommandGetsItAndTheRunGoesOn() throws {
        let (project, script, env) = try TestSupport.buildProcedure(Self.doc)
        // The keys reach less through the pseudo-terminal; 'q' once it shows the file.
        let result = try TestSupport.run("timeout", ["60", "bash", "-c", "(sleep 3; printf q) | script -qec \"bash '\(script)' --yes\" /dev/null"], environment: env)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("/etc/hostname"), "less showed the file at the terminal: \(result.stdout)")
        #expect(TestSupport.read(project + "/after") == "after\n")
    }

    @Test func buildSaysTheScriptGivesItTheTerminal() throws {
        let project = try TestSupport.temporaryDirectory("terminal-warning")
        try TestSupport.write(Self.doc, to: project + "/docs-src/look.md")
        let result = try TestSupport.runbook(["build"], in: project)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("'less /etc/hostname' waits for a person at a terminal: the script gives it the operator's terminal, and refuses to start without one"),
                "\(result.stderr)")
    }
}
